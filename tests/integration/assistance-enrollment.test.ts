import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../src/core/auth/actor.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { enrollApproved } from '../../src/modules/assistance/enrollment/enroll-approved.ts';
import { openDueRechecks } from '../../src/modules/assistance/enrollment/index.ts';
import { classifyApplication } from '../../src/modules/assistance/rules/classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../../src/modules/assistance/rules/default-parameters.ts';
import type { ApplicationFacts } from '../../src/modules/assistance/rules/facts.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const TODAY = '2026-01-10';

type Res = { statusCode: number; body: string; json: () => unknown };

describe.each(ENGINES)('低保 enrollment lifecycle on %s', (engine) => {
  let t: TestPlatform;
  const cookies = new Map<string, string>();
  let seq = 500;
  let keySeq = 0;

  const call = async (user: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    let cookie = cookies.get(user);
    if (!cookie) {
      cookie = await login(t.app, user);
      cookies.set(user, cookie);
    }
    return (await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie, 'idempotency-key': `e-${engine}-${++keySeq}` },
      payload: payload as Record<string, unknown>,
    })) as unknown as Res;
  };
  const ok = <T>(r: Res, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };

  /** The urban household of 3 (1,500/month wages) in 荆竹村, approved on `approvedOn`. */
  async function enrolled(approvedOn: string) {
    const people: string[] = [];
    for (let i = 0; i < 3; i++) {
      seq++;
      const birth = i === 2 ? '2015-05-05' : '1985-03-01';
      const p = ok<{ id: string }>(
        await call('xns_clerk', 'POST', '/persons', {
          idNumber: makeIdNumber('500156', birth, seq),
          name: `冉复${seq}`,
          regionCode: JZ,
        }),
        201,
      );
      people.push(p.id);
    }
    const household = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/households', {
        address: `荆竹${seq}号`,
        regionCode: JZ,
        headPersonId: people[0],
      }),
      201,
    );
    const opened = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/cases', {
        workflow: 'registry.household_change',
        regionCode: JZ,
        title: '救助审批(测试)',
        subjectType: 'household',
        subjectId: household.id,
        data: { householdId: household.id, newAddress: `荆竹${seq}号之一` },
      }),
      201,
    );
    const facts: ApplicationFacts = {
      regionCode: JZ,
      area: 'urban',
      persons: people.map((id, i) => ({
        id,
        relation: i === 0 ? 'applicant' : i === 1 ? 'spouse' : 'child',
        birthDate: i === 2 ? '2015-05-05' : '1985-03-01',
        livesTogether: true,
      })),
      incomes: [{ memberId: people[0], category: 'wage', kind: 'wage', amountFen: 150_000 * 12 }],
      spending: [],
      assets: { financialAssetsFen: 0, vehicles: [], dwellingBeyondAreaRule: false, businessEmployingOthers: false },
    };
    const classification = classifyApplication(facts, {
      versions: DEFAULT_PARAMETER_VERSIONS,
      decisionDate: approvedOn,
    });
    const [enrollmentId] = await t.db.transaction((tx) =>
      enrollApproved(tx, systemActor('test.approval'), {
        caseId: opened.id,
        householdId: household.id,
        regionCode: JZ,
        area: 'urban',
        approvedOn,
        classification,
        policySnapshotId: null,
      }),
    );
    return { enrollmentId, householdId: household.id, people };
  }

  interface Detail {
    status: string;
    amountFen: number;
    endMonth: string | null;
    nextReviewOn: string | null;
    version: number;
    events: Array<{ kind: string; toStatus: string | null; effectiveMonth: string | null }>;
    reports: Array<{ id: string; kind: string; status: string }>;
    overpayments: Array<{ amountFen: number; fineFen: number }>;
  }
  const detail = async (id: string) => ok<Detail>(await call('xns_reviewer', 'GET', `/assistance/enrollments/${id}`));

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
  }, 120_000);
  afterAll(() => t?.close());

  it('re-check every 6 months for a household with wages: approved 2025-07-10 → due 2026-01-10; the job opens it once', async () => {
    const e = await enrolled('2025-07-10');
    expect((await detail(e.enrollmentId)).nextReviewOn).toBe('2026-01-10');
    const first = await openDueRechecks({ db: t.db, workflow: t.platform.workflow, today: () => TODAY });
    expect(first.opened).toBeGreaterThanOrEqual(1);
    const second = await openDueRechecks({ db: t.db, workflow: t.platform.workflow, today: () => TODAY });
    expect(second.opened).toBe(0);
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM wf_case WHERE workflow = 'assistance.recheck' AND subject_id = $1",
      [e.enrollmentId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('re-check finds per-capita 800 (between 770 and 1,155): 渐退 paying 1,041 for 6 months, 2026-02..2026-07, none in 2026-08', async () => {
    const e = await enrolled('2025-07-11');
    await t.db.query("UPDATE assistance_enrollment SET next_review_on = '2026-01-01' WHERE id = $1", [e.enrollmentId]);
    await openDueRechecks({ db: t.db, workflow: t.platform.workflow, today: () => TODAY });
    const { rows } = await t.db.query<{ id: string; version: number }>(
      "SELECT id, version FROM wf_case WHERE workflow = 'assistance.recheck' AND subject_id = $1",
      [e.enrollmentId],
    );
    const acted = await call('xns_reviewer', 'POST', `/cases/${rows[0].id}/actions/reassess`, {
      version: rows[0].version,
      input: { monthlyIncomeFen: 240_000, members: 3 },
      comment: '家庭成员就业，收入增加',
    });
    expect(acted.statusCode, acted.body).toBe(200);
    const after = await detail(e.enrollmentId);
    expect(after).toMatchObject({ status: 'gradual_exit', endMonth: '2026-07', amountFen: 104_100 });
    const actor = { ...systemActor('bench'), regionScope: '500156' } as Actor;
    const linesOf = async (month: string) => {
      const run = await t.platform.payroll.compute(actor, {
        district: '500156',
        programme: 'minimumLivingAllowance',
        month,
      });
      const r = await t.db.query<{ amount_fen: number }>(
        'SELECT amount_fen FROM payroll_line WHERE run_id = $1 AND enrollment_id = $2',
        [run.id, e.enrollmentId],
      );
      return r.rows.map((x) => x.amount_fen);
    };
    expect(await linesOf('2026-07')).toEqual([104_100]);
    expect(await linesOf('2026-08')).toEqual([]);
  });

  it('a change report brings the re-check forward to today and shows in the detail; the reviewer reviews it', async () => {
    const e = await enrolled('2025-07-12');
    const report = ok<{ id: string }>(
      await call('xns_clerk', 'POST', `/assistance/enrollments/${e.enrollmentId}/reports`, {
        kind: 'change',
        content: { text: '儿子外出务工，月收入约3000元' },
      }),
      201,
    );
    const d = await detail(e.enrollmentId);
    expect(d.nextReviewOn).toBe(TODAY);
    expect(d.reports).toEqual([expect.objectContaining({ id: report.id, kind: 'change', status: 'submitted' })]);
    ok(await call('xns_reviewer', 'POST', `/assistance/reports/${report.id}/review`, { note: '已安排入户复核' }));
    expect((await detail(e.enrollmentId)).reports[0].status).toBe('reviewed');
    // A resident may report only on their own household's enrollment (portal, helper H5).
    const resident = { ...systemActor('r'), kind: 'resident' as const, personId: e.people[1] } as Actor;
    const own = await t.platform.enrollments.submitReport(resident, e.enrollmentId, 'periodic', { text: '收入无变化' });
    expect(own.period).toBe('2026-01');
    const stranger = { ...resident, personId: (await enrolled('2025-07-13')).people[0] } as Actor;
    await expect(t.platform.enrollments.submitReport(stranger, e.enrollmentId, 'periodic', {})).rejects.toThrow(
      /not found/,
    );
  });

  it('fraud exit: stops from next month, recovery 3,000 with fine 2× = 6,000; multiple 4 (> 3) is a field error', async () => {
    const e = await enrolled('2025-07-14');
    const bad = await call('xns_reviewer', 'POST', `/assistance/enrollments/${e.enrollmentId}/status`, {
      action: 'exit',
      reason: '隐瞒收入',
      version: 1,
      exitKind: 'fraud',
      obtainedFen: 300_000,
      fineMultiple: 4,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('fineMultiple');
    expect((await detail(e.enrollmentId)).status).toBe('active');
    const exited = ok<Detail>(
      await call('xns_reviewer', 'POST', `/assistance/enrollments/${e.enrollmentId}/status`, {
        action: 'exit',
        reason: '隐瞒收入',
        version: 1,
        exitKind: 'fraud',
        obtainedFen: 300_000,
        fineMultiple: 2,
      }),
    );
    expect(exited).toMatchObject({ status: 'exited', endMonth: '2026-01' });
    expect(exited.overpayments).toEqual([expect.objectContaining({ amountFen: 300_000, fineFen: 600_000 })]);
    expect(exited.events.at(-1)).toMatchObject({ kind: 'exit', toStatus: 'exited', effectiveMonth: '2026-02' });
  });

  it('a member leaving a household of 3 brings the re-check forward to the leaving date; the benefit continues', async () => {
    const e = await enrolled('2025-07-16');
    // The household was registered long before (the API dates memberships from today).
    await t.db.query("UPDATE household_member SET valid_from = '2025-01-01' WHERE household_id = $1", [e.householdId]);
    ok(
      await call('xns_clerk', 'POST', `/households/${e.householdId}/members/${e.people[0]}/leave`, {
        validTo: '2026-01-05',
      }),
    );
    await t.platform.events.dispatchPending();
    const d = await detail(e.enrollmentId);
    expect(d).toMatchObject({ status: 'active', nextReviewOn: '2026-01-05' });
    expect(d.events.map((x) => x.kind)).toContain('member_left');
  });

  it('scope and bad input: 白马镇 gets 404 for 仙女山 enrollments; a stale version is 409; bad ids are 400', async () => {
    const e = await enrolled('2025-07-15');
    expect((await call('bm_reviewer', 'GET', `/assistance/enrollments/${e.enrollmentId}`)).statusCode).toBe(404);
    const bmChange = await call('bm_reviewer', 'POST', `/assistance/enrollments/${e.enrollmentId}/status`, {
      action: 'suspend',
      reason: '核查',
      version: 1,
    });
    expect(bmChange.statusCode).toBe(404);
    const stale = await call('xns_reviewer', 'POST', `/assistance/enrollments/${e.enrollmentId}/status`, {
      action: 'suspend',
      reason: '核查',
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
    expect((await call('xns_reviewer', 'GET', '/assistance/enrollments/not-a-uuid')).statusCode).toBe(400);
    const noReason = await call('xns_reviewer', 'POST', `/assistance/enrollments/${e.enrollmentId}/status`, {
      action: 'suspend',
      reason: '',
      version: 1,
    });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('reason');
    const xlsx = await call('xns_reviewer', 'GET', '/assistance/enrollments/export.xlsx?status=active');
    expect(xlsx.statusCode).toBe(200);
  });
});
