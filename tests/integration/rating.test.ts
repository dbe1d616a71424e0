import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const TODAY = '2025-09-30'; // a Tuesday before the National Day holiday (10-01..10-08; 10-11 is a make-up workday)

interface Resident {
  idNumber: string;
  phone: string;
  caseId: string;
  cookie: string;
}

describe.each(ENGINES)('好差评 service rating on %s', (engine) => {
  let t: TestPlatform;
  const sms: string[] = [];
  const cookies = new Map<string, string>();
  let seq = 100;

  const staff = async (username: string) => {
    let cookie = cookies.get(username);
    if (!cookie) {
      cookie = await login(t.app, username);
      cookies.set(username, cookie);
    }
    return cookie;
  };
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: who.startsWith('hm_portal=') ? who : await staff(who) },
      payload: payload as Record<string, unknown>,
    });
  const ok = <T>(r: { statusCode: number; body: string; json: () => unknown }, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0].n;

  /** A resident of 荆竹村 with a household, one address-change case (closed unless asked) and a portal session. */
  async function residentWithCase(close = true): Promise<Resident> {
    seq += 2;
    const idNumber = makeIdNumber('500156', '1962-05-05', seq);
    const phone = `139${String(10_000_000 + seq).slice(-8)}`;
    const person = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/persons', { idNumber, name: `冉评${seq}`, phone, regionCode: JZ }),
      201,
    );
    const household = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/households', {
        address: `荆竹村${seq}号`,
        regionCode: JZ,
        headPersonId: person.id,
      }),
      201,
    );
    const opened = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/cases', {
        workflow: 'registry.household_change',
        regionCode: JZ,
        title: `冉评${seq}户 地址变更`,
        subjectType: 'household',
        subjectId: household.id,
        data: { householdId: household.id, newAddress: `荆竹村${seq + 1}号` },
      }),
      201,
    );
    if (close) ok(await call('xns_reviewer', 'POST', `/cases/${opened.id}/actions/approve`, { version: 1 }));
    await t.app.inject({ method: 'POST', url: '/api/v1/portal/otp', payload: { idNumber, phone } });
    const code = /(\d{6})/.exec(sms[sms.length - 1] ?? '')?.[1];
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { idNumber, phone, code } });
    const portal = res.cookies.find((c) => c.name === 'hm_portal');
    if (!portal) throw new Error(`portal login failed: ${res.statusCode} ${res.body}`);
    return { idNumber, phone, caseId: opened.id, cookie: `hm_portal=${portal.value}` };
  }

  beforeAll(async () => {
    t = await createTestPlatform(engine, {
      today: () => TODAY,
      sms: { send: async (_phone, text) => void sms.push(text) },
    });
  });
  afterAll(() => t.close());

  it('a resident rates a closed case 满意 with 2 dimensions: 201, listed as rated, 1 audit row, no follow-up', async () => {
    const r = await residentWithCase();
    const listed = ok<{ items: Array<{ caseId: string; rating: unknown }> }>(
      await call(r.cookie, 'GET', '/portal/ratings'),
    );
    expect(listed.items).toEqual([expect.objectContaining({ caseId: r.caseId, rating: null })]);
    const rating = ok<{ grade: string; score: number; channel: string; followUp: boolean; ratedOn: string }>(
      await call(r.cookie, 'POST', '/portal/ratings', {
        caseId: r.caseId,
        grade: 'satisfied',
        dimensions: ['efficiency', 'attitude'],
        comment: '办事很快',
      }),
      201,
    );
    expect(rating).toMatchObject({ grade: 'satisfied', score: 4, channel: 'portal', followUp: false, ratedOn: TODAY });
    const after = ok<{ items: Array<{ rating: unknown }> }>(await call(r.cookie, 'GET', '/portal/ratings'));
    expect(after.items[0].rating).toEqual({ grade: 'satisfied', ratedOn: TODAY });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'rating.submit' AND entity_id = '${r.caseId}'`,
      ),
    ).toBe(1);
    await t.platform.events.dispatchPending();
    expect(await count("SELECT count(*)::int AS n FROM wf_case WHERE workflow = 'rating.follow_up'")).toBe(0);
  });

  it('each case is rated once: a second rating is 409 conflict.duplicate and the 1 row stays unchanged', async () => {
    const r = await residentWithCase();
    ok(await call(r.cookie, 'POST', '/portal/ratings', { caseId: r.caseId, grade: 'very_satisfied' }), 201);
    const again = await call(r.cookie, 'POST', '/portal/ratings', { caseId: r.caseId, grade: 'very_dissatisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict.duplicate');
    const { rows } = await t.db.query('SELECT grade FROM service_rating WHERE case_id = $1', [r.caseId]);
    expect(rows).toEqual([{ grade: 'very_satisfied' }]);
    // The row itself is append-only, like the audit log.
    await expect(t.db.query("UPDATE service_rating SET grade = 'satisfied'")).rejects.toThrow(/append-only|permission/);
  });

  it('an open case is 422 rating.not_closed; a bad grade is 400 naming grade; neither writes a row', async () => {
    const r = await residentWithCase(false);
    const before = await count('SELECT count(*)::int AS n FROM service_rating');
    const open = await call(r.cookie, 'POST', '/portal/ratings', { caseId: r.caseId, grade: 'satisfied' });
    expect(open.statusCode).toBe(422);
    expect(open.json().code).toBe('rating.not_closed');
    const bad = await call(r.cookie, 'POST', '/portal/ratings', {
      caseId: r.caseId,
      grade: 'great',
      dimensions: ['x'],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['body.dimensions.0', 'body.grade']);
    expect(await count('SELECT count(*)::int AS n FROM service_rating')).toBe(before);
  });

  it("a resident cannot rate another resident's case: 404, as if it did not exist", async () => {
    const a = await residentWithCase();
    const b = await residentWithCase();
    const r = await call(b.cookie, 'POST', '/portal/ratings', { caseId: a.caseId, grade: 'very_dissatisfied' });
    expect(r.statusCode).toBe(404);
  });

  it('不满意 opens 1 follow-up for the township reviewers due 2025-10-14 (5 working days over National Day), once', async () => {
    const r = await residentWithCase();
    ok(
      await call(r.cookie, 'POST', '/portal/ratings', {
        caseId: r.caseId,
        grade: 'dissatisfied',
        dimensions: ['efficiency'],
        comment: '跑了三趟',
      }),
      201,
    );
    await t.platform.events.dispatchPending();
    await t.platform.events.dispatchPending();
    const { rows } = await t.db.query<{
      id: string;
      candidate_role: string;
      due_on: string;
      data: { comment: string };
    }>("SELECT id, candidate_role, due_on, data FROM wf_case WHERE workflow = 'rating.follow_up'");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ candidate_role: 'township_reviewer', due_on: '2025-10-14' });
    expect(rows[0].data.comment).toBe('跑了三趟');
    const xns = ok<{ items: Array<{ id: string; stepDueOn: string }> }>(
      await call('xns_reviewer', 'GET', '/tasks?scope=claimable&pageSize=200'),
    );
    expect(xns.items.find((i) => i.id === rows[0].id)?.stepDueOn).toBe('2025-10-14');
    const bm = ok<{ items: Array<{ id: string }> }>(await call('bm_reviewer', 'GET', '/tasks?scope=all&pageSize=200'));
    expect(bm.items.some((i) => i.id === rows[0].id)).toBe(false);
    // The reviewer records the call-back; the follow-up closes.
    const done = ok<{ state: string; closedAt: string | null }>(
      await call('xns_reviewer', 'POST', `/cases/${rows[0].id}/actions/resolve`, {
        version: 1,
        comment: '已电话回访,致歉并说明办理时限',
        input: { residentReached: true },
      }),
    );
    expect(done.state).toBe('resolved');
    expect(done.closedAt).not.toBeNull();
  });

  it('nobody opens a follow-up by hand: POST /cases rating.follow_up is 403 for xns_clerk', async () => {
    const r = await call('xns_clerk', 'POST', '/cases', {
      workflow: 'rating.follow_up',
      regionCode: JZ,
      title: '手工回访',
      data: {
        ratingId: '00000000-0000-4000-8000-000000000001',
        ratedCaseId: '00000000-0000-4000-8000-000000000002',
        ratedCaseNo: 'HM20250930000001',
        grade: 'dissatisfied',
        dimensions: [],
        comment: null,
      },
    });
    expect(r.statusCode, r.body).toBe(403);
    expect(await count("SELECT count(*)::int AS n FROM wf_case WHERE title = '手工回访'")).toBe(0);
  });

  it('the window clerk rates on behalf (201, channel window); bm_clerk gets 404, xns_reviewer 403', async () => {
    const r = await residentWithCase();
    expect((await call('bm_clerk', 'POST', `/cases/${r.caseId}/rating`, { grade: 'satisfied' })).statusCode).toBe(404);
    expect((await call('xns_reviewer', 'POST', `/cases/${r.caseId}/rating`, { grade: 'satisfied' })).statusCode).toBe(
      403,
    );
    const rating = ok<{ channel: string; grade: string }>(
      await call('xns_clerk', 'POST', `/cases/${r.caseId}/rating`, { grade: 'basically_satisfied' }),
      201,
    );
    expect(rating).toMatchObject({ channel: 'window', grade: 'basically_satisfied' });
  });

  it('stats per organisation: 仙女山街道社会事务办 has 4 ratings (5★ 4★ 3★ 2★ one each) = 75.0 % satisfied; 0 for 白马镇', async () => {
    interface Stats {
      items: Array<{ orgName: string; total: number; counts: Record<string, number>; satisfactionRate: number }>;
      totals: { total: number };
    }
    const admin = ok<Stats>(await call('admin', 'GET', '/ratings/stats'));
    expect(admin.items).toHaveLength(1);
    expect(admin.items[0]).toMatchObject({
      orgName: '仙女山街道社会事务办',
      total: 4,
      counts: { very_satisfied: 1, satisfied: 1, basically_satisfied: 1, dissatisfied: 1, very_dissatisfied: 0 },
      satisfactionRate: 75,
    });
    const bm = ok<Stats>(await call('bm_reviewer', 'GET', '/ratings/stats'));
    expect(bm.totals.total).toBe(0);
    const future = ok<Stats>(await call('admin', 'GET', '/ratings/stats?from=2025-10-01'));
    expect(future.totals.total).toBe(0);
    expect((await call('admin', 'GET', '/ratings/stats?from=2025-13-01')).statusCode).toBe(400);
  });
});
