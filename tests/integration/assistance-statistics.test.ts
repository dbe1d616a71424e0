import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const BG = '500156003202'; // 白果村, 仙女山街道
const DS = '500156101202'; // 白马镇
const TODAY = '2025-10-20';
const WINDOW = 'from=2025-07&to=2025-10';

interface Overview {
  region: { code: string; name: string };
  groupLength: number;
  months: {
    month: string;
    households: number;
    recipients: number;
    newCount: number;
    exitedCount: number;
    amountFen: number;
  }[];
  regions: {
    regionCode: string;
    households: number;
    recipients: number;
    newCount: number;
    exitedCount: number;
    amountFen: number;
  }[];
  regionTotal: { households: number; recipients: number; amountFen: number };
  programmes: { programme: string; programmeName: string; households: number; recipients: number; amountFen: number }[];
  processing: {
    regionCode: string;
    closed: number;
    avgWorkingDays: number | null;
    maxWorkingDays: number | null;
    closedLate: number;
    open: number;
    overdue: number;
  }[];
  overdue: { total: number; items: { caseNo: string; dueOn: string; overdueWorkingDays: number }[] };
}

describe.each(ENGINES)('社会救助统计 assistance statistics on %s', (engine) => {
  let t: TestPlatform;
  const cookies = new Map<string, string>();
  const get = async (user: string, url: string) => {
    if (!cookies.has(user)) cookies.set(user, await login(t.app, user));
    return t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: cookies.get(user) as string } });
  };
  const overview = async (user: string, query = WINDOW) => {
    const res = await get(user, `/assistance/statistics?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Overview;
  };

  let seq = 0;
  async function household(region: string): Promise<{ householdId: string; personId: string }> {
    seq++;
    const personId = randomUUID();
    const householdId = randomUUID();
    await t.db.query(
      `INSERT INTO person (id, id_cipher, id_index, id_masked, name, sex, birth_date, hukou_region_code, region_code)
       VALUES ($1, $2, $3, '500156********001X', $4, '1', '1970-01-01', $5, $5)`,
      [personId, Buffer.from(`c${seq}`), Buffer.from(`i${seq}`), `统计${seq}`, region],
    );
    await t.db.query(
      'INSERT INTO household (id, household_no, head_person_id, address, region_code) VALUES ($1, $2, $3, $4, $5)',
      [householdId, `S${region}${seq}`, personId, `测试地址${seq}号`, region],
    );
    return { householdId, personId };
  }

  async function enrollment(
    region: string,
    programme: string,
    members: number,
    status: string,
    startMonth: string,
    endMonth: string | null = null,
  ) {
    const h = await household(region);
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO assistance_enrollment (id, household_id, region_code, area, programme, status, members, amount_fen,
         start_month, end_month)
       VALUES ($1, $2, $3, 'urban', $4, $5, $6, 0, $7::date, $8::date)`,
      [id, h.householdId, region, programme, status, members, `${startMonth}-01`, endMonth ? `${endMonth}-01` : null],
    );
    return { id, ...h, region };
  }

  const runs = new Map<string, string>();
  async function line(
    e: { id: string; householdId: string; region: string },
    programme: string,
    month: string,
    amountFen: number,
    status: string,
  ) {
    const key = `${programme}/${month}`;
    let runId = runs.get(key);
    if (!runId) {
      runId = randomUUID();
      runs.set(key, runId);
      await t.db.query(
        `INSERT INTO payroll_run (id, district_code, programme, month, status, computed_by) VALUES ($1, '500156', $2, $3::date, 'computed', 'test')`,
        [runId, programme, `${month}-01`],
      );
    }
    await t.db.query(
      `INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status)
       VALUES ($1, $2, $3, $4, $5::date, $6, $7)`,
      [runId, e.id, e.householdId, e.region, `${month}-01`, amountFen, status],
    );
  }

  async function applicationCase(
    caseNo: string,
    region: string,
    dates: { received: string; closedAt?: string; due: string; stepDue?: string },
    workflow = 'assistance.application',
  ) {
    const h = await household(region);
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO wf_case (id, case_no, workflow, business_line, state, region_code, title, received_on, due_on, step_due_on,
         closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, '低保申请 统*', $7, $8, $9, $10)`,
      [
        id,
        caseNo,
        workflow,
        workflow.startsWith('assistance') ? 'assistance' : 'registry',
        dates.closedAt ? 'approved' : 'township_review',
        region,
        dates.received,
        dates.due,
        dates.stepDue ?? null,
        dates.closedAt ?? null,
      ],
    );
    if (workflow === 'assistance.application') {
      await t.db.query(
        `INSERT INTO assistance_application (case_id, household_id, applicant_person_id, region_code, area, channel, declared,
           programme)
         VALUES ($1, $2, $3, $4, 'urban', 'window', '{}', 'minimumLivingAllowance')`,
        [id, h.householdId, h.personId, region],
      );
    }
  }

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
    // Enrollments: 仙女山 E1 低保 3 persons from July, E2 低保 2 persons May–August (exited), E3 特困 from September;
    // 白马 E4 低保 4 persons from August, suspended in September.
    const e1 = await enrollment(JZ, 'minimumLivingAllowance', 3, 'active', '2025-07');
    const e2 = await enrollment(JZ, 'minimumLivingAllowance', 2, 'exited', '2025-05', '2025-08');
    const e3 = await enrollment(BG, 'extremePovertySupport', 1, 'active', '2025-09');
    const e4 = await enrollment(DS, 'minimumLivingAllowance', 4, 'suspended', '2025-08');
    const dibao = 'minimumLivingAllowance';
    await line(e1, dibao, '2025-07', 104_100, 'paid');
    await line(e2, dibao, '2025-07', 60_000, 'paid');
    await line(e1, dibao, '2025-08', 104_100, 'paid');
    await line(e2, dibao, '2025-08', 60_000, 'paid');
    await line(e4, dibao, '2025-08', 120_000, 'paid');
    await line(e1, dibao, '2025-09', 104_100, 'paid');
    await line(e4, dibao, '2025-09', 120_000, 'held'); // suspended: held, not money out
    await line(e3, 'extremePovertySupport', '2025-09', 100_100, 'payable');
    await line(e1, dibao, '2025-10', 104_100, 'payable');
    // Applications: closed ones with known working days, open ones with and without overdue dates.
    await applicationCase('A1', JZ, {
      received: '2025-09-30',
      closedAt: '2025-10-14T10:00:00+08:00',
      due: '2025-11-11',
    });
    await applicationCase('A2', JZ, {
      received: '2025-09-01',
      closedAt: '2025-10-20T09:00:00+08:00',
      due: '2025-10-15',
    });
    await applicationCase('A3', DS, {
      received: '2025-09-15',
      closedAt: '2025-09-26T16:00:00+08:00',
      due: '2025-10-28',
    });
    await applicationCase('A4', JZ, { received: '2025-10-09', due: '2025-11-20', stepDue: '2025-10-14' });
    await applicationCase('A5', DS, { received: '2025-10-15', due: '2025-11-26', stepDue: '2025-10-29' });
    await applicationCase('A6', DS, { received: '2025-08-01', due: '2025-09-12' });
    // Not an assistance application: never counted.
    await applicationCase('R1', JZ, { received: '2025-09-01', due: '2025-09-05' }, 'registry.household_change');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('district: per month households, recipients, new, exited and money (held lines are not money out)', async () => {
    const o = await overview('wl_approver');
    expect(o.region).toEqual({ code: '500156', name: '武隆区' });
    expect(o.months).toEqual([
      { month: '2025-07', households: 2, recipients: 5, newCount: 1, exitedCount: 0, amountFen: 164_100, paidLines: 2 },
      { month: '2025-08', households: 3, recipients: 9, newCount: 1, exitedCount: 1, amountFen: 284_100, paidLines: 3 },
      { month: '2025-09', households: 3, recipients: 8, newCount: 1, exitedCount: 0, amountFen: 204_200, paidLines: 2 },
      { month: '2025-10', households: 3, recipients: 8, newCount: 0, exitedCount: 0, amountFen: 104_100, paidLines: 1 },
    ]);
  });

  it('district groups by township: 仙女山 2 households / 4 persons / 6,365 yuan, 白马镇 1 / 4 / 1,200 yuan', async () => {
    const o = await overview('wl_approver');
    expect(o.groupLength).toBe(9);
    expect(o.regions).toEqual([
      expect.objectContaining({
        regionCode: '500156003',
        regionName: '仙女山街道',
        households: 2,
        recipients: 4,
        newCount: 2,
        exitedCount: 1,
        amountFen: 636_500,
      }),
      expect.objectContaining({
        regionCode: '500156101',
        regionName: '白马镇',
        households: 1,
        recipients: 4,
        newCount: 1,
        exitedCount: 0,
        amountFen: 120_000,
      }),
    ]);
    expect(o.regionTotal).toMatchObject({ households: 3, recipients: 8, amountFen: 756_500 });
    expect(o.programmes).toEqual([
      expect.objectContaining({
        programme: 'extremePovertySupport',
        programmeName: '特困供养',
        households: 1,
        recipients: 1,
        amountFen: 100_100,
      }),
      expect.objectContaining({
        programme: 'minimumLivingAllowance',
        households: 2,
        recipients: 7,
        amountFen: 656_400,
      }),
    ]);
  });

  it('a member enrolled on their own (单人保) in a household enrolled as 低保边缘 is one recipient in the totals, not two', async () => {
    // January 2026, after the other figures' window (E1 3, E3 1 and E4 4 still in force: 8 recipients): a household
    // of 4 in 低保边缘 whose disabled member is also in 单人保
    const h = await household(JZ);
    const members = [h.personId, randomUUID(), randomUUID(), randomUUID()];
    const enrol = (programme: string, personId: string | null, count: number, basis: object) =>
      t.db.query(
        `INSERT INTO assistance_enrollment (household_id, person_id, region_code, area, programme, status, members,
           amount_fen, basis, start_month)
         VALUES ($1, $2, $3, 'urban', $4, 'active', $5, 0, $6, DATE '2026-01-01')`,
        [h.householdId, personId, JZ, programme, count, JSON.stringify(basis)],
      );
    await enrol('lowIncomeMarginal', null, 4, { memberIds: members });
    await enrol('singlePersonAllowance', h.personId, 1, { memberIds: [h.personId] });
    // a 单人保 person of another household: counted
    const other = await household(JZ);
    await enrol('singlePersonAllowance', other.personId, 1, {});
    await t.db.query('UPDATE assistance_enrollment SET household_id = $1 WHERE person_id = $2', [
      other.householdId,
      other.personId,
    ]);
    const o = await overview('wl_approver', 'from=2026-01&to=2026-01');
    expect(o.months).toEqual([expect.objectContaining({ month: '2026-01', households: 5, recipients: 8 + 4 + 1 })]);
    // the townships: 仙女山 has E1 (3) and E3 (1) plus this household's 4 and the other 单人保 person
    expect(o.regions.find((r) => r.regionCode === '500156003')).toMatchObject({ households: 4, recipients: 9 });
    expect(o.regionTotal).toMatchObject({ households: 5, recipients: 13 });
    // per programme each counts its own: 低保边缘 4, 单人保 2
    expect(o.programmes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ programme: 'lowIncomeMarginal', households: 1, recipients: 4 }),
        expect.objectContaining({ programme: 'singlePersonAllowance', households: 2, recipients: 2 }),
      ]),
    );
    // filtered to 单人保 alone, both of its people count
    const only = await overview('wl_approver', 'from=2026-01&to=2026-01&programme=singlePersonAllowance');
    expect(only.months).toEqual([expect.objectContaining({ households: 2, recipients: 2 })]);
  });

  it('processing time in working days per township: 仙女山 (5 + 31) / 2 = 18, 白马 9; overdue open applications', async () => {
    const o = await overview('wl_approver');
    expect(o.processing).toEqual([
      expect.objectContaining({
        regionCode: '500156003',
        closed: 2,
        avgWorkingDays: 18,
        maxWorkingDays: 31,
        closedLate: 1,
        open: 1,
        overdue: 1,
      }),
      expect.objectContaining({
        regionCode: '500156101',
        closed: 1,
        avgWorkingDays: 9,
        maxWorkingDays: 9,
        closedLate: 0,
        open: 2,
        overdue: 1,
      }),
    ]);
    expect(o.overdue.total).toBe(2);
    // A6 due 2025-09-12 first; A4's step was due 2025-10-14 → 4 working days overdue on 2025-10-20
    expect(o.overdue.items.map((i) => [i.caseNo, i.dueOn])).toEqual([
      ['A6', '2025-09-12'],
      ['A4', '2025-10-14'],
    ]);
    expect(o.overdue.items[1].overdueWorkingDays).toBe(4);
  });

  it('filters by programme: 特困 only', async () => {
    const o = await overview('wl_approver', `${WINDOW}&programme=extremePovertySupport`);
    expect(o.months.map((m) => m.amountFen)).toEqual([0, 0, 100_100, 0]);
    expect(o.regions).toEqual([
      expect.objectContaining({ regionCode: '500156003', households: 1, amountFen: 100_100 }),
    ]);
  });

  it('a township user sees only their township, grouped by village; counts and overdue included', async () => {
    const o = await overview('xns_reviewer');
    expect(o.region.code).toBe('500156003');
    expect(o.groupLength).toBe(12);
    expect(o.months.map((m) => m.amountFen)).toEqual([164_100, 164_100, 204_200, 104_100]);
    expect(o.regions.map((r) => [r.regionCode, r.households, r.amountFen])).toEqual([
      [BG, 1, 100_100],
      [JZ, 1, 536_400],
    ]);
    expect(o.processing.map((r) => r.regionCode)).toEqual([JZ]);
    expect(o.overdue.items.map((i) => i.caseNo)).toEqual(['A4']);
    const bm = await overview('bm_clerk');
    expect(bm.regionTotal).toMatchObject({ households: 1, recipients: 4, amountFen: 120_000 });
    expect(bm.overdue.items.map((i) => i.caseNo)).toEqual(['A6']);
  });

  it('another township as filter is 404, like a region that does not exist', async () => {
    const res = await get('bm_clerk', `/assistance/statistics?region=500156003`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
    const exp = await get('bm_clerk', `/assistance/statistics/export?table=regions&region=500156003`);
    expect(exp.statusCode).toBe(404);
    // The district user may narrow to one township
    const o = await overview('wl_approver', `${WINDOW}&region=500156101`);
    expect(o.regions.map((r) => r.regionCode)).toEqual([DS]);
  });

  it('bad filters are 400 with the field named', async () => {
    for (const [query, field] of [
      ['from=2025-13', 'from'],
      ['from=2025-10&to=2025-07', 'to'],
      ['programme=dibao', 'programme'],
      ['region=5001560', 'region'],
      ['from=2020-01&to=2025-10', 'from'],
    ]) {
      const res = await get('wl_approver', `/assistance/statistics?${query}`);
      expect(res.statusCode, query).toBe(400);
      const body = res.json() as { code: string; fields: { field: string }[] };
      expect(body.code).toBe('request.invalid');
      // zod names query fields 'querystring.<name>'
      expect(
        body.fields.some((f) => f.field.endsWith(field)),
        `${query}: ${JSON.stringify(body.fields)}`,
      ).toBe(true);
    }
  });

  it('workbench summary: this month in force and paid, open and overdue applications', async () => {
    const res = await get('wl_approver', '/assistance/statistics/summary');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      month: '2025-10',
      households: 3,
      recipients: 8,
      amountFen: 104_100,
      openApplications: 3,
      overdueApplications: 2,
    });
    const bm = (await get('bm_clerk', '/assistance/statistics/summary')).json();
    expect(bm).toMatchObject({ households: 1, amountFen: 0, openApplications: 2, overdueApplications: 1 });
  });

  it('exports each table to Excel in yuan, audited', async () => {
    const res = await get('wl_approver', `/assistance/statistics/export?table=regions&${WINDOW}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('按区划统计');
    const values = ws.getSheetValues().slice(2) as unknown[][];
    expect(values.map((r) => [r[2], r[3], r[7]])).toEqual([
      ['仙女山街道', 2, 6365],
      ['白马镇', 1, 1200],
      ['合计(武隆区)', 3, 7565],
    ]);
    for (const table of ['months', 'programmes', 'processing', 'overdue']) {
      const r = await get('wl_approver', `/assistance/statistics/export?table=${table}&${WINDOW}`);
      expect(r.statusCode, `${table}: ${r.body}`).toBe(200);
    }
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'assistance.statistics.export' AND region_code = '500156'`,
    );
    expect(audit.rows[0].n).toBe(5);
    const bad = await get('wl_approver', '/assistance/statistics/export?table=persons');
    expect(bad.statusCode).toBe(400);
  });
});
