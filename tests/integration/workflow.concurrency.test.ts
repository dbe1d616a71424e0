import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/auth/actor.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

/**
 * The workflow kernel under contention: two reviewers approving the same case at the same moment, actions that the
 * state or the role does not allow, a reject without its required comment, and the working-day SLA clock.
 */

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const WORKFLOW = 'registry.household_change';
const REVIEWER2 = 'xns_reviewer2';
const REVIEWER2_PASSWORD = 'Shen-He#2026x';

interface CaseOut {
  id: string;
  state: string;
  stateName: string;
  version: number;
  assigneeId: string | null;
  receivedOn: string;
  dueOn: string | null;
  stepDueOn: string | null;
  overdue: boolean;
  history: Array<{ seq: number; action: string; fromState: string | null; toState: string; actorName: string | null }>;
  actions: Array<{ code: string }>;
}
interface TaskItem {
  id: string;
  stepDueOn: string | null;
  overdue: boolean;
}
interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  fields: Array<{ field: string }>;
}
interface HouseholdOut {
  id: string;
  address: string;
  version: number;
}

describe.each(ENGINES)('workflow actions under contention on %s', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  let seq = 0;

  const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { cookie: cookies[user] }, payload });

  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };

  /** A household of one in 荆竹村 and a household-change case for it, opened by xns_clerk. */
  const householdWithCase = async (newAddress: string) => {
    seq += 1;
    const person = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/persons', {
        idNumber: makeIdNumber('500156', '1968-08-08', seq),
        name: `户主${seq}`,
        regionCode: JZ,
      }),
      201,
    );
    const household = ok<HouseholdOut>(
      await call('xns_clerk', 'POST', '/households', {
        address: `荆竹村 ${seq} 组`,
        regionCode: JZ,
        headPersonId: person.id,
      }),
      201,
    );
    const opened = ok<CaseOut>(
      await call('xns_clerk', 'POST', '/cases', {
        workflow: WORKFLOW,
        regionCode: JZ,
        title: '家庭住址变更',
        subjectType: 'household',
        subjectId: household.id,
        data: { householdId: household.id, newAddress },
      }),
      201,
    );
    return { household, opened };
  };

  const count = async (sql: string, params: unknown[]) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    app = t.app;
    for (const u of ['admin', 'xns_clerk', 'xns_reviewer']) cookies[u] = await login(app, u);

    // a second township reviewer of 仙女山街道, created through the admin API
    const orgs = ok<Array<{ id: string; regionCode: string; kind: string }>>(await call('admin', 'GET', '/orgs'));
    const org = orgs.find((o) => o.regionCode === '500156003' && o.kind === 'township_office');
    if (!org) throw new Error('no 仙女山街道 office among the organisations');
    ok(
      await call('admin', 'POST', '/users', {
        username: REVIEWER2,
        displayName: '仙女山街道 审核员 李华',
        password: REVIEWER2_PASSWORD,
        orgId: org.id,
        regionScope: '500156003',
        roles: ['township_reviewer'],
      }),
      201,
    );
    cookies[REVIEWER2] = await login(app, REVIEWER2, REVIEWER2_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the new reviewer signs in with the password set by admin: every call but me/password/logout is 403 until it is changed, then they may act', async () => {
    const me = ok<{ username: string; mustChangePassword: boolean; regionScope: string; permissions: string[] }>(
      await call(REVIEWER2, 'GET', '/auth/me'),
    );
    expect(me.username).toBe(REVIEWER2);
    expect(me.mustChangePassword).toBe(true);
    expect(me.regionScope).toBe('500156003');
    expect(me.permissions).toContain('case:act');
    const refused = await call(REVIEWER2, 'GET', '/tasks?scope=mine');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorBody>().code).toBe('auth.password_change_required');
    ok(
      await call(REVIEWER2, 'POST', '/auth/password', {
        oldPassword: REVIEWER2_PASSWORD,
        newPassword: 'Li-Hua#2026new',
      }),
    );
    const after = ok<{ mustChangePassword: boolean }>(await call(REVIEWER2, 'GET', '/auth/me'));
    expect(after.mustChangePassword).toBe(false);
    expect((await call(REVIEWER2, 'GET', '/tasks?scope=mine')).statusCode).toBe(200);
  });

  it('two simultaneous approves with version 1 (xns_reviewer + new reviewer, no claim) → one 200, one 409 workflow.conflict; effect ran once', async () => {
    const { household, opened } = await householdWithCase('荆竹村 新居 8 号');
    expect(opened.assigneeId).toBeNull();
    expect(opened.version).toBe(1);
    expect(opened.actions.map((a) => a.code)).toEqual([]); // the clerk may not approve
    const seen = ok<CaseOut>(await call('xns_reviewer', 'GET', `/cases/${opened.id}`));
    expect(seen.actions.map((a) => a.code).sort()).toEqual(['approve', 'reject']);

    const results = await Promise.all(
      ['xns_reviewer', REVIEWER2].map((u) =>
        call(u, 'POST', `/cases/${opened.id}/actions/approve`, { version: 1, comment: '核实无误' }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses, results.map((r) => r.body).join('\n')).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    expect(loser?.json<ErrorBody>().code).toBe('workflow.conflict');
    const winner = results.find((r) => r.statusCode === 200)?.json<CaseOut>();
    expect(winner?.state).toBe('approved');
    expect(winner?.version).toBe(2);

    const after = ok<CaseOut>(await call('xns_reviewer', 'GET', `/cases/${opened.id}`));
    expect(after.state).toBe('approved');
    expect(after.version).toBe(2);
    expect(after.history.map((h) => h.action)).toEqual(['open', 'approve']);
    expect(after.history.filter((h) => h.action === 'approve')).toHaveLength(1);

    const hh = ok<HouseholdOut>(await call('xns_clerk', 'GET', `/households/${household.id}`));
    expect(hh.address).toBe('荆竹村 新居 8 号');
    expect(hh.version).toBe(household.version + 1);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'household.address_changed' AND entity_id = $1",
        [household.id],
      ),
    ).toBe(1);
    expect(
      await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.approve' AND entity_id = $1", [
        opened.id,
      ]),
    ).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM wf_action WHERE case_id = $1', [opened.id])).toBe(2);
  });

  it('6 more races (approve vs approve, approve vs reject) → each exactly one 200 + one 409; the address changes iff approve won', async () => {
    for (let round = 0; round < 6; round++) {
      const newAddress = `荆竹村 竞争 ${round} 号`;
      const { household, opened } = await householdWithCase(newAddress);
      const second = round % 2 === 0 ? 'approve' : 'reject';
      const results = await Promise.all([
        call(round % 3 === 0 ? REVIEWER2 : 'xns_reviewer', 'POST', `/cases/${opened.id}/actions/approve`, {
          version: 1,
        }),
        call(round % 3 === 0 ? 'xns_reviewer' : REVIEWER2, 'POST', `/cases/${opened.id}/actions/${second}`, {
          version: 1,
          comment: '材料不全',
        }),
      ]);
      expect(results.map((r) => r.statusCode).sort(), `round ${round}`).toEqual([200, 409]);
      expect(results.find((r) => r.statusCode === 409)?.json<ErrorBody>().code).toBe('workflow.conflict');
      const after = ok<CaseOut>(await call('xns_reviewer', 'GET', `/cases/${opened.id}`));
      expect(after.version).toBe(2);
      expect(after.history).toHaveLength(2);
      const hh = ok<HouseholdOut>(await call('xns_clerk', 'GET', `/households/${household.id}`));
      if (after.state === 'approved') {
        expect(hh.address).toBe(newAddress);
        expect(hh.version).toBe(household.version + 1);
      } else {
        expect(after.state).toBe('rejected');
        expect(hh.address).toBe(household.address);
        expect(hh.version).toBe(household.version);
      }
    }
  });

  it('approving an approved case → 422 naming the step 「已变更」 (stale version → 409 workflow.conflict); nothing changes', async () => {
    const { household, opened } = await householdWithCase('荆竹村 新居 9 号');
    ok(await call('xns_reviewer', 'POST', `/cases/${opened.id}/actions/approve`, { version: 1 }));

    // with the current version (2): the step is final
    const again = await call(REVIEWER2, 'POST', `/cases/${opened.id}/actions/approve`, { version: 2 });
    expect([409, 422], again.body).toContain(again.statusCode);
    expect(again.json<ErrorBody>().message_zh).toContain('「已变更」');
    expect(again.json<ErrorBody>().message_en).toContain('Changed');
    // with the version seen before the approval: a stale version is the contract's 409 workflow.conflict
    const stale = await call(REVIEWER2, 'POST', `/cases/${opened.id}/actions/approve`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().code).toBe('workflow.conflict');
    const after = ok<CaseOut>(await call('xns_reviewer', 'GET', `/cases/${opened.id}`));
    expect(after.version).toBe(2);
    expect(after.history.map((h) => h.action)).toEqual(['open', 'approve']);
    expect(after.actions).toEqual([]);
    expect(ok<HouseholdOut>(await call('xns_clerk', 'GET', `/households/${household.id}`)).version).toBe(
      household.version + 1,
    );
  });

  it('xns_clerk (township_clerk) approving → 403 whose message names the step 「待审核」; the case stays put', async () => {
    const { household, opened } = await householdWithCase('荆竹村 新居 10 号');
    const res = await call('xns_clerk', 'POST', `/cases/${opened.id}/actions/approve`, { version: 1 });
    expect(res.statusCode).toBe(403);
    const err = res.json<ErrorBody>();
    expect(err.code).toBe('workflow.forbidden');
    expect(err.message_zh).toContain('「待审核」');
    expect(err.message_en).toContain('Awaiting review');
    const after = ok<CaseOut>(await call('xns_reviewer', 'GET', `/cases/${opened.id}`));
    expect(after.state).toBe('submitted');
    expect(after.version).toBe(1);
    expect(ok<HouseholdOut>(await call('xns_clerk', 'GET', `/households/${household.id}`)).address).toBe(
      household.address,
    );
  });

  it('reject without a comment → 400 naming field "comment"; with one → 200 rejected and the address is kept', async () => {
    const { household, opened } = await householdWithCase('荆竹村 新居 11 号');
    for (const body of [{ version: 1 }, { version: 1, comment: '' }, { version: 1, comment: ' 否 ' }]) {
      const res = await call('xns_reviewer', 'POST', `/cases/${opened.id}/actions/reject`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const err = res.json<ErrorBody>();
      expect(err.code).toBe('request.invalid');
      expect(err.fields.map((f) => f.field)).toContain('comment');
    }
    expect(ok<CaseOut>(await call('xns_reviewer', 'GET', `/cases/${opened.id}`)).version).toBe(1);

    const rejected = ok<CaseOut>(
      await call('xns_reviewer', 'POST', `/cases/${opened.id}/actions/reject`, { version: 1, comment: '地址证明不全' }),
    );
    expect(rejected.state).toBe('rejected');
    expect(rejected.history.map((h) => h.action)).toEqual(['open', 'reject']);
    expect(ok<HouseholdOut>(await call('xns_clerk', 'GET', `/households/${household.id}`)).address).toBe(
      household.address,
    );
  });

  it('SLA: received 2025-09-30 → step due 2025-10-14 (5 working days over 国庆), case due 2025-10-21; overdue in /tasks', async () => {
    const { rows } = await t.db.query<{ id: string }>("SELECT id FROM app_user WHERE username = 'xns_clerk'");
    const actor: Actor | undefined = await t.platform.auth.loadStaffActor(rows[0].id);
    if (!actor) throw new Error('xns_clerk not loaded');
    const { household } = await householdWithCase('荆竹村 新居 12 号');
    const created = await t.platform.workflow.open(actor, {
      workflow: WORKFLOW,
      regionCode: JZ,
      title: '国庆前受理的变更',
      data: { householdId: household.id, newAddress: '荆竹村 新居 12 号' },
      receivedOn: '2025-09-30',
    });

    const detail = ok<CaseOut>(await call('xns_reviewer', 'GET', `/cases/${created.id}`));
    expect(detail.receivedOn).toBe('2025-09-30');
    expect(detail.stepDueOn).toBe('2025-10-14');
    expect(detail.dueOn).toBe('2025-10-21');
    expect(detail.overdue).toBe(true);

    const tasks = ok<{ total: number; items: TaskItem[] }>(
      await call('xns_reviewer', 'GET', '/tasks?scope=all&pageSize=200'),
    );
    const item = tasks.items.find((c) => c.id === created.id);
    expect(item?.stepDueOn).toBe('2025-10-14');
    expect(item?.overdue).toBe(true);
    // a case received today is not overdue (control), and the overdue one sorts first
    const fresh = tasks.items.filter((c) => c.id !== created.id);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((c) => c.overdue === false)).toBe(true);
    expect(tasks.items[0].id).toBe(created.id);
  });
});
