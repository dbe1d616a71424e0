import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';
import { DS, type Household, JZ, monitoringFixture, TODAY } from './monitoring-fixture.ts';

interface Warning {
  id: string;
  ruleCode: string;
  kind: string;
  status: string;
  regionCode: string;
  personName: string | null;
  overdue: boolean;
  outcome: string | null;
  caseId: string | null;
  version: number;
  escalationLevel: number;
  evidence?: Record<string, unknown>;
  notes?: Array<{ kind: string; note: string; visitedOn: string | null }>;
}

describe.each(ENGINES)('monitoring workbench on %s', (engine) => {
  let t: TestPlatform;
  const f = monitoringFixture(() => t, engine);
  let jzMedical: Household;
  let dsVehicle: Household;

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
    jzMedical = await f.household('xns_clerk', JZ, [{}, {}]);
    dsVehicle = await f.household('bm_clerk', DS, [{}]);
    await f.feed('medical_self_paid', [
      { record_id: 'YB-W-1', id_number: jzMedical.people[0].idNumber, occurred_on: '2026-11-12', amount: '32000' },
    ]);
    await f.feed('police_vehicle', [
      {
        record_id: 'CL-W-1',
        id_number: dsVehicle.people[0].idNumber,
        occurred_on: '2026-11-08',
        plate: '渝G55555',
        vehicle_type: 'car',
        amount: '70000',
      },
    ]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const list = async (user: string, query = '') =>
    f.ok<{ total: number; items: Warning[] }>(await f.call(user, 'GET', `/monitoring/warnings${query}`));

  it('scope: the 白马镇 reviewer sees only 白马镇 warnings, the 荆竹村 coordinator only 荆竹村; the other township is 404', async () => {
    const bm = await list('bm_reviewer');
    const jz = await list('jz_coord');
    expect(bm.items.map((w) => w.regionCode)).toEqual([DS]);
    expect(jz.items.map((w) => w.ruleCode)).toEqual(['large_medical_cost']);
    expect(jz.items[0].personName).toMatch(/^冉\*/);
    expect((await f.call('bm_reviewer', 'GET', `/monitoring/warnings/${jz.items[0].id}`)).statusCode).toBe(404);
    expect(
      (await f.call('ds_coord', 'POST', `/monitoring/warnings/${jz.items[0].id}/notes`, { kind: 'note', note: '看看' }))
        .statusCode,
    ).toBe(404);
    const stats = f.ok<{ byRule: Array<{ rule_code: string; open: number }> }>(
      await f.call('bm_reviewer', 'GET', '/monitoring/stats'),
    );
    expect(stats.byRule).toEqual([{ rule_code: 'vehicle_purchase', open: 1, closed: 0, overdue: 0 }]);
    // the township clerk's role does not cover the monitoring line
    expect((await f.call('xns_clerk', 'GET', '/monitoring/warnings')).statusCode).toBe(403);
  });

  it('detail shows the evidence and is audited as a full read; a visit note moves it in progress', async () => {
    const [w] = (await list('jz_coord')).items;
    const detail = f.ok<Warning>(await f.call('jz_coord', 'GET', `/monitoring/warnings/${w.id}`));
    expect(detail.evidence).toMatchObject({ categoryCode: 'medical_self_paid', amountFen: 3_200_000 });
    const audit = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'monitoring.warning.read' AND entity_id = $1`,
      [w.id],
    );
    expect(audit.rows.length).toBeGreaterThan(0);
    const noted = f.ok<Warning>(
      await f.call('jz_coord', 'POST', `/monitoring/warnings/${w.id}/notes`, {
        kind: 'visit',
        visitedOn: '2026-11-25',
        note: '入户核实住院情况',
      }),
      201,
    );
    expect(noted.status).toBe('in_progress');
    expect(noted.notes?.[0]).toMatchObject({ kind: 'visit', visitedOn: '2026-11-25' });
  });

  it('bad input: a dismissal without a reason and a visit without its date are 400 with field errors, nothing written', async () => {
    const [w] = (await list('bm_reviewer')).items;
    const noReason = await f.call('bm_reviewer', 'POST', `/monitoring/warnings/${w.id}/close`, {
      outcome: 'dismissed',
      note: '',
      version: w.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('note');
    const noDate = await f.call('bm_reviewer', 'POST', `/monitoring/warnings/${w.id}/close`, {
      outcome: 'visited',
      note: '已走访',
      version: w.version,
    });
    expect(noDate.statusCode).toBe(400);
    expect(JSON.stringify(noDate.json())).toContain('visitedOn');
    expect((await list('bm_reviewer')).items[0].status).toBe('open');
  });

  it('dismissed with a reason closes it; closing again the same way is idempotent, another outcome is 409', async () => {
    const [w] = (await list('bm_reviewer')).items;
    const body = { outcome: 'dismissed', note: '车辆为亲属代购,已核实', version: w.version };
    const closed = f.ok<Warning>(await f.call('bm_reviewer', 'POST', `/monitoring/warnings/${w.id}/close`, body));
    expect(closed).toMatchObject({ status: 'closed', outcome: 'dismissed' });
    const again = f.ok<Warning>(await f.call('bm_reviewer', 'POST', `/monitoring/warnings/${w.id}/close`, body));
    expect(again.version).toBe(closed.version);
    const other = await f.call('bm_reviewer', 'POST', `/monitoring/warnings/${w.id}/close`, {
      ...body,
      outcome: 'visited',
      visitedOn: '2026-11-25',
    });
    expect(other.statusCode).toBe(409);
    const stats = f.ok<{ closeDays: Array<{ rule_code: string; closed: number }> }>(
      await f.call('bm_reviewer', 'GET', '/monitoring/stats'),
    );
    expect(stats.closeDays).toMatchObject([{ rule_code: 'vehicle_purchase', closed: 1 }]);
  });

  it('assistance started: the coordinator opens a temporary assistance application from the warning and it is linked', async () => {
    const [w] = (await list('jz_coord')).items;
    const res = await f.call('jz_coord', 'POST', `/monitoring/warnings/${w.id}/close`, {
      outcome: 'assistance_started',
      note: '住院自付3.2万元,申请临时救助',
      version: w.version,
    });
    const closed = f.ok<Warning>(res);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'assistance_started' });
    const c = await t.db.query<{ workflow: string; region_code: string }>(
      'SELECT workflow, region_code FROM wf_case WHERE id = $1',
      [closed.caseId],
    );
    expect(c.rows[0]).toMatchObject({ workflow: 'assistance.application', region_code: JZ });
    const app = await t.db.query<{ requested: { programmes: string[] } }>(
      'SELECT requested FROM assistance_application WHERE case_id = $1',
      [closed.caseId],
    );
    expect(app.rows[0].requested.programmes).toEqual(['temporaryAssistanceExpenditure']);
  });

  it('overdue warnings are escalated once a day and the township reviewer gets a message', async () => {
    const hh = await f.household('xns_clerk', JZ, [{}]);
    await f.feed('hrss_unemployment', [
      { record_id: 'RS-E-1', id_number: hh.people[0].idNumber, occurred_on: '2026-11-01', kind: 'registered' },
    ]);
    const [w] = await f.warningsOf({ personId: hh.people[0].id });
    await t.db.query(`UPDATE monitoring_warning SET due_on = '2026-11-20' WHERE id = $1`, [w.id]);
    expect(await t.platform.monitoring.service.escalateOverdue()).toBe(1);
    expect(await t.platform.monitoring.service.escalateOverdue()).toBe(0);
    const msg = await t.db.query<{ username: string; kind: string }>(
      `SELECT u.username, m.kind FROM message m JOIN app_user u ON u.id = m.user_id WHERE m.kind = 'monitoring.escalated'`,
    );
    expect(msg.rows).toEqual([{ username: 'xns_reviewer', kind: 'monitoring.escalated' }]);
    const overdue = await list('xns_reviewer', '?overdue=true');
    expect(overdue.items.map((x) => [x.id, x.escalationLevel, x.overdue])).toEqual([[w.id, 1, true]]);
    const visits = f.ok<{ items: Warning[] }>(await f.call('jz_coord', 'GET', '/monitoring/visits/today'));
    expect(visits.items.map((x) => x.id)).toContain(w.id);
  });

  it('Excel export holds the scoped warnings only, names masked, and is audited', async () => {
    const res = await f.call('bm_reviewer', 'GET', '/monitoring/warnings/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((res as unknown as { rawPayload: Buffer }).rawPayload) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(2).getCell(7).value)).toBe(DS);
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'monitoring.warning.export'`);
    expect(audit.rows).toHaveLength(1);
  });

  it('proactive discovery: low income not enrolled, 低保 member with level 2 disability, an orphan, deposits above the limit; scoped', async () => {
    // 2 members, wages 500 yuan a month → 250 per capita < 770; deposits 10,000 ≤ 24 × 770 × 2
    const poor = await f.household('xns_clerk', JZ, [{}, {}], null);
    const [earner] = poor.people;
    await f.feed(
      'tax_wage_income',
      Array.from({ length: 6 }, (_, i) => ({
        record_id: `SW-P-${i}`,
        id_number: earner.idNumber,
        occurred_on: `2026-0${i + 4}-01`,
        amount: '1000',
      })),
    );
    await f.feed('bank_deposit', [
      { record_id: 'BK-P-1', id_number: earner.idNumber, occurred_on: '2026-10-31', bank: '农商行', amount: '10000' },
    ]);
    const disabled = await f.household('xns_clerk', JZ, [{}, { disabilityLevel: 2 }]);
    const orphan = await f.household('xns_clerk', JZ, [{ birthDate: '2016-03-09' }], null);
    // one person enrolled, deposits 60,000 yuan > 24 × 770 = 18,480
    const rich = await f.household('xns_clerk', JZ, [{}]);
    await f.feed('bank_deposit', [
      {
        record_id: 'BK-R-1',
        id_number: rich.people[0].idNumber,
        occurred_on: '2026-10-31',
        bank: '农商行',
        amount: '60000',
      },
    ]);
    const bm = f.ok<{ total: number }>(await f.call('bm_reviewer', 'POST', '/monitoring/discovery', {}));
    expect(await f.warningsOf({ householdId: poor.householdId })).toHaveLength(0);
    expect((await f.call('bm_reviewer', 'POST', '/monitoring/discovery', { regionCode: '500156003' })).statusCode).toBe(
      400,
    );
    const xns = f.ok<{ created: Record<string, number> }>(
      await f.call('xns_reviewer', 'POST', '/monitoring/discovery', {}),
    );
    expect(xns.created.outreach_low_income).toBeGreaterThanOrEqual(1);
    const low = await f.warningsOf({ householdId: poor.householdId, ruleCode: 'outreach_low_income' });
    // 6 months of 1,000 over 12 months / 2 members = 250 yuan per capita
    expect(low[0]).toMatchObject({ kind: 'outreach' });
    expect(low[0].evidence).toMatchObject({
      perCapitaFen: 25_000,
      standardFen: 77_000,
      depositsFen: 1_000_000,
      assetLimitFen: 3_696_000,
    });
    const sub = await f.warningsOf({ personId: disabled.people[1].id, ruleCode: 'outreach_disability_subsidy' });
    expect(sub).toHaveLength(1);
    expect(await f.warningsOf({ personId: orphan.people[0].id, ruleCode: 'outreach_orphan' })).toHaveLength(1);
    const re = await f.warningsOf({ householdId: rich.householdId, ruleCode: 'recheck_assets' });
    expect(re[0]).toMatchObject({ kind: 'recheck' });
    expect(re[0].evidence).toMatchObject({ depositsFen: 6_000_000, assetLimitFen: 1_848_000 });
    const again = f.ok<{ total: number }>(await f.call('xns_reviewer', 'POST', '/monitoring/discovery', {}));
    expect(again.total).toBe(0);
    expect(bm.total).toBe(0);
    const tasks = await list('xns_reviewer', '?kind=outreach');
    expect(tasks.items.every((x) => x.kind === 'outreach')).toBe(true);
  });

  it('only an administrator edits rules; a stale version is 409; the change is audited', async () => {
    const rules = f.ok<Array<{ code: string; version: number }>>(await f.call('admin', 'GET', '/monitoring/rules'));
    const medical = rules.find((r) => r.code === 'large_medical_cost');
    const body = {
      severity: 'high',
      dueWorkingDays: 3,
      actRole: 'village_coordinator',
      enabled: true,
      params: { thresholdFen: 1_000_000 },
      version: medical?.version,
    };
    expect((await f.call('xns_reviewer', 'PUT', '/monitoring/rules/large_medical_cost', body)).statusCode).toBe(403);
    const updated = f.ok<{ params: { thresholdFen: number }; version: number }>(
      await f.call('admin', 'PUT', '/monitoring/rules/large_medical_cost', body),
    );
    expect(updated.params.thresholdFen).toBe(1_000_000);
    expect((await f.call('admin', 'PUT', '/monitoring/rules/large_medical_cost', body)).statusCode).toBe(409);
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'monitoring.rule.update'`);
    expect(audit.rows).toHaveLength(1);
  });
});
