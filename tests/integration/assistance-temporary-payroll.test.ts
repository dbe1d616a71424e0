import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/auth/actor.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { classifyFacts } from '../../src/modules/assistance/application/classification.ts';
import { enrollApproved } from '../../src/modules/assistance/enrollment/enroll-approved.ts';
import { emergencyAdvancesToDeduct } from '../../src/modules/assistance/enrollment/temporary-grant.repository.ts';
import { classifyApplication } from '../../src/modules/assistance/rules/classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../../src/modules/assistance/rules/default-parameters.ts';
import type { ApplicationFacts } from '../../src/modules/assistance/rules/facts.ts';
import { apiCaller } from '../support/api-caller.ts';
import { changeInitialPassword, createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const DS = '500156101202'; // 白马镇
const CHECKER = 'wl_payroll2';
const PASSWORD = 'Huimin@2026-Pay';
const EMERGENCY = 'temporaryAssistanceEmergency';
const EXPENDITURE = 'temporaryAssistanceExpenditure';

interface Run {
  id: string;
  status: string;
  lineCount: number;
  totalFen: number;
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

describe.each(ENGINES)('临时救助 grants paid by the monthly payroll on %s', (engine) => {
  let t: TestPlatform;
  let today = '2025-07-25';
  let seq = 700;
  const { cookie, call, ok } = apiCaller(() => t.app, {
    keyPrefix: `k-${engine}`,
    passwordFor: (user) => (user === CHECKER ? `${PASSWORD}-Chg9` : undefined),
  });
  const compute = (month: string, programme: string) =>
    call('wl_approver', 'POST', '/assistance/payroll/runs', { district: '500156', programme, month });
  const lines = async (runId: string) =>
    ok<{ items: Line[] }>(await call('wl_approver', 'GET', `/assistance/payroll/runs/${runId}/lines?pageSize=500`))
      .items;
  const paidOf = (all: Line[]) =>
    all.map((l) => [l.enrollmentId, l.forMonth, l.amountFen, l.status]).sort((x, y) => `${x}`.localeCompare(`${y}`));

  /** A registered household of `size` adults in the village. */
  async function household(clerk: string, village: string, size: number) {
    const people: string[] = [];
    for (let i = 0; i < size; i++) {
      seq++;
      const p = ok<{ id: string }>(
        await call(clerk, 'POST', '/persons', {
          idNumber: makeIdNumber('500156', '1980-04-01', seq),
          name: `谭临${seq}`,
          regionCode: village,
        }),
        201,
      );
      people.push(p.id);
    }
    const h = ok<{ id: string }>(
      await call(clerk, 'POST', '/households', { address: `临${seq}号`, regionCode: village, headPersonId: people[0] }),
      201,
    );
    return { householdId: h.id, people };
  }

  /** Facts with wages well above the 低保 line and `medicalFen` of uncovered medical spending. */
  function facts(people: string[], medicalFen: number): ApplicationFacts {
    return {
      regionCode: JZ,
      area: 'urban',
      persons: people.map((id, i) => ({
        id,
        relation: i === 0 ? 'applicant' : 'spouse',
        birthDate: '1980-04-01',
        livesTogether: true,
      })),
      incomes: [{ memberId: people[0], category: 'wage', kind: 'wage', amountFen: 600_000 * 12 }],
      spending: [{ memberId: people[0], kind: 'medical', amountFen: medicalFen }],
      assets: { financialAssetsFen: 0, vehicles: [], dwellingBeyondAreaRule: false, businessEmployingOthers: false },
    };
  }

  /** An expenditure grant approved on 2025-07-28: staged over `months` from August, less the household's advances. */
  async function expenditureGrant(h: { householdId: string; people: string[] }, needFen: number, months: number) {
    const opened = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/cases', {
        workflow: 'registry.household_change',
        regionCode: JZ,
        title: '临时救助审批(测试)',
        subjectType: 'household',
        subjectId: h.householdId,
        data: { householdId: h.householdId, newAddress: '临时地址' },
      }),
      201,
    );
    const advances = await emergencyAdvancesToDeduct(t.db, h.householdId, '2025-07-28');
    const classification = classifyApplication(facts(h.people, needFen), {
      versions: DEFAULT_PARAMETER_VERSIONS,
      decisionDate: '2025-07-28',
      benefitMonth: '2025-08',
      expenditure: { uncoveredNeedFen: needFen, stagedMonths: months, advancesPaidFen: advances.totalFen },
    });
    const approval = {
      caseId: opened.id,
      householdId: h.householdId,
      regionCode: JZ,
      area: 'urban' as const,
      approvedOn: '2025-07-28',
      classification,
      policySnapshotId: null,
    };
    const ids = await t.db.transaction((tx) => enrollApproved(tx, systemActor('test.approval'), approval));
    const again = await t.db.transaction((tx) => enrollApproved(tx, systemActor('test.approval'), approval));
    expect(again).toEqual(ids); // the approval effect repeated enrolls nothing more
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM assistance_enrollment WHERE case_id = $1 AND programme = $2',
      [opened.id, EXPENDITURE],
    );
    expect(rows).toHaveLength(1);
    return { ...h, enrollmentId: rows[0].id, classification };
  }

  let h1: Awaited<ReturnType<typeof household>>; // advance 2,000, then expenditure 1,080 over 3 months
  let h2: Awaited<ReturnType<typeof household>>; // 白马: advance granted after the July run
  let advance1 = '';
  let advance2 = '';
  let e1: Awaited<ReturnType<typeof expenditureGrant>>;
  let e3: Awaited<ReturnType<typeof expenditureGrant>>; // 1,500 over 3 months, August line fails
  let e4: Awaited<ReturnType<typeof expenditureGrant>>; // one person, 1,500 over 3 months, dies in August
  let augustRun: Run;

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => today });
    const orgs = ok<Array<{ id: string; regionCode: string }>>(await call('admin', 'GET', '/orgs'));
    ok(
      await call('admin', 'POST', '/users', {
        username: CHECKER,
        displayName: '武隆复核员',
        password: PASSWORD,
        orgId: orgs.find((o) => o.regionCode === '500156')?.id,
        regionScope: '500156',
        roles: ['district_approver'],
      }),
      201,
    );
    await changeInitialPassword(t.app, CHECKER, PASSWORD);
    h1 = await household('xns_clerk', JZ, 2);
    h2 = await household('bm_clerk', DS, 1);
  }, 120_000);
  afterAll(() => t?.close());

  const grant = (clerk: string, place: string, personId: string | undefined, needFen: number) =>
    call(clerk, 'POST', '/assistance/emergencies', {
      placeRegionCode: place,
      occurredOn: '2025-07-20',
      needFen,
      beneficiaryName: '谭临',
      ...(personId ? { personId } : {}),
      description: '房屋失火，急需基本生活费用',
    });

  it('an emergency advance (need 5,000 → 2,000) granted on 2025-07-25 is paid by the July run; unregistered: outside payroll', async () => {
    const granted = ok<{ amountFen: number; enrollmentId: string | null }>(
      await grant('xns_clerk', JZ, h1.people[0], 500_000),
      201,
    );
    expect(granted.amountFen).toBe(200_000);
    advance1 = granted.enrollmentId as string;
    const e = ok<{ programme: string; amountFen: number; startMonth: string; endMonth: string; nextReviewOn: null }>(
      await call('xns_reviewer', 'GET', `/assistance/enrollments/${advance1}`),
    );
    expect(e).toMatchObject({ programme: EMERGENCY, amountFen: 200_000, startMonth: '2025-07', endMonth: '2025-07' });
    expect(e.nextReviewOn).toBeNull();
    const cash = ok<{ amountFen: number; enrollmentId: string | null }>(
      await grant('xns_clerk', JZ, undefined, 100_000),
      201,
    );
    expect(cash).toMatchObject({ amountFen: 100_000, enrollmentId: null });

    const july = ok<Run>(await compute('2025-07', EMERGENCY));
    expect(july).toMatchObject({ status: 'computed', lineCount: 1, totalFen: 200_000 });
    const [line] = await lines(july.id);
    expect(line).toMatchObject({ enrollmentId: advance1, forMonth: '2025-07', amountFen: 200_000, status: 'payable' });
    expect(line.payeeName).toMatch(/^谭\*+\d?$/);
  });

  it('an advance granted after the July run is paid once, by the August run (for July); nothing in September', async () => {
    today = '2025-07-28';
    const granted = ok<{ enrollmentId: string }>(await grant('bm_clerk', DS, h2.people[0], 300_000), 201);
    advance2 = granted.enrollmentId;
    const julyAgain = ok<Run>(await compute('2025-07', EMERGENCY));
    expect(julyAgain).toMatchObject({ lineCount: 1, totalFen: 200_000 }); // computed runs are returned as they are
    const august = ok<Run>(await compute('2025-08', EMERGENCY));
    expect(paidOf(await lines(august.id))).toEqual([[advance2, '2025-07', 200_000, 'payable']]);
    const september = ok<Run>(await compute('2025-09', EMERGENCY));
    expect(september).toMatchObject({ status: 'computed', lineCount: 0, totalFen: 0 });
  });

  it('the expenditure grant after the advance pays the rest: need 10,000 → 4 × 770 = 3,080 − 2,000 = 1,080', async () => {
    // The application path deducts the household's advance: in one instalment, or in the months it asks for.
    const deps = { policy: t.platform.policy };
    const request = { programmes: [EXPENDITURE] };
    const decided = await classifyFacts(deps, t.db, facts(h1.people, 1_000_000), today, request, h1.householdId);
    const single = decided.classification.granted.find((d) => d.programme === EXPENDITURE);
    expect(single?.payments).toEqual([{ month: '2025-08', amountFen: 108_000 }]);
    const asked = await classifyFacts(
      deps,
      t.db,
      facts(h1.people, 1_000_000),
      today,
      { ...request, stagedMonths: 2 },
      h1.householdId,
    );
    expect(asked.classification.granted.find((d) => d.programme === EXPENDITURE)?.payments).toEqual([
      { month: '2025-08', amountFen: 54_000 },
      { month: '2025-09', amountFen: 54_000 },
    ]);

    e1 = await expenditureGrant(h1, 1_000_000, 3);
    const staged = e1.classification.granted.find((d) => d.programme === EXPENDITURE);
    expect(staged?.payments).toEqual([
      { month: '2025-08', amountFen: 36_000 },
      { month: '2025-09', amountFen: 36_000 },
      { month: '2025-10', amountFen: 36_000 },
    ]);
    const { rows } = await t.db.query<{ basis: { deductedAdvanceIds: string[] }; end_month: string }>(
      `SELECT basis, to_char(end_month, 'YYYY-MM') AS end_month FROM assistance_enrollment WHERE id = $1`,
      [e1.enrollmentId],
    );
    expect(rows[0]).toMatchObject({ basis: { deductedAdvanceIds: [advance1] }, end_month: '2025-10' });
    // Deducted once: a later expenditure request of the household is decided on its whole need.
    expect(await emergencyAdvancesToDeduct(t.db, h1.householdId, today)).toEqual({ ids: [], totalFen: 0 });
    const later = await classifyFacts(deps, t.db, facts(h1.people, 1_000_000), today, request, h1.householdId);
    expect(later.classification.granted.find((d) => d.programme === EXPENDITURE)?.amountFen).toBe(308_000);
  });

  it('August run: 360 + 500 + 500; computing again adds nothing; maker-checker; bank file; one line fails', async () => {
    e3 = await expenditureGrant(await household('xns_clerk', JZ, 2), 150_000, 3);
    e4 = await expenditureGrant(await household('xns_clerk', JZ, 1), 150_000, 3);
    augustRun = ok<Run>(await compute('2025-08', EXPENDITURE));
    expect(augustRun).toMatchObject({ status: 'computed', lineCount: 3, totalFen: 36_000 + 50_000 * 2 });
    expect(paidOf(await lines(augustRun.id))).toEqual(
      paidOf([
        { enrollmentId: e1.enrollmentId, forMonth: '2025-08', amountFen: 36_000, status: 'payable' },
        { enrollmentId: e3.enrollmentId, forMonth: '2025-08', amountFen: 50_000, status: 'payable' },
        { enrollmentId: e4.enrollmentId, forMonth: '2025-08', amountFen: 50_000, status: 'payable' },
      ] as Line[]),
    );
    const again = ok<Run>(await compute('2025-08', EXPENDITURE));
    expect(again).toMatchObject({ id: augustRun.id, lineCount: 3, totalFen: 136_000 });
    const count = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM payroll_line WHERE run_id = $1', [
      augustRun.id,
    ]);
    expect(count.rows[0].n).toBe(3);

    const same = await call('wl_approver', 'POST', `/assistance/payroll/runs/${augustRun.id}/approve`);
    expect(same.statusCode).toBe(403);
    ok(await call(CHECKER, 'POST', `/assistance/payroll/runs/${augustRun.id}/approve`));
    const file = await call(CHECKER, 'GET', `/assistance/payroll/runs/${augustRun.id}/bank-file?format=csv`);
    expect(file.statusCode, file.body).toBe(200);
    expect(
      file.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1 + 3 + 1);
    const all = await lines(augustRun.id);
    const body = all
      .map((l) => (l.enrollmentId === e3.enrollmentId ? `${l.id},failed,账号有误` : `${l.id},paid,`))
      .join('\n');
    const boundary = '----temporary';
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistance/payroll/runs/${augustRun.id}/reconciliation`,
      headers: { cookie: await cookie(CHECKER), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\nreference,result,reason\n${body}\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ paid: 2, failed: 1, status: 'reconciled' });
  });

  it('September: the failed August instalment is carried beside the September one; a death in August stops the rest', async () => {
    const person = ok<{ version: number }>(await call('xns_clerk', 'GET', `/persons/${e4.people[0]}`));
    ok(
      await call('xns_clerk', 'PATCH', `/persons/${e4.people[0]}`, {
        version: person.version,
        deceasedOn: '2025-08-20',
      }),
    );
    await t.platform.events.dispatchPending();
    const stopped = ok<{ status: string; endMonth: string }>(
      await call('xns_reviewer', 'GET', `/assistance/enrollments/${e4.enrollmentId}`),
    );
    expect(stopped).toMatchObject({ status: 'exited', endMonth: '2025-08' });

    const september = ok<Run>(await compute('2025-09', EXPENDITURE));
    const sep = await lines(september.id);
    expect(paidOf(sep)).toEqual(
      paidOf([
        { enrollmentId: e1.enrollmentId, forMonth: '2025-09', amountFen: 36_000, status: 'payable' },
        { enrollmentId: e3.enrollmentId, forMonth: '2025-08', amountFen: 50_000, status: 'payable' },
        { enrollmentId: e3.enrollmentId, forMonth: '2025-09', amountFen: 50_000, status: 'payable' },
      ] as Line[]),
    );
    const carried = sep.find((l) => l.enrollmentId === e3.enrollmentId && l.forMonth === '2025-08');
    expect(carried?.carriedFromLineId).not.toBeNull();
    expect(september).toMatchObject({ lineCount: 3, totalFen: 136_000 });
  });

  it('October pays the third instalments; November (a fourth run) pays nothing; never an instalment twice', async () => {
    const october = ok<Run>(await compute('2025-10', EXPENDITURE));
    expect(paidOf(await lines(october.id))).toEqual(
      paidOf([
        { enrollmentId: e1.enrollmentId, forMonth: '2025-10', amountFen: 36_000, status: 'payable' },
        { enrollmentId: e3.enrollmentId, forMonth: '2025-10', amountFen: 50_000, status: 'payable' },
      ] as Line[]),
    );
    const november = ok<Run>(await compute('2025-11', EXPENDITURE));
    expect(november).toMatchObject({ status: 'computed', lineCount: 0, totalFen: 0 });
    const { rows } = await t.db.query<{ enrollment_id: string; fen: number; n: number }>(
      `SELECT enrollment_id, sum(amount_fen)::int AS fen, count(*)::int AS n FROM payroll_line
        WHERE status IN ('payable', 'paid') AND enrollment_id = ANY($1::uuid[]) GROUP BY enrollment_id`,
      [[e1.enrollmentId, e3.enrollmentId, e4.enrollmentId, advance1, advance2]],
    );
    const total = Object.fromEntries(rows.map((r) => [r.enrollment_id, [r.fen, r.n]]));
    expect(total).toEqual({
      [e1.enrollmentId]: [108_000, 3],
      [e3.enrollmentId]: [150_000, 3],
      [e4.enrollmentId]: [50_000, 1],
      [advance1]: [200_000, 1],
      [advance2]: [200_000, 1],
    });
  });

  it('bad input: a standing recognition without money is still refused as a payroll programme', async () => {
    const r = await compute('2025-08', 'rigidExpenditureHardship');
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('programme');
  });
});
