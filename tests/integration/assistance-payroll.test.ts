import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/auth/actor.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { enrollApproved } from '../../src/modules/assistance/enrollment/enroll-approved.ts';
import { classifyApplication } from '../../src/modules/assistance/rules/classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../../src/modules/assistance/rules/default-parameters.ts';
import type { ApplicationFacts } from '../../src/modules/assistance/rules/facts.ts';
import { apiCaller } from '../support/api-caller.ts';
import { changeInitialPassword, createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const DS = '500156101202'; // 白马镇
const TODAY = '2025-07-25';
const CHECKER = 'wl_payroll2';
const PASSWORD = 'Huimin@2026-Pay';

describe.each(ENGINES)('低保 enrollment and monthly payroll on %s', (engine) => {
  let t: TestPlatform;
  let seq = 300;
  const { cookie, call, ok } = apiCaller(() => t.app, {
    keyPrefix: `k-${engine}`,
    passwordFor: (user) => (user === CHECKER ? `${PASSWORD}-Chg9` : undefined),
  });

  /** Facts of the urban household of 3 (one adult earning 1,500/month) or a one-person household. */
  function facts(village: string, people: string[], wagesFen: number): ApplicationFacts {
    return {
      regionCode: village,
      area: 'urban',
      persons: people.map((id, i) => ({
        id,
        relation: i === 0 ? 'applicant' : i === 1 ? 'spouse' : 'child',
        birthDate: i === 2 ? '2015-05-05' : '1985-03-01',
        livesTogether: true,
      })),
      incomes: wagesFen > 0 ? [{ memberId: people[0], category: 'wage', kind: 'wage', amountFen: wagesFen * 12 }] : [],
      spending: [],
      assets: { financialAssetsFen: 0, vehicles: [], dwellingBeyondAreaRule: false, businessEmployingOthers: false },
    };
  }

  /** Registers a household in the village, opens a case for it and enrolls it as approved on `approvedOn`. */
  async function enrolled(
    clerk: string,
    village: string,
    size: 1 | 3,
    approvedOn = '2025-06-28',
    custom?: (people: string[]) => ApplicationFacts,
  ) {
    const people: string[] = [];
    for (let i = 0; i < size; i++) {
      seq++;
      const p = ok<{ id: string }>(
        await call(clerk, 'POST', '/persons', {
          idNumber: makeIdNumber('500156', i === 2 ? '2015-05-05' : '1985-03-01', seq),
          name: `冉保${seq}`,
          regionCode: village,
        }),
        201,
      );
      people.push(p.id);
    }
    const household = ok<{ id: string }>(
      await call(clerk, 'POST', '/households', { address: `村${seq}号`, regionCode: village, headPersonId: people[0] }),
      201,
    );
    const opened = ok<{ id: string }>(
      await call(clerk, 'POST', '/cases', {
        workflow: 'registry.household_change',
        regionCode: village,
        title: '救助审批(测试)',
        subjectType: 'household',
        subjectId: household.id,
        data: { householdId: household.id, newAddress: `村${seq}号之一` },
      }),
      201,
    );
    // Decided 2025-07-10 for the June benefit month: (750 − 423) × 3 = 981 (rules README, worked example 2).
    const classification = classifyApplication(
      custom ? custom(people) : facts(village, people, size === 3 ? 150_000 : 0),
      {
        versions: DEFAULT_PARAMETER_VERSIONS,
        decisionDate: '2025-07-10',
        benefitMonth: '2025-06',
      },
    );
    const ids = await t.db.transaction((tx) =>
      enrollApproved(tx, systemActor('test.approval'), {
        caseId: opened.id,
        householdId: household.id,
        regionCode: village,
        area: 'urban',
        approvedOn,
        classification,
        policySnapshotId: null,
      }),
    );
    return { enrollmentId: ids[0], ids, caseId: opened.id, householdId: household.id, people, classification };
  }

  interface Run {
    id: string;
    status: string;
    lineCount: number;
    totalFen: number;
    heldCount: number;
    townships: Array<{ township: string; payable: number; payableFen: number }>;
  }
  interface Line {
    id: string;
    enrollmentId: string;
    forMonth: string;
    amountFen: number;
    status: string;
    payeeName: string;
    carriedFromLineId: string | null;
  }
  const compute = (user: string, month: string, programme = 'minimumLivingAllowance') =>
    call(user, 'POST', '/assistance/payroll/runs', { district: '500156', programme, month });
  const lines = async (user: string, runId: string) =>
    ok<{ total: number; items: Line[] }>(
      await call(user, 'GET', `/assistance/payroll/runs/${runId}/lines?pageSize=500`),
    ).items;

  let a: Awaited<ReturnType<typeof enrolled>>; // 仙女山, 3 persons, 981 → 1,041
  let b: Awaited<ReturnType<typeof enrolled>>; // 白马, 3 persons
  let c: Awaited<ReturnType<typeof enrolled>>; // 仙女山, 1 person, dies in July
  let d: Awaited<ReturnType<typeof enrolled>>; // 仙女山, suspended
  let july: Run;

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
    const orgs = ok<Array<{ id: string; regionCode: string }>>(await call('admin', 'GET', '/orgs'));
    const org = orgs.find((o) => o.regionCode === '500156');
    ok(
      await call('admin', 'POST', '/users', {
        username: CHECKER,
        displayName: '武隆复核员',
        password: PASSWORD,
        orgId: org?.id,
        regionScope: '500156',
        roles: ['district_approver'],
      }),
      201,
    );
    await changeInitialPassword(t.app, CHECKER, PASSWORD);
    a = await enrolled('xns_clerk', JZ, 3);
    b = await enrolled('bm_clerk', DS, 3);
    c = await enrolled('xns_clerk', JZ, 1);
    d = await enrolled('xns_clerk', JZ, 3);
  }, 120_000);
  afterAll(() => t?.close());

  it('approved in June 2025 at 750: enrolled at 981 from July (the month after approval), re-check in 6 months', async () => {
    const e = ok<{ amountFen: number; startMonth: string; status: string; nextReviewOn: string; payeeName: string }>(
      await call('xns_reviewer', 'GET', `/assistance/enrollments/${a.enrollmentId}`),
    );
    expect(e).toMatchObject({ amountFen: 98_100, startMonth: '2025-07', status: 'active', nextReviewOn: '2025-12-28' });
    expect(e.payeeName).toMatch(/^冉\*\d$|^冉\*+\d$/);
    // Idempotent per case and programme: the approval effect repeated returns the same enrollment.
    const again = await t.db.transaction((tx) =>
      enrollApproved(tx, systemActor('test.approval'), {
        caseId: a.caseId,
        householdId: a.householdId,
        regionCode: JZ,
        area: 'urban',
        approvedOn: '2025-06-28',
        classification: a.classification,
        policySnapshotId: null,
      }),
    );
    expect(again).toEqual(a.ids);
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM assistance_enrollment WHERE case_id = $1',
      [a.caseId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('July 2025 run: the 981 household is paid 1,041 (770 from 2025-07-01); suspended held; both townships', async () => {
    ok(
      await call('xns_reviewer', 'POST', `/assistance/enrollments/${d.enrollmentId}/status`, {
        action: 'suspend',
        reason: '外出务工，待核实收入',
        version: 1,
      }),
    );
    july = ok<Run>(await compute('wl_approver', '2025-07'));
    expect(july.status).toBe('computed');
    const all = await lines('wl_approver', july.id);
    const byEnrollment = new Map(all.map((l) => [l.enrollmentId, l]));
    expect(byEnrollment.get(a.enrollmentId)).toMatchObject({
      amountFen: 104_100,
      status: 'payable',
      forMonth: '2025-07',
    });
    expect(byEnrollment.get(b.enrollmentId)).toMatchObject({ amountFen: 104_100, status: 'payable' });
    expect(byEnrollment.get(c.enrollmentId)).toMatchObject({ amountFen: 77_000, status: 'payable' });
    expect(byEnrollment.get(d.enrollmentId)).toMatchObject({ amountFen: 104_100, status: 'held' });
    expect(july).toMatchObject({ lineCount: 3, totalFen: 104_100 * 2 + 77_000, heldCount: 1 });
    expect(july.townships.map((x) => x.township)).toEqual(['500156003', '500156101']);
  });

  it('computing the same district, programme and month again returns the same run and adds nothing', async () => {
    const again = ok<Run>(await compute('wl_approver', '2025-07'));
    expect(again.id).toBe(july.id);
    expect(again).toMatchObject({ lineCount: 3, totalFen: july.totalFen, heldCount: 1 });
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM payroll_line WHERE run_id = $1', [
      july.id,
    ]);
    expect(rows[0].n).toBe(4);
  });

  it('scope: 白马镇 sees only its own enrollment and lines; 仙女山 records are 404 to it', async () => {
    const list = ok<{ items: Array<{ id: string }> }>(await call('bm_reviewer', 'GET', '/assistance/enrollments'));
    expect(list.items.map((e) => e.id)).toEqual([b.enrollmentId]);
    expect((await call('bm_reviewer', 'GET', `/assistance/enrollments/${a.enrollmentId}`)).statusCode).toBe(404);
    const bmLines = await lines('bm_reviewer', july.id);
    expect(bmLines.map((l) => l.enrollmentId)).toEqual([b.enrollmentId]);
    const run = ok<Run>(await call('bm_reviewer', 'GET', `/assistance/payroll/runs/${july.id}`));
    expect(run).toMatchObject({ lineCount: 1, totalFen: 104_100 });
    // A township cannot compute or approve a district run.
    expect((await compute('bm_reviewer', '2025-07')).statusCode).toBe(404);
    const wl = ok<{ items: unknown[] }>(await call('wl_approver', 'GET', '/assistance/enrollments?pageSize=50'));
    expect(wl.items.length).toBe(4);
  });

  it('the resident (portal) sees the household enrollment and the July 2025 payment of 1,041', async () => {
    const resident = { ...systemActor('resident'), kind: 'resident' as const, personId: a.people[2] };
    const mine = await t.platform.enrollments.listForResident(resident);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: a.enrollmentId, status: 'active', programme: 'minimumLivingAllowance' });
    expect(mine[0].payments).toEqual([{ month: '2025-07', amountFen: 104_100, status: 'payable' }]);
  });

  it('maker-checker: the user who computed cannot approve (403); another district approver can', async () => {
    const same = await call('wl_approver', 'POST', `/assistance/payroll/runs/${july.id}/approve`);
    expect(same.statusCode).toBe(403);
    expect((same.json() as { code: string }).code).toBe('payroll.maker_checker');
    const early = await call(CHECKER, 'GET', `/assistance/payroll/runs/${july.id}/bank-file?format=csv`);
    expect(early.statusCode).toBe(409);
    const approved = ok<Run & { approvedBy: string }>(
      await call(CHECKER, 'POST', `/assistance/payroll/runs/${july.id}/approve`),
    );
    expect(approved.status).toBe('approved');
  });

  it('death reported in July stops the benefit from August: paid in July, no August line', async () => {
    const person = ok<{ version: number }>(await call('xns_clerk', 'GET', `/persons/${c.people[0]}`));
    ok(
      await call('xns_clerk', 'PATCH', `/persons/${c.people[0]}`, {
        version: person.version,
        deceasedOn: '2025-07-20',
      }),
    );
    await t.platform.events.dispatchPending();
    await t.platform.events.dispatchPending(); // a second delivery changes nothing (idempotent)
    const e = ok<{ status: string; endMonth: string; events: Array<{ kind: string }> }>(
      await call('xns_reviewer', 'GET', `/assistance/enrollments/${c.enrollmentId}`),
    );
    expect(e).toMatchObject({ status: 'exited', endMonth: '2025-07' });
    expect(e.events.filter((x) => x.kind === 'exit')).toHaveLength(1);
  });

  it('bank file csv, reconciliation (1 failed) → the failed line is carried into August beside its August line', async () => {
    const file = await call(CHECKER, 'GET', `/assistance/payroll/runs/${july.id}/bank-file?format=csv`);
    expect(file.statusCode, file.body).toBe(200);
    const rows = file.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows).toHaveLength(1 + 3 + 1); // header, 3 payable lines, total
    const julyLines = await lines('wl_approver', july.id);
    const failedRef = julyLines.find((l) => l.enrollmentId === a.enrollmentId)?.id as string;
    const body = julyLines
      .filter((l) => l.status === 'payable')
      .map((l) => (l.id === failedRef ? `${l.id},failed,账户已销户` : `${l.id},paid,`))
      .join('\n');
    const boundary = '----payroll';
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistance/payroll/runs/${july.id}/reconciliation`,
      headers: { cookie: await cookie(CHECKER), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="result.csv"\r\nContent-Type: text/csv\r\n\r\nreference,result,reason\n${body}\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ paid: 2, failed: 1, status: 'reconciled' });

    const august = ok<Run>(await compute('wl_approver', '2025-08'));
    const aug = await lines('wl_approver', august.id);
    const ofA = aug
      .filter((l) => l.enrollmentId === a.enrollmentId)
      .sort((x, y) => x.forMonth.localeCompare(y.forMonth));
    expect(ofA.map((l) => [l.forMonth, l.amountFen, l.status])).toEqual([
      ['2025-07', 104_100, 'payable'],
      ['2025-08', 104_100, 'payable'],
    ]);
    expect(ofA[0].carriedFromLineId).toBe(failedRef);
    expect(aug.some((l) => l.enrollmentId === c.enrollmentId)).toBe(false); // died in July
    const old = await lines('wl_approver', july.id);
    expect(old.find((l) => l.id === failedRef)?.status).toBe('carried');
    expect(august).toMatchObject({ lineCount: 3, totalFen: 104_100 * 3, heldCount: 1 });
  });

  it('a run interrupted after one township (kill -9 stand-in) and re-run ends with identical totals, no duplicates', async () => {
    const actor = { ...systemActor('wl-test'), regionScope: '500156' };
    await expect(
      t.platform.payroll.compute(
        actor,
        { district: '500156', programme: 'minimumLivingAllowance', month: '2025-09' },
        { crashAfterTownships: 1 },
      ),
    ).rejects.toThrow(/simulated crash/);
    const half = await t.db.query<{ status: string; n: number }>(
      `SELECT r.status, (SELECT count(*)::int FROM payroll_line l WHERE l.run_id = r.id) AS n
         FROM payroll_run r WHERE r.month = '2025-09-01'`,
    );
    expect(half.rows[0].status).toBe('computing');
    expect(half.rows[0].n).toBe(2); // 仙女山 only: A payable + D held
    const resumed = await t.platform.payroll.compute(actor, {
      district: '500156',
      programme: 'minimumLivingAllowance',
      month: '2025-09',
    });
    expect(resumed).toMatchObject({ status: 'computed', line_count: 2, total_fen: 208_200, held_count: 1 });
    const dup = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT enrollment_id FROM payroll_line WHERE run_id = $1
        GROUP BY enrollment_id, for_month HAVING count(*) > 1) x`,
      [resumed.id],
    );
    expect(dup.rows[0].n).toBe(0);
  });

  it('bad input: 400 with the field named for district, month and programme; nothing written', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM payroll_run');
    for (const [payload, field] of [
      [{ district: '5001', programme: 'minimumLivingAllowance', month: '2025-07' }, 'district'],
      [{ district: '500156', programme: 'minimumLivingAllowance', month: '2025-13' }, 'month'],
      [{ district: '500156', programme: 'lowIncomeMarginal', month: '2025-07' }, 'programme'],
    ] as const) {
      const r = await call('wl_approver', 'POST', '/assistance/payroll/runs', payload);
      expect(r.statusCode, r.body).toBe(400);
      expect(JSON.stringify((r.json() as { fields: unknown[] }).fields)).toContain(field);
    }
    const outside = await call('wl_approver', 'POST', '/assistance/payroll/runs', {
      district: '500101',
      programme: 'minimumLivingAllowance',
      month: '2025-07',
    });
    expect(outside.statusCode).toBe(404);
    const status = await call('xns_reviewer', 'POST', `/assistance/enrollments/${a.enrollmentId}/status`, {
      action: 'resume',
      reason: '恢复',
      version: 1,
    });
    expect(status.statusCode).toBe(409);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM payroll_run');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('特困 aged 65 with 4 of 6 ADL items failed: July 2025 line 1,001 + 1,144 (total loss) = 2,145', async () => {
    const tekun = await enrolled('xns_clerk', JZ, 1, '2025-06-28', (people) => ({
      ...facts(JZ, people, 0),
      persons: [
        {
          id: people[0],
          relation: 'applicant',
          birthDate: '1960-03-01',
          livesTogether: true,
          supporterAbleToSupport: false,
          adl: {
            eating: false,
            dressing: false,
            bedTransfer: false,
            toileting: false,
            walkingIndoors: true,
            bathing: true,
          },
        },
      ],
    }));
    const run = ok<Run>(await compute('wl_approver', '2025-07', 'extremePovertySupport'));
    const mine = (await lines('wl_approver', run.id)).filter((l) => l.enrollmentId === tekun.enrollmentId);
    expect(mine.map((l) => l.amountFen)).toEqual([100_100 + 114_400]);
  });

  it('reconciliation naming a reference that is not in the run rejects the whole file: 400, nothing changed', async () => {
    const boundary = '----bad';
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistance/payroll/runs/${july.id}/reconciliation`,
      headers: { cookie: await cookie(CHECKER), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n0b6f3c2e-8d4a-4f7e-9a1b-2c3d4e5f6a7b,paid,\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode, res.body).toBe(400);
    const counts = await t.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM payroll_line WHERE run_id = $1 GROUP BY status ORDER BY status',
      [july.id],
    );
    expect(counts.rows).toEqual([
      { status: 'carried', n: 1 },
      { status: 'held', n: 1 },
      { status: 'paid', n: 2 },
    ]);
  });

  it('the payroll job computes a run with progress per township (what the workbench and CLI show)', async () => {
    const job = await t.platform.jobs.runNow(
      'assistance.payroll.compute',
      { district: '500156', programme: 'minimumLivingAllowance', month: '2025-10', by: 'wl-job' },
      'wl-job',
    );
    expect(job).toMatchObject({ status: 'succeeded', progress: 2, total: 2 });
    const { rows } = await t.db.query<{ status: string; line_count: number; computed_by: string; payable: number }>(
      `SELECT status, line_count, computed_by,
              (SELECT count(*)::int FROM payroll_line l WHERE l.run_id = r.id AND l.status = 'payable') AS payable
         FROM payroll_run r WHERE month = '2025-10-01'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'computed', computed_by: 'wl-job' });
    expect(rows[0].line_count).toBe(rows[0].payable);
    expect(rows[0].payable).toBeGreaterThan(0);
  });

  it('an enrollment already paid for November by another district run gets no second line; the run completes', async () => {
    const other = await t.db.query<{ id: string }>(
      `INSERT INTO payroll_run (district_code, programme, month, status, computed_by)
       VALUES ('500101', 'minimumLivingAllowance', DATE '2025-11-01', 'computed', 'other') RETURNING id`,
    );
    await t.db.query(
      `INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status)
       VALUES ($1, $2, $3, '500101001001', DATE '2025-11-01', 104100, 'payable')`,
      [other.rows[0].id, b.enrollmentId, b.householdId],
    );
    const november = ok<Run>(await compute('wl_approver', '2025-11'));
    expect(november.status).toBe('computed');
    const mine = await lines('wl_approver', november.id);
    expect(mine.some((l) => l.enrollmentId === b.enrollmentId)).toBe(false);
    expect(mine.some((l) => l.enrollmentId === a.enrollmentId)).toBe(true);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM payroll_line WHERE enrollment_id = $1 AND for_month = DATE '2025-11-01'`,
      [b.enrollmentId],
    );
    expect(rows[0].n).toBe(1);
  });
});
