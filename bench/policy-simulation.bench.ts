/**
 * Policy simulation (issue 3 capability 9) over BENCH_HOUSEHOLDS active enrollments in one district (default
 * 100,000: 80% 低保, 15% 低保边缘, 5% 特困), "urban 770 → 800 from 2025-08-01", beside a hand-written SQL aggregate
 * computing the same before/after totals per township with the standards written in. Both must agree.
 *   node_modules/.bin/node bench/policy-simulation.bench.ts      (BENCH_ENGINES=postgres,pglite)
 * Goal (issue 3): 1,000,000 households ≤ 5 s.
 */
import { systemActor } from '../src/core/auth/actor.ts';
import { childrenOf } from '../src/core/region/region-tree.ts';
import { SimulationService } from '../src/modules/assistance/simulation/simulation.service.ts';
import { createPlatform } from '../src/platform.ts';
import { benchDatabase, engines, fmt } from './bench-support.ts';

const households = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const DISTRICT = '500156';

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
       SELECT 'S' || g, '村' || g || '号', ($2::text[])[1 + (g % array_length($2::text[], 1))]
         FROM generate_series(1, $1::int) g`,
      [households, codes],
    );
    // n % 20 = 0 → 特困 (one person, no care assessment); n % 20 in 1..3 → 低保边缘 (income 1×..1.5× the standard);
    // else 低保 with a household income below the standard. Two thirds urban.
    await db.query(
      `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members, amount_fen,
         per_capita_income_fen, basis, start_month)
       SELECT id, region_code, area, programme, 'active', members, 0, income / members,
              CASE programme
                WHEN 'minimumLivingAllowance' THEN jsonb_build_object('kind', 'gap', 'members', members,
                  'monthlyIncomeFen', income, 'earnedIncome', false,
                  'topUps', jsonb_build_object('elderly', 0, 'disabled', 0, 'seriouslyIll', 0, 'child', 0))
                WHEN 'extremePovertySupport' THEN jsonb_build_object('kind', 'tekun', 'careTier', 'not-assessed')
                ELSE jsonb_build_object('kind', 'none', 'members', members) END,
              DATE '2025-01-01'
         FROM (SELECT h.id, h.region_code, area, members,
                      CASE WHEN n % 20 = 0 THEN 'extremePovertySupport'
                           WHEN n % 20 < 4 THEN 'lowIncomeMarginal' ELSE 'minimumLivingAllowance' END AS programme,
                      CASE WHEN n % 20 = 0 THEN 0
                           WHEN n % 20 < 4 THEN members * (std + (n * 7919) % (std / 2))
                           ELSE members * ((n * 7919) % std) END AS income
                 FROM (SELECT id, region_code, n,
                              CASE WHEN n % 3 = 0 THEN 'rural' ELSE 'urban' END AS area,
                              CASE WHEN n % 3 = 0 THEN 63000 ELSE 77000 END AS std,
                              CASE WHEN n % 20 = 0 THEN 1 ELSE 1 + n % 4 END AS members
                         FROM (SELECT id, region_code, row_number() OVER (ORDER BY household_no) AS n FROM household) x
                      ) h) e`,
    );
    await db.query('ANALYZE assistance_enrollment');
    console.log(
      `${engine}: ${fmt(households)} enrollments in ${codes.length} villages, set up in ${fmt((performance.now() - t0) / 1000, 1)} s`,
    );

    // Baseline: the same sorting and amounts as one SQL aggregate, standards and 特困 basic written in
    // (before urban 770 rural 630 特困 1,001; after urban 800, 特困 max(1,001, 1.3 × 800) = 1,040).
    const b0 = performance.now();
    const baseline = await db.query<{ households: number; before_fen: number; after_fen: number; gained: number }>(
      `WITH e AS (
         SELECT programme, members, coalesce((basis->>'monthlyIncomeFen')::int, per_capita_income_fen * members) AS income,
                CASE area WHEN 'urban' THEN 77000 ELSE 63000 END AS s0,
                CASE area WHEN 'urban' THEN 80000 ELSE 63000 END AS s1
           FROM assistance_enrollment
          WHERE region_code LIKE $1 AND status = 'active' AND (end_month IS NULL OR end_month >= DATE '2025-08-01')),
       a AS (
         SELECT CASE WHEN programme = 'extremePovertySupport' THEN 100100
                     WHEN income < s0 * members THEN s0 * members - income ELSE 0 END AS before_fen,
                CASE WHEN programme = 'extremePovertySupport' THEN 104000
                     WHEN income < s1 * members THEN s1 * members - income ELSE 0 END AS after_fen
           FROM e)
       SELECT count(*)::int AS households, sum(before_fen)::bigint AS before_fen, sum(after_fen)::bigint AS after_fen,
              count(*) FILTER (WHERE before_fen = 0 AND after_fen > 0)::int AS gained
         FROM a`,
      [`${DISTRICT}%`],
    );
    const baselineMs = performance.now() - b0;

    const simulations = new SimulationService(db, platform.policy);
    const actor = { ...systemActor('bench'), regionScope: DISTRICT };
    const s0 = performance.now();
    const result = await simulations.run(actor, { effectiveFrom: '2025-08-01', urbanStandardFen: 80_000 });
    const simulationMs = performance.now() - s0;

    const b = baseline.rows[0];
    const agree =
      b.households === result.totals.households &&
      Number(b.before_fen) === result.totals.beforeMonthlyFen &&
      Number(b.after_fen) === result.totals.afterMonthlyFen &&
      b.gained === result.totals.gained;
    console.log(
      `  simulation: ${fmt(simulationMs / 1000, 2)} s (${fmt(result.totals.households / (simulationMs / 1000))} households/s), ` +
        `gained ${fmt(result.totals.gained)}, lost ${result.totals.lost}, monthly +${fmt(result.totals.deltaMonthlyFen / 100)} yuan, ` +
        `${result.byTownship.length} townships`,
    );
    console.log(
      `  baseline SQL aggregate: ${fmt(baselineMs / 1000, 2)} s; ratio ${fmt(simulationMs / baselineMs, 1)}×; totals ${agree ? 'agree' : `DIFFER ${JSON.stringify(b)}`}`,
    );
    if (!agree) process.exitCode = 1;
  } finally {
    await drop();
  }
}
