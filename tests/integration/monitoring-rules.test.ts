import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';
import { DS, JZ, monitoringFixture, TODAY } from './monitoring-fixture.ts';

describe.each(ENGINES)('monitoring warning rules on %s', (engine) => {
  let t: TestPlatform;
  const f = monitoringFixture(() => t, engine);

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('rules are seeded once: 14 rules, a second seeding adds none', async () => {
    expect((await t.db.query('SELECT 1 FROM monitoring_rule')).rows).toHaveLength(14);
    expect(await t.platform.monitoring.service.seedRules()).toBe(0);
  });

  it('a death record for an enrolled member → one warning for the coordinator, the registry records the death, the 低保 stops after the death month', async () => {
    const hh = await f.household('xns_clerk', JZ, [{ birthDate: '1950-02-03' }]);
    const [person] = hh.people;
    await f.feed('police_death', [{ record_id: 'GA-D-1', id_number: person.idNumber, occurred_on: '2026-11-10' }]);
    const warnings = await f.warningsOf({ personId: person.id });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rule_code: 'death', dedup_key: `death:${person.id}`, region_code: JZ });
    const coordinator = await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'jz_coord'`);
    expect(warnings[0].assignee_id).toBe(coordinator.rows[0].id);
    // due in 3 working days from 2026-11-25 (Wed): 26, 27, 30 → 2026-11-30
    expect(warnings[0].due_on).toBe('2026-11-30');
    const p = await t.db.query<{ deceased_on: string }>('SELECT deceased_on FROM person WHERE id = $1', [person.id]);
    expect(p.rows[0].deceased_on).toBe('2026-11-10');
    const e = await t.db.query<{ status: string; end_month: string }>(
      `SELECT status, to_char(end_month, 'YYYY-MM') AS end_month FROM assistance_enrollment WHERE id = $1`,
      [hh.enrollmentId],
    );
    // paid for November (the death month), nothing from December's payroll on
    expect(e.rows[0]).toEqual({ status: 'exited', end_month: '2026-11' });
    // The health department's certificate of the same death is the same fact: no second warning.
    await f.feed('health_death', [{ record_id: 'WJ-D-1', id_number: person.idNumber, occurred_on: '2026-11-10' }]);
    expect(await f.warningsOf({ personId: person.id })).toHaveLength(1);
  });

  it('self-paid hospital cost 25,000 yuan → temporary assistance candidate; 19,999.99 → nothing', async () => {
    const hh = await f.household('xns_clerk', JZ, [{}, {}]);
    const [a, b] = hh.people;
    await f.feed('medical_hospitalisation', [
      { record_id: 'YB-1', id_number: a.idNumber, occurred_on: '2026-11-02', amount: '60000', self_paid: '25000' },
      { record_id: 'YB-2', id_number: b.idNumber, occurred_on: '2026-11-03', amount: '40000', self_paid: '19999.99' },
    ]);
    const wa = await f.warningsOf({ personId: a.id, ruleCode: 'large_medical_cost' });
    expect(wa).toHaveLength(1);
    expect(wa[0].evidence).toMatchObject({ categoryCode: 'medical_hospitalisation', amountFen: 6_000_000 });
    expect((wa[0].evidence.payload as Record<string, unknown>).self_paid_fen).toBe(2_500_000);
    expect(await f.warningsOf({ personId: b.id })).toHaveLength(0);
  });

  it('a new level 2 disability certificate → warning; level 3, or level 1 already on file → nothing', async () => {
    const hh = await f.household('xns_clerk', JZ, [{}, {}, { disabilityLevel: 1 }]);
    const [a, b, c] = hh.people;
    await f.feed('disability_certificate', [
      {
        record_id: 'CL-1',
        id_number: a.idNumber,
        occurred_on: '2026-10-20',
        disability_category: 'physical',
        disability_level: '2',
      },
      {
        record_id: 'CL-2',
        id_number: b.idNumber,
        occurred_on: '2026-10-20',
        disability_category: 'visual',
        disability_level: '3',
      },
      {
        record_id: 'CL-3',
        id_number: c.idNumber,
        occurred_on: '2026-10-20',
        disability_category: 'physical',
        disability_level: '1',
      },
    ]);
    const w = await f.warningsOf({ householdId: hh.householdId, ruleCode: 'new_severe_disability' });
    expect(w.map((x) => x.dedup_key)).toEqual([`new_severe_disability:${a.id}:2`]);
  });

  it('unemployment, imprisonment, a house purchase and a vehicle raise one warning each; a sale does not', async () => {
    const hh = await f.household('xns_clerk', JZ, [{}]);
    const [a] = hh.people;
    await f.feed('hrss_unemployment', [
      { record_id: 'RS-1', id_number: a.idNumber, occurred_on: '2026-11-01', kind: 'registered' },
    ]);
    await f.feed('police_detention', [
      { record_id: 'GA-J-1', id_number: a.idNumber, occurred_on: '2026-11-05', kind: 'imprisonment' },
    ]);
    await f.feed('real_estate_transaction', [
      { record_id: 'BDC-1', id_number: a.idNumber, occurred_on: '2026-11-06', direction: 'purchase', amount: '380000' },
      { record_id: 'BDC-2', id_number: a.idNumber, occurred_on: '2026-11-07', direction: 'sale', amount: '120000' },
    ]);
    await f.feed('police_vehicle', [
      {
        record_id: 'CL-V-1',
        id_number: a.idNumber,
        occurred_on: '2026-11-08',
        plate: '渝G12345',
        vehicle_type: 'car',
        amount: '89000',
      },
    ]);
    const codes = (await f.warningsOf({ personId: a.id })).map((w) => w.rule_code).sort();
    expect(codes).toEqual(['imprisonment', 'property_purchase', 'unemployment', 'vehicle_purchase']);
  });

  it('wages 12 × 2,000 yuan in a 2-person urban household = 1,000 per capita, above the 770 urban standard → re-check; 1,500 (750) not', async () => {
    const wages = (idNumber: string, yuan: string) =>
      Array.from({ length: 12 }, (_, i) => ({
        record_id: `SW-${idNumber.slice(-6)}-${i}`,
        id_number: idNumber,
        // December 2025 … November 2026: the 12 months up to 2026-11-25
        occurred_on: `${i < 1 ? 2025 : 2026}-${String(((i + 11) % 12) + 1).padStart(2, '0')}-01`,
        amount: yuan,
      }));
    const standard = await t.platform.policy.resolveAssistance(t.db, JZ, TODAY);
    expect(standard.values.dibaoStandardFen.urban).toBe(77_000);
    const above = await f.household('xns_clerk', JZ, [{}, {}]);
    const below = await f.household('xns_clerk', JZ, [{}, {}]);
    await f.feed('tax_wage_income', [
      ...wages(above.people[0].idNumber, '2000'),
      ...wages(below.people[0].idNumber, '1500'),
    ]);
    const w = await f.warningsOf({ householdId: above.householdId, ruleCode: 'income_above_standard' });
    expect(w).toHaveLength(1);
    expect(w[0].evidence).toMatchObject({ perCapitaFen: 100_000, members: 2, standardFen: 77_000, months: 12 });
    expect(w[0].dedup_key).toBe(`income_above_standard:${above.householdId}:2026-11`);
    expect(await f.warningsOf({ householdId: below.householdId })).toHaveLength(0);
  });

  it('re-ingesting the same records (same file, or the same rows in another batch) → zero new warnings', async () => {
    const hh = await f.household('bm_clerk', DS, [{}]);
    const [a] = hh.people;
    const rows = [{ record_id: 'RS-R-1', id_number: a.idNumber, occurred_on: '2026-11-01', kind: 'registered' }];
    await f.feed('hrss_unemployment', rows);
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM monitoring_warning')).rows[0].n;
    const again = await f.feed('hrss_unemployment', rows);
    expect(again.stored).toBe(0);
    const evaluated = await t.platform.monitoring.evaluator.evaluate(null);
    expect(evaluated.created.unemployment).toBe(0);
    const after = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM monitoring_warning')).rows[0].n;
    expect(after).toBe(before + evaluated.total);
    // the full run may find population warnings, but never a second unemployment warning for this record
    expect(await f.warningsOf({ personId: a.id, ruleCode: 'unemployment' })).toHaveLength(1);
  });

  it('records about people who are not monitored raise nothing', async () => {
    const hh = await f.household('bm_clerk', DS, [{}], null);
    await f.feed('police_vehicle', [
      {
        record_id: 'CL-V-9',
        id_number: hh.people[0].idNumber,
        occurred_on: '2026-11-08',
        plate: '渝G99999',
        vehicle_type: 'car',
        amount: '50000',
      },
    ]);
    expect(await f.warningsOf({ personId: hh.people[0].id })).toHaveLength(0);
  });

  it('a person flagged at risk through the API is monitored without an enrollment; flags are scoped and idempotent', async () => {
    const hh = await f.household('bm_clerk', DS, [{}], null);
    const [a] = hh.people;
    const other = await f.household('xns_clerk', JZ, [{}], null);
    const flag = { personId: a.id, reason: '因病返贫风险' };
    expect(f.ok<{ added: boolean }>(await f.call('bm_reviewer', 'POST', '/monitoring/flags', flag), 201).added).toBe(
      true,
    );
    expect(f.ok<{ added: boolean }>(await f.call('bm_reviewer', 'POST', '/monitoring/flags', flag)).added).toBe(false);
    const outside = await f.call('bm_reviewer', 'POST', '/monitoring/flags', {
      personId: other.people[0].id,
      reason: '越权',
    });
    expect(outside.statusCode).toBe(404);
    const listed = f.ok<{ items: Array<{ personId: string; personName: string }> }>(
      await f.call('bm_reviewer', 'GET', '/monitoring/flags'),
    );
    expect(listed.items.map((x) => x.personId)).toEqual([a.id]);
    expect(listed.items[0].personName).toMatch(/^冉\*/);
    await f.feed('hrss_unemployment', [
      { record_id: 'RS-F-1', id_number: a.idNumber, occurred_on: '2026-11-01', kind: 'benefit' },
    ]);
    expect((await f.warningsOf({ personId: a.id })).map((w) => w.rule_code)).toEqual(['unemployment']);
    expect((await f.call('xns_reviewer', 'DELETE', `/monitoring/flags/${a.id}`)).statusCode).toBe(404);
    expect((await f.call('bm_reviewer', 'DELETE', `/monitoring/flags/${a.id}`)).statusCode).toBe(204);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE action LIKE 'monitoring.flag.%' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['monitoring.flag.add', 'monitoring.flag.remove']);
  });

  it('population rules: 2 disabled of 3 → several disabled; a 70-year-old living alone, level 3 → elderly alone; 59 → not', async () => {
    const several = await f.household('bm_clerk', DS, [{ disabilityLevel: 2 }, { disabilityLevel: 4 }, {}]);
    const alone = await f.household('bm_clerk', DS, [{ birthDate: '1956-05-01', disabilityLevel: 3 }]);
    const young = await f.household('bm_clerk', DS, [{ birthDate: '1967-12-01', disabilityLevel: 3 }]);
    await t.platform.monitoring.evaluator.evaluate(null);
    expect(
      (await f.warningsOf({ householdId: several.householdId, ruleCode: 'several_disabled' })).map((w) => w.dedup_key),
    ).toEqual([`several_disabled:${several.householdId}:2`]);
    expect(await f.warningsOf({ personId: alone.people[0].id, ruleCode: 'elderly_alone_disabled' })).toHaveLength(1);
    expect(await f.warningsOf({ personId: young.people[0].id, ruleCode: 'elderly_alone_disabled' })).toHaveLength(0);
    const again = await t.platform.monitoring.evaluator.evaluate(null);
    expect(again.total).toBe(0);
  });

  it('a disabled rule raises nothing', async () => {
    const admin = 'admin';
    const rules = f.ok<
      Array<{
        code: string;
        version: number;
        severity: string;
        dueWorkingDays: number;
        actRole: string;
        params: object;
      }>
    >(await f.call(admin, 'GET', '/monitoring/rules'));
    const vehicle = rules.find((r) => r.code === 'vehicle_purchase');
    if (!vehicle) throw new Error('no vehicle rule');
    f.ok(
      await f.call(admin, 'PUT', '/monitoring/rules/vehicle_purchase', {
        severity: vehicle.severity,
        dueWorkingDays: vehicle.dueWorkingDays,
        actRole: vehicle.actRole,
        enabled: false,
        params: vehicle.params,
        version: vehicle.version,
      }),
    );
    const hh = await f.household('bm_clerk', DS, [{}]);
    await f.feed('police_vehicle', [
      {
        record_id: 'CL-V-7',
        id_number: hh.people[0].idNumber,
        occurred_on: '2026-11-08',
        plate: '渝G77777',
        vehicle_type: 'car',
        amount: '50000',
      },
    ]);
    expect(await f.warningsOf({ personId: hh.people[0].id })).toHaveLength(0);
  });
});
