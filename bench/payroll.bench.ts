/**
 * Monthly payroll for one district at BENCH_ENROLLMENTS 低保 enrollments (default 100,000), beside one hand-written
 * INSERT … SELECT computing the same amounts into the same table in the same run (issue 3 goal at 1,000,000:
 * ≤ 10 s and ≤ 1.5× the baseline).
 *   node_modules/.bin/node bench/payroll.bench.ts            (BENCH_ENGINES=postgres,pglite)
 */
import { systemActor } from '../src/core/auth/actor.ts';
import { childrenOf } from '../src/core/region/region-tree.ts';
import { createPlatform } from '../src/platform.ts';
import { benchDatabase, engines, fmt } from './bench-support.ts';

const enrollments = Number(process.env.BENCH_ENROLLMENTS ?? 100_000);
const DISTRICT = '500156';

/** Village codes of the district, townships in order (payroll commits one township at a time). */
function villages(): string[] {
  const codes: string[] = [];
  for (const township of childrenOf(DISTRICT)) {
    for (const village of childrenOf(township.code)) codes.push(village.code);
  }
  return codes;
}

for (const engine of engines()) {
  const { db, drop } = await benchDatabase(engine);
  try {
    const platform = createPlatform(db, { encKey: Buffer.alloc(16, 1), indexKey: Buffer.alloc(32, 2) });
    await platform.policy.seedDefaults();
    const codes = villages();
    const t0 = performance.now();
    await db.query(
      `INSERT INTO household (household_no, address, region_code)
       SELECT 'B' || g, '村' || g || '号', ($2::text[])[1 + (g % array_length($2::text[], 1))]
         FROM generate_series(1, $1::int) g`,
      [enrollments, codes],
    );
    // Households of 1-4 with a counted income below the standard; 2% suspended, 1% exited in June.
    await db.query(
      `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members, amount_fen,
         basis, start_month, end_month)
       SELECT h.id, h.region_code, CASE WHEN n % 3 = 0 THEN 'rural' ELSE 'urban' END, 'minimumLivingAllowance',
              CASE WHEN n % 50 = 0 THEN 'suspended' WHEN n % 100 = 1 THEN 'exited' ELSE 'active' END,
              1 + n % 4, 0,
              jsonb_build_object('kind', 'gap', 'members', 1 + n % 4, 'monthlyIncomeFen', (n * 7919) % 40000 * (1 + n % 4),
                                 'topUps', jsonb_build_object('elderly', n % 5 / 4, 'disabled', 0, 'seriouslyIll', 0, 'child', 0),
                                 'earnedIncome', n % 2 = 0),
              DATE '2025-01-01', CASE WHEN n % 100 = 1 THEN DATE '2025-06-01' END
         FROM (SELECT id, region_code, row_number() OVER (ORDER BY household_no) AS n FROM household) h`,
    );
    await db.query('ANALYZE household');
    await db.query('ANALYZE assistance_enrollment');
    console.log(
      `${engine}: ${fmt(enrollments)} enrollments in ${codes.length} villages, set up in ${fmt((performance.now() - t0) / 1000, 1)} s`,
    );

    // Baseline: one INSERT … SELECT with the July 2025 rates written in (urban 770, rural 630, no top-ups).
    const baselineRun = await db.query<{ id: string }>(
      `INSERT INTO payroll_run (district_code, programme, month, status, computed_by)
       VALUES ($1, 'minimumLivingAllowance', DATE '2025-08-01', 'computing', 'bench') RETURNING id`,
      [DISTRICT],
    );
    const { versionId } = await platform.policy.resolveAssistance(db, DISTRICT, '2025-08-01');
    const b0 = performance.now();
    // The same columns the service writes (amount, status and the basis columns), in one statement, no arbiter.
    await db.query(
      `INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status,
                                 standard_fen, members, income_fen, care_tier, gradual_exit, policy_version_id)
       SELECT $1::uuid, e.id, e.household_id, e.region_code, DATE '2025-08-01',
              GREATEST(0, (CASE e.area WHEN 'urban' THEN 77000 ELSE 63000 END) * (e.basis->>'members')::int
                          - (e.basis->>'monthlyIncomeFen')::int),
              CASE WHEN e.status = 'suspended' THEN 'held' ELSE 'payable' END,
              CASE e.area WHEN 'urban' THEN 77000 ELSE 63000 END, (e.basis->>'members')::smallint,
              (e.basis->>'monthlyIncomeFen')::int, e.basis->>'careTier', e.status = 'gradual_exit', $3
         FROM assistance_enrollment e
        WHERE e.region_code LIKE $2 AND e.programme = 'minimumLivingAllowance' AND e.start_month <= DATE '2025-08-01'
          AND (e.end_month IS NULL OR e.end_month >= DATE '2025-08-01')
          AND GREATEST(0, (CASE e.area WHEN 'urban' THEN 77000 ELSE 63000 END) * (e.basis->>'members')::int
                          - (e.basis->>'monthlyIncomeFen')::int) > 0`,
      [baselineRun.rows[0].id, `${DISTRICT}%`, versionId],
    );
    const baselineMs = performance.now() - b0;

    const actor = { ...systemActor('bench'), regionScope: DISTRICT };
    const s0 = performance.now();
    const run = await platform.payroll.compute(actor, {
      district: DISTRICT,
      programme: 'minimumLivingAllowance',
      month: '2025-07',
    });
    const serviceMs = performance.now() - s0;
    const again0 = performance.now();
    await platform.payroll.compute(actor, {
      district: DISTRICT,
      programme: 'minimumLivingAllowance',
      month: '2025-07',
    });
    const againMs = performance.now() - again0;

    const sums = await db.query<{ run_id: string; lines: number; total: number }>(
      `SELECT run_id, count(*)::int AS lines, sum(amount_fen)::float8 AS total FROM payroll_line
        WHERE status = 'payable' GROUP BY run_id`,
    );
    const byRun = new Map(sums.rows.map((r) => [r.run_id, r]));
    const mine = byRun.get(run.id);
    const base = byRun.get(baselineRun.rows[0].id);
    const same = mine?.lines === base?.lines && mine?.total === base?.total;
    console.log(
      `${engine}: payroll ${fmt(serviceMs)} ms (${fmt(run.line_count)} payable, ${fmt(run.held_count)} held, ` +
        `${fmt(Number(run.total_fen) / 100)} yuan) | baseline INSERT…SELECT ${fmt(baselineMs)} ms ` +
        `(${fmt(base?.lines ?? 0)} lines) | ratio ${fmt(serviceMs / baselineMs, 2)}× | recompute (no-op) ${fmt(againMs)} ms | ` +
        `same lines and total: ${same ? 'yes' : 'NO'}`,
    );
  } finally {
    await drop();
  }
}
