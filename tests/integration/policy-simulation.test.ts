import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/db/database.ts';
import { noAssets, person, transfer } from '../../src/modules/assistance/rules/test-fixtures.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const URL = '/api/v1/assistance/simulations';
const JINGZHU = '500156003204'; // 仙女山街道 荆竹村
const DONGSHENG = '500156101202'; // 白马镇 东升村
const NO_TOP_UPS = { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 };

async function household(q: Queryable, regionCode: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    'INSERT INTO household (household_no, address, region_code) VALUES ($1, $2, $3) RETURNING id',
    [`SIM-${randomUUID()}`, '测试地址', regionCode],
  );
  return rows[0].id;
}

async function enrollment(
  q: Queryable,
  e: {
    regionCode: string;
    area: string;
    programme: string;
    status?: string;
    members: number;
    pci: number;
    basis: object;
  },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members,
       per_capita_income_fen, amount_fen, basis, start_month)
     VALUES ($1,$2,$3,$4,$5,$6,$7,0,$8::jsonb,'2025-08-01') RETURNING id`,
    [
      await household(q, e.regionCode),
      e.regionCode,
      e.area,
      e.programme,
      e.status ?? 'active',
      e.members,
      e.pci,
      JSON.stringify(e.basis),
    ],
  );
  return rows[0].id;
}

/** A refused/marginal application with verified facts: household of 4, 4,000/month in transfers (per-capita 1,000). */
async function verifiedApplication(q: Queryable, regionCode: string): Promise<string> {
  const householdId = await household(q, regionCode);
  const { rows: people } = await q.query<{ id: string }>(
    `INSERT INTO person (id_cipher, id_index, id_masked, name, sex, birth_date, hukou_region_code, region_code)
     VALUES ($1, $2, '5001**********0000', '测试', '1', '1985-03-01', $3, $3) RETURNING id`,
    [randomBytes(16), randomBytes(32), regionCode],
  );
  const { rows: cases } = await q.query<{ id: string }>(
    `INSERT INTO wf_case (case_no, workflow, business_line, state, region_code, title, received_on)
     VALUES ($1, 'assistance.application', 'assistance', 'refused', $2, '救助申请', '2026-01-05') RETURNING id`,
    [`SIM-${randomUUID()}`, regionCode],
  );
  const facts = {
    regionCode,
    area: 'urban',
    persons: [
      person('a'),
      person('b', { relation: 'spouse' }),
      person('c', { relation: 'child', birthDate: '2015-01-01' }),
      person('d', { relation: 'child', birthDate: '2017-01-01' }),
    ],
    incomes: [transfer('a', 400_000)],
    spending: [],
    assets: noAssets(),
  };
  await q.query(
    `INSERT INTO assistance_application (case_id, household_id, applicant_person_id, region_code, area, channel,
       declared, verified)
     VALUES ($1, $2, $3, $4, 'urban', 'window', $5::jsonb, $5::jsonb)`,
    [cases[0].id, householdId, people[0].id, regionCode, JSON.stringify(facts)],
  );
  return cases[0].id;
}

describe.each(ENGINES)('policy simulation API (%s)', (engine) => {
  let t: TestPlatform;
  let admin: string;
  let xnsReviewer: string;
  let bmReviewer: string;
  let marginalId: string;

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => '2026-03-01' });
    // 仙女山: 低保 urban 3, per-capita 423 (household 1,269); 低保边缘 urban 3 at per-capita 780; an exited one.
    await enrollment(t.db, {
      regionCode: JINGZHU,
      area: 'urban',
      programme: 'minimumLivingAllowance',
      members: 3,
      pci: 42_300,
      basis: { kind: 'gap', monthlyIncomeFen: 126_900, members: 3, topUps: NO_TOP_UPS, earnedIncome: true },
    });
    marginalId = await enrollment(t.db, {
      regionCode: JINGZHU,
      area: 'urban',
      programme: 'lowIncomeMarginal',
      members: 3,
      pci: 78_000,
      basis: { kind: 'none', members: 3 },
    });
    await enrollment(t.db, {
      regionCode: JINGZHU,
      area: 'urban',
      programme: 'minimumLivingAllowance',
      status: 'exited',
      members: 1,
      pci: 0,
      basis: { kind: 'gap', monthlyIncomeFen: 0, members: 1, topUps: NO_TOP_UPS, earnedIncome: false },
    });
    // 白马镇: 低保 rural 2 with household income 1,000 (2 × 630 − 1,000 = 260); a verified unenrolled application.
    await enrollment(t.db, {
      regionCode: DONGSHENG,
      area: 'rural',
      programme: 'minimumLivingAllowance',
      members: 2,
      pci: 50_000,
      basis: { kind: 'gap', monthlyIncomeFen: 100_000, members: 2, topUps: NO_TOP_UPS, earnedIncome: false },
    });
    await verifiedApplication(t.db, DONGSHENG);
    admin = await login(t.app, 'admin');
    xnsReviewer = await login(t.app, 'xns_reviewer');
    bmReviewer = await login(t.app, 'bm_reviewer');
  }, 60_000);
  afterAll(async () => t?.close());

  const post = (cookie: string, payload: object, url = URL) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

  const counts = async () =>
    (
      await t.db.query<{ e: number; a: number; p: number; s: number }>(
        `SELECT (SELECT count(*)::int FROM assistance_enrollment) AS e,
                (SELECT count(*)::int FROM assistance_application) AS a,
                (SELECT count(*)::int FROM policy_parameter) AS p,
                (SELECT count(*)::int FROM policy_snapshot) AS s`,
      )
    ).rows[0];

  it('urban 770 → 800 from 2026-07-01 over 武隆: 1,041 → 1,131, the 780 household gained (+60), budget +150/month', async () => {
    const before = await counts();
    const res = await post(admin, { effectiveFrom: '2026-07-01', urbanStandardFen: 80_000 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.month).toBe('2026-07');
    expect(body.standards).toEqual({
      before: { urban: 77_000, rural: 63_000 },
      after: { urban: 80_000, rural: 63_000 },
    });
    // 低保 1,041 + rural 260 before; 1,131 + 60 + 260 after; the application (per-capita 1,000) stays 低保边缘.
    expect(body.totals).toEqual({
      households: 4,
      gained: 1,
      lost: 0,
      increased: 1,
      decreased: 0,
      beforeMonthlyFen: 130_100,
      afterMonthlyFen: 145_100,
      deltaMonthlyFen: 15_000,
    });
    expect(
      body.byTownship.map((r: { townshipCode: string; deltaMonthlyFen: number }) => [
        r.townshipCode,
        r.deltaMonthlyFen,
      ]),
    ).toEqual([
      ['500156003', 15_000],
      ['500156101', 0],
    ]);
    expect(body.byTownship[0].townshipName).toContain('仙女山');
    expect(body.gained).toHaveLength(1);
    expect(body.gained[0]).toMatchObject({
      id: marginalId,
      before: { programme: 'lowIncomeMarginal', amountFen: 0 },
      after: { programme: 'minimumLivingAllowance', amountFen: 6_000 },
    });
    // Read-only: nothing written but the audit row.
    expect(await counts()).toEqual(before);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'assistance.simulation.run'",
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('urban 1,050: the verified application at per-capita 1,000 is gained, (1,050 − 1,000) × 4 = 200', async () => {
    const res = await post(bmReviewer, { effectiveFrom: '2026-07-01', urbanStandardFen: 105_000 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals.households).toBe(2);
    expect(body.totals.gained).toBe(1);
    expect(body.gained[0]).toMatchObject({ source: 'application', after: { amountFen: 20_000 } });
  });

  it('scope: a 白马镇 reviewer sees only 白马镇; asking for 仙女山 is 404; 仙女山 sees only itself', async () => {
    const bm = (await post(bmReviewer, { effectiveFrom: '2026-07-01', urbanStandardFen: 80_000 })).json();
    expect(bm.regionCode).toBe('500156101');
    expect(bm.byTownship.map((r: { townshipCode: string }) => r.townshipCode)).toEqual(['500156101']);
    expect(bm.totals.deltaMonthlyFen).toBe(0);
    const denied = await post(bmReviewer, {
      regionCode: '500156003',
      effectiveFrom: '2026-07-01',
      urbanStandardFen: 80_000,
    });
    expect(denied.statusCode).toBe(404);
    const xns = (await post(xnsReviewer, { effectiveFrom: '2026-07-01', urbanStandardFen: 80_000 })).json();
    expect(xns.byTownship.map((r: { townshipCode: string }) => r.townshipCode)).toEqual(['500156003']);
    expect(xns.totals.deltaMonthlyFen).toBe(15_000);
  });

  it('rural 630 → 600 from 2026-07-15 (first full month 2026-08): the rural household drops 260 → 200', async () => {
    const body = (await post(bmReviewer, { effectiveFrom: '2026-07-15', ruralStandardFen: 60_000 })).json();
    expect(body.month).toBe('2026-08');
    expect(body.totals.decreased).toBe(1);
    expect(body.totals.deltaMonthlyFen).toBe(-6_000);
  });

  it.each([
    ['no new standard', { effectiveFrom: '2026-07-01' }, 'body.urbanStandardFen'],
    ['a negative standard', { effectiveFrom: '2026-07-01', urbanStandardFen: -5 }, 'body.urbanStandardFen'],
    ['yuan with decimals', { effectiveFrom: '2026-07-01', urbanStandardFen: 800.5 }, 'body.urbanStandardFen'],
    ['an impossible date', { effectiveFrom: '2026-02-30', urbanStandardFen: 80_000 }, 'body.effectiveFrom'],
    [
      'a bad region code',
      { regionCode: '5001x', effectiveFrom: '2026-07-01', urbanStandardFen: 80_000 },
      'body.regionCode',
    ],
  ])('bad input (%s) → 400 naming the field', async (_name, payload, field) => {
    const res = await post(admin, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('exports the per-township table as .xlsx with a total row, audited', async () => {
    const res = await post(admin, { effectiveFrom: '2026-07-01', urbanStandardFen: 80_000 }, `${URL}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('乡镇(街道)代码');
    expect(ws.getRow(2).getCell(1).value).toBe('500156003');
    expect(ws.getRow(2).getCell(10).value).toBe(150);
    expect(ws.getRow(4).getCell(2).value).toBe('合计');
    expect(ws.getRow(4).getCell(10).value).toBe(150);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'assistance.simulation.export'",
    );
    expect(audit.rows[0].n).toBe(1);
  });
});
