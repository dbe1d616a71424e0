import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRows } from '../../src/core/exchange/ingest.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const DS = '500156101202'; // 白马镇
const AS_OF = '2026-11-25';

interface Household {
  householdId: string;
  caseId: string;
  ids: { head: string; spouse: string };
  personIds: { head: string; spouse: string };
}

describe.each(ENGINES)('household economic verification 核对 on %s', (engine) => {
  let t: TestPlatform;
  const cookies = new Map<string, string>();
  let seq = 300;

  const cookie = async (user: string) => {
    let c = cookies.get(user);
    if (!c) {
      c = await login(t.app, user);
      cookies.set(user, c);
    }
    return c;
  };
  const post = async (user: string, url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie: await cookie(user), 'idempotency-key': randomUUID() },
      payload: payload as Record<string, unknown>,
    });
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

  /** A two-person household (head and spouse) with an assistance application; authorised unless asked. */
  async function household(region: string, clerk: string, authorised = true): Promise<Household> {
    seq += 2;
    const ids = {
      head: makeIdNumber('500156', '1961-04-02', seq),
      spouse: makeIdNumber('500156', '1963-08-09', seq + 1),
    };
    const head = (await post(clerk, '/persons', { idNumber: ids.head, name: `冉核${seq}`, regionCode: region })).json();
    const spouse = (
      await post(clerk, '/persons', { idNumber: ids.spouse, name: `田核${seq}`, regionCode: region })
    ).json();
    const hh = await post(clerk, '/households', {
      address: `核对村${seq}号`,
      regionCode: region,
      headPersonId: head.id,
    });
    expect(hh.statusCode, hh.body).toBe(201);
    const householdId = hh.json().id as string;
    const member = await post(clerk, `/households/${householdId}/members`, {
      personId: spouse.id,
      relationCode: '10',
      validFrom: '2020-01-01',
    });
    expect(member.statusCode, member.body).toBe(200);
    // The application itself belongs to the assistance module; here only the row verification reads.
    const caseId = randomUUID();
    await t.db.query(
      `INSERT INTO wf_case (id, case_no, workflow, business_line, state, region_code, title, received_on)
       VALUES ($1, $2, 'assistance.application', 'assistance', 'verifying', $3, '低保申请', $4)`,
      [caseId, `T${seq}`, region, AS_OF],
    );
    await t.db.query(
      `INSERT INTO assistance_application (case_id, household_id, applicant_person_id, region_code, area, channel,
         declared, authorisation_document_id, authorised_on)
       VALUES ($1, $2, $3, $4, 'rural', 'window', '{}', $5, $6)`,
      [caseId, householdId, head.id, region, authorised ? randomUUID() : null, authorised ? AS_OF : null],
    );
    return { householdId, caseId, ids, personIds: { head: head.id, spouse: spouse.id } };
  }

  let xns: Household;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await t.platform.jobs.start();
    await t.app.inject({ url: '/api/v1/exchange/categories', headers: { cookie: await cookie('admin') } });
    xns = await household(JZ, 'xns_clerk');
    const ingest = (code: string, rows: Record<string, unknown>[]) =>
      ingestRows(t.db, t.platform.cipher, code, rows, { source: 'simulator', createdBy: 'test' });
    const { head, spouse } = xns.ids;
    // 12 monthly wages of 2,600 yuan (Dec 2025 … Nov 2026) and one from before the window
    const months = [
      '2025-11',
      '2025-12',
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    ];
    await ingest(
      'hrss_employment',
      months.map((m) => ({ id_number: head, occurred_on: `${m}-01`, employer: '仙女山度假酒店', amount: '2600' })),
    );
    await ingest(
      'hrss_pension',
      months
        .slice(1)
        .map((m) => ({ id_number: spouse, occurred_on: `${m}-15`, pension_type: 'resident', amount: '170' })),
    );
    await ingest('bank_deposit', [
      {
        id_number: head,
        occurred_on: '2026-06-30',
        bank: '重庆农村商业银行',
        account_no: '6217001111',
        amount: '9000',
      },
      {
        id_number: head,
        occurred_on: '2026-10-31',
        bank: '重庆农村商业银行',
        account_no: '6217001111',
        amount: '12000',
      },
      { id_number: spouse, occurred_on: '2026-10-31', bank: '邮储银行', account_no: '6221002222', amount: '3500.50' },
    ]);
    await ingest('police_vehicle', [
      { id_number: head, occurred_on: '2024-05-01', plate: '渝G12345', vehicle_type: 'truck', amount: '45000' },
    ]);
    await ingest('medical_hospitalisation', [
      { id_number: spouse, occurred_on: '2026-10-08', hospital: '武隆区人民医院', amount: '38000', self_paid: '9500' },
    ]);
    await ingest('disability_certificate', [
      { id_number: spouse, occurred_on: '2026-09-01', disability_category: 'physical', disability_level: '2' },
    ]);
    // someone outside the household: never in its answers
    await ingest('bank_deposit', [
      { id_number: makeIdNumber('500156', '1970-01-01', 999), occurred_on: '2026-10-31', bank: 'x', amount: '99999' },
    ]);
  });
  afterAll(async () => {
    await t.platform.jobs.stop();
    await t.close();
  });

  it('a demo household: wages 31,200, pension 2,040, deposits 15,500.50, one 45,000 vehicle, 9,500 self-paid, level-2 disability', async () => {
    const res = await post('xns_reviewer', '/exchange/verifications', {
      householdId: xns.householdId,
      caseId: xns.caseId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.summary.asOf).toBeDefined();
    // The route verifies as of today; recompute as of the fixed day through the service for exact window numbers.
    // (PGlite has one connection: everything the transaction needs is read before it starts)
    const { verifyHousehold } = await import('../../src/core/exchange/verification.ts');
    const userId = (await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'xns_reviewer'`)).rows[0]
      .id;
    const actor = await t.platform.auth.loadStaffActor(userId);
    if (!actor) throw new Error('no actor');
    const fixed = await t.db.transaction((tx) =>
      verifyHousehold(tx, actor, { householdId: xns.householdId, caseId: xns.caseId, asOf: AS_OF }),
    );
    const s = fixed.summary;
    expect(s.incomeTotalsFen).toEqual({ wage: 3_120_000, business: 0, property: 0, transfer: 204_000 });
    expect(s.checks).toContainEqual({
      category: 'income',
      memberId: xns.personIds.head,
      incomeCategory: 'wage',
      kind: 'wage',
      amountFen: 3_120_000,
    });
    expect(s.checks).toContainEqual({
      category: 'income',
      memberId: xns.personIds.spouse,
      incomeCategory: 'transfer',
      kind: 'residents-pension',
      amountFen: 204_000,
    });
    expect(s.financialAssetsFen).toBe(1_550_050);
    expect(s.checks).toContainEqual({ category: 'vehicles', vehicles: [{ valueFen: 4_500_000 }] });
    expect(s.hospitalisation).toEqual({ stays: 1, totalCostFen: 3_800_000, selfPaidFen: 950_000 });
    expect(s.disabilities).toEqual([
      { memberId: xns.personIds.spouse, category: 'physical', level: 2, issuedOn: '2026-09-01' },
    ]);
    // every enabled category answered, found or not, and kept with the case
    expect(fixed.answers).toHaveLength(36);
    expect(fixed.answers.find((a) => a.categoryCode === 'bank_deposit')?.found).toBe(3);
    expect(fixed.answers.find((a) => a.categoryCode === 'court_enforcement')?.found).toBe(0);
    expect(fixed.members.map((m) => m.idMasked)).not.toContain(xns.ids.head);
    expect(await count(`SELECT count(*)::int AS n FROM exchange_verification WHERE case_id = $1`, [xns.caseId])).toBe(
      2,
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.verify' AND entity_id = $1`, [
        xns.householdId,
      ]),
    ).toBe(2);
    expect(JSON.stringify(fixed)).not.toContain(xns.ids.head);

    const list = await t.app.inject({
      url: `/api/v1/exchange/verifications?caseId=${xns.caseId}`,
      headers: { cookie: await cookie('xns_reviewer') },
    });
    expect(list.json()).toHaveLength(2);
    const one = await t.app.inject({
      url: `/api/v1/exchange/verifications/${r.verificationId}`,
      headers: { cookie: await cookie('xns_reviewer') },
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().answers).toHaveLength(36);
  });

  it('scope: a 白马镇 reviewer cannot verify a 仙女山 household or read its verification (404, same as missing)', async () => {
    const res = await post('bm_reviewer', '/exchange/verifications', {
      householdId: xns.householdId,
      caseId: xns.caseId,
    });
    expect(res.statusCode, res.body).toBe(404);
    const missing = await post('bm_reviewer', '/exchange/verifications', { householdId: randomUUID() });
    expect(missing.statusCode).toBe(404);
    expect(res.json()).toEqual({ ...missing.json() });
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM exchange_verification WHERE household_id = $1 LIMIT 1',
      [xns.householdId],
    );
    const read = await t.app.inject({
      url: `/api/v1/exchange/verifications/${rows[0].id}`,
      headers: { cookie: await cookie('bm_reviewer') },
    });
    expect(read.statusCode).toBe(404);
    const list = await t.app.inject({
      url: `/api/v1/exchange/verifications?householdId=${xns.householdId}`,
      headers: { cookie: await cookie('bm_reviewer') },
    });
    expect(list.json()).toEqual([]);
  });

  it('without the signed authorisation on file → 422 exchange.authorisation_missing, nothing kept', async () => {
    const unauthorised = await household(DS, 'bm_clerk', false);
    const before = await count('SELECT count(*)::int AS n FROM exchange_verification');
    const res = await post('bm_reviewer', '/exchange/verifications', {
      householdId: unauthorised.householdId,
      caseId: unauthorised.caseId,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('exchange.authorisation_missing');
    expect(await count('SELECT count(*)::int AS n FROM exchange_verification')).toBe(before);
  });

  it('batch re-check job: verifies each household with an authorisation, reports the others', async () => {
    const other = await household(JZ, 'xns_clerk', false);
    const res = await post('xns_reviewer', '/exchange/verifications/batch', {
      householdIds: [xns.householdId, other.householdId],
    });
    expect(res.statusCode, res.body).toBe(202);
    const jobId = res.json().jobId as string;
    let run: { status: string; result: { verified: number; failed: Array<{ householdId: string; code: string }> } };
    for (;;) {
      const r = await t.app.inject({
        url: `/api/v1/exchange/jobs/${jobId}`,
        headers: { cookie: await cookie('xns_reviewer') },
      });
      run = r.json();
      if (run.status === 'succeeded' || run.status === 'failed') break;
      await new Promise((x) => setTimeout(x, 200));
    }
    expect(run.status).toBe('succeeded');
    expect(run.result.verified).toBe(1);
    expect(run.result.failed).toEqual([
      expect.objectContaining({ householdId: other.householdId, code: 'exchange.authorisation_missing' }),
    ]);
  });
});
