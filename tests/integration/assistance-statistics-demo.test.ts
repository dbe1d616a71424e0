import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPopulation } from '../../src/db/seed/population-seed.ts';
import { seedAssistanceDemo } from '../../src/modules/assistance/demo/assistance-demo.seed.ts';
import { seedMonitoringDemo } from '../../src/modules/monitoring/demo/monitoring-demo.seed.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const TODAY = '2025-10-20';

describe.each(ENGINES)('social assistance demo data on %s', (engine) => {
  let t: TestPlatform;
  let first: Awaited<ReturnType<typeof seedAssistanceDemo>>;
  let seconds = 0;
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0].n;

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
    await seedPopulation(t.db, t.platform.cipher, { regionPrefix: ['500156003', '500156101'], persons: 3000, seed: 7 });
    const started = performance.now();
    first = await seedAssistanceDemo(t.platform, { today: TODAY });
    seconds = (performance.now() - started) / 1000;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it(`enrolls a few hundred households in both townships and computes payroll (time logged, not asserted)`, async () => {
    console.log(`[${engine}] assistance demo seed: ${JSON.stringify(first)} in ${seconds.toFixed(2)} s`);
    expect(first.skipped).toBe(false);
    expect(first.enrollments).toBeGreaterThanOrEqual(200);
    expect(first.payrollRuns).toBe(36); // 12 months × 3 paid programmes
    const perTownship = await t.db.query<{ t: string; n: number }>(
      `SELECT left(region_code, 9) AS t, count(*)::int AS n FROM assistance_enrollment GROUP BY 1 ORDER BY 1`,
    );
    expect(perTownship.rows.map((r) => r.t)).toEqual(['500156003', '500156101']);
    expect(await count(`SELECT count(DISTINCT status)::int AS n FROM assistance_enrollment`)).toBeGreaterThanOrEqual(3);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM wf_case WHERE workflow = 'assistance.application' AND closed_at IS NULL`,
      ),
    ).toBe(16);
  });

  it('takes four applications on through the real services: two to township review, two into 公示', async () => {
    expect(first.advanced).toBe(4);
    const states = await t.db.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM wf_case WHERE workflow = 'assistance.application' AND closed_at IS NULL
       GROUP BY state ORDER BY state`,
    );
    expect(states.rows).toEqual([
      { state: 'publicity', n: 2 },
      { state: 'submitted', n: 6 },
      { state: 'township_review', n: 2 },
      { state: 'verifying', n: 6 },
    ]);
    const notice = await t.db.query<{ village_code: string; masked_name: string; amount_fen: number }>(
      `SELECT village_code, masked_name, amount_fen FROM assistance_publicity WHERE status = 'open' ORDER BY village_code`,
    );
    expect(notice.rows).toHaveLength(2);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/publicity?village=${notice.rows[0].village_code}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain(notice.rows[0].masked_name);
    expect(notice.rows[0].masked_name).toMatch(/\*/);
  });

  it('running the seed again adds nothing', async () => {
    const before = await count(
      'SELECT (SELECT count(*) FROM assistance_enrollment) + (SELECT count(*) FROM wf_case) + (SELECT count(*) FROM payroll_line) AS n',
    );
    const again = await seedAssistanceDemo(t.platform, { today: TODAY });
    expect(again.skipped).toBe(true);
    const after = await count(
      'SELECT (SELECT count(*) FROM assistance_enrollment) + (SELECT count(*) FROM wf_case) + (SELECT count(*) FROM payroll_line) AS n',
    );
    expect(after).toBe(before);
  });

  it('payroll follows the standard of each month: a 低保 line of July 2025 = (770 − per-capita) × members (750 in June)', async () => {
    const { rows } = await t.db.query<{ month: string; area: string; members: number; pci: number; amount: number }>(
      `SELECT to_char(l.for_month, 'YYYY-MM') AS month, e.area, e.members, e.per_capita_income_fen AS pci, l.amount_fen AS amount
       FROM payroll_line l JOIN assistance_enrollment e ON e.id = l.enrollment_id
       WHERE e.programme = 'minimumLivingAllowance' AND e.status = 'active' AND e.start_month <= '2025-06-01'
         AND l.for_month IN ('2025-06-01', '2025-07-01')
       ORDER BY e.id, l.for_month`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const standard =
        r.area === 'urban' ? (r.month === '2025-07' ? 77_000 : 75_000) : r.month === '2025-07' ? 63_000 : 61_000;
      expect(r.amount).toBe((standard - r.pci) * r.members);
    }
    // past months paid and reconciled, the current month computed and waiting for the approver
    const runs = await t.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM payroll_run GROUP BY status ORDER BY status`,
    );
    expect(runs.rows).toEqual([
      { status: 'computed', n: 3 },
      { status: 'reconciled', n: 33 },
    ]);
  });

  it('the statistics page has something to show for 武隆区 and for a township', async () => {
    const cookie = await login(t.app, 'wl_approver');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/assistance/statistics?from=2024-11&to=2025-10',
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json() as {
      months: { amountFen: number; newCount: number }[];
      regions: { regionCode: string }[];
      programmes: { programme: string }[];
      processing: { closed: number; avgWorkingDays: number | null; open: number; overdue: number }[];
    };
    expect(o.months.every((m) => m.amountFen > 0)).toBe(true);
    expect(o.regions.map((r) => r.regionCode)).toEqual(['500156003', '500156101']);
    expect(o.programmes.length).toBeGreaterThanOrEqual(4);
    for (const p of o.processing) {
      expect(p.closed).toBeGreaterThan(0);
      expect(p.avgWorkingDays).toBeGreaterThanOrEqual(10);
      expect(p.open).toBe(8);
    }
    expect(o.processing.some((p) => p.overdue > 0)).toBe(true);
    const summary = await t.app.inject({
      method: 'GET',
      url: '/api/v1/assistance/statistics/summary',
      headers: { cookie },
    });
    expect(summary.json()).toMatchObject({ month: '2025-10', openApplications: 16 });
    expect((summary.json() as { amountFen: number }).amountFen).toBeGreaterThan(0);
  });

  it('demo applications read like real ones: list and detail of approved, refused and open cases', async () => {
    const cookie = await login(t.app, 'xns_reviewer');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/assistance/applications?pageSize=200',
      headers: { cookie },
    });
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: { caseId: string; state: string }[] }).items;
    for (const state of ['approved', 'refused', 'verifying', 'submitted']) {
      const item = items.find((i) => i.state === state);
      expect(item, state).toBeDefined();
      const detail = await t.app.inject({
        method: 'GET',
        url: `/api/v1/assistance/applications/${item?.caseId}`,
        headers: { cookie },
      });
      expect(detail.statusCode, `${state}: ${detail.body}`).toBe(200);
      if (state === 'approved' || state === 'refused') {
        const pdf = await t.app.inject({
          method: 'GET',
          url: `/api/v1/assistance/applications/${item?.caseId}/notice.pdf`,
          headers: { cookie },
        });
        expect(pdf.statusCode, `${state} notice: ${pdf.body.slice(0, 300)}`).toBeLessThan(500);
      }
    }
  });

  it('the demo applications move on through the real workflow: the clerk claims a submitted one; accepting asks for the authorisation', async () => {
    const { rows } = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM wf_case WHERE workflow = 'assistance.application' AND state = 'submitted'
         AND region_code LIKE '500156003%' ORDER BY case_no LIMIT 1`,
    );
    const cookie = await login(t.app, 'xns_clerk');
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${rows[0].id}`, headers: { cookie } });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ state: 'submitted', stateName: '待受理' });
    const claim = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${rows[0].id}/claim`,
      headers: { cookie },
      payload: { version: rows[0].version },
    });
    expect(claim.statusCode, claim.body).toBe(200);
    // accepting needs the signed authorisation first: the workflow's own check answers
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${rows[0].id}/actions/accept`,
      headers: { cookie },
      payload: { version: rows[0].version + 1 },
    });
    expect(accept.json()).toMatchObject({ code: 'assistance.authorisation_missing' });
  });
  it('monitoring demo: department feeds about enrolled people become warnings for their villages; a second run adds nothing', async () => {
    const result = await seedMonitoringDemo(t.platform);
    expect(result.skipped).toBe(false);
    expect(result.records).toBeGreaterThan(100);
    expect(result.warnings).toBeGreaterThan(0);
    const warnings = await t.db.query<{ region_code: string; n: number }>(
      `SELECT region_code, count(*)::int AS n FROM monitoring_warning GROUP BY 1`,
    );
    expect(warnings.rows.reduce((sum, r) => sum + r.n, 0)).toBe(result.warnings);
    for (const r of warnings.rows) expect(r.region_code).toMatch(/^500156(003|101)\d{3}$/);
    const again = await seedMonitoringDemo(t.platform);
    expect(again).toEqual({ skipped: true, records: 0, warnings: 0 });
    expect(await count('SELECT count(*)::int AS n FROM monitoring_warning')).toBe(result.warnings);
  }, 120_000);
});
