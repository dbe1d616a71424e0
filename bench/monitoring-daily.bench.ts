/**
 * Daily monitoring run: BENCH_MONITORED monitored persons (every household of a seeded population enrolled in
 * 低保), one daily feed of BENCH_RECORDS department records across categories. Timed: ingestion through the
 * exchange (ingestRows, one batch per category) + the per-batch rule evaluation the 'exchange.batch_completed'
 * subscriber runs + the population rules. The outbox delivery afterwards (a confirmed death recorded in the
 * registry, the enrollment exited) is asynchronous and printed on its own line. Beside it, in the same run: a COPY of the same rows into a bare table
 * and one hand-written SQL join producing the same record and income warnings. Goal (issue 4): ≤ 60 s at
 * 1,100,000 monitored persons and 1,000,000 records on the 2-core machine.
 *   BENCH_MONITORED=1100000 BENCH_RECORDS=1000000 node_modules/.bin/node bench/monitoring-daily.bench.ts
 * Defaults are small (20,000 / 20,000) so it runs in a minute; BENCH_ENGINES=postgres,pglite as bench-support.ts;
 * BENCH_DOWNSTREAM=0 skips the (slow, per-death) outbox delivery after the timed run.
 */

import { seedExchangeCatalogue } from '../src/core/exchange/index.ts';
import { ingestRows } from '../src/core/exchange/ingest.ts';
import { createRng, type Rng } from '../src/core/registry/demo-population.ts';
import type { Database } from '../src/db/database.ts';
import { seedAccess } from '../src/db/seed/access-seed.ts';
import { seedPopulation } from '../src/db/seed/population-seed.ts';
import { createPlatform } from '../src/platform.ts';
import { benchDatabase, engines, fmt } from './bench-support.ts';

const monitored = Number(process.env.BENCH_MONITORED ?? 20_000);
const records = Number(process.env.BENCH_RECORDS ?? 20_000);
const TODAY = '2026-11-25';

/** Category mix of a day's feed (shares of the records) and a row maker per category. */
const MIX: Array<{ category: string; share: number; row: (rng: Rng, i: number) => Record<string, unknown> }> = [
  { category: 'tax_wage_income', share: 0.45, row: (r) => ({ amount: String(r.int(300, 4000)) }) },
  { category: 'bank_deposit', share: 0.2, row: (r) => ({ bank: '农商行', amount: String(r.int(0, 80_000)) }) },
  {
    category: 'hrss_pension',
    share: 0.12,
    row: (r) => ({ pension_type: 'resident', amount: String(r.int(100, 3000)) }),
  },
  {
    category: 'medical_hospitalisation',
    share: 0.1,
    row: (r) => {
      const total = r.int(1000, 120_000);
      return {
        hospital: '武隆区人民医院',
        amount: String(total),
        self_paid: String(Math.floor((total * r.int(10, 45)) / 100)),
      };
    },
  },
  {
    category: 'medical_self_paid',
    share: 0.06,
    row: (r) => ({ institution: '乡镇卫生院', amount: String(r.int(10, 30_000)) }),
  },
  {
    category: 'disability_certificate',
    share: 0.02,
    row: (r) => ({
      disability_category: r.pick(['physical', 'visual', 'intellectual']),
      disability_level: String(r.int(1, 4)),
    }),
  },
  { category: 'hrss_unemployment', share: 0.02, row: (r) => ({ kind: r.pick(['registered', 'benefit']) }) },
  {
    category: 'real_estate_transaction',
    share: 0.01,
    row: (r) => ({ direction: r.pick(['purchase', 'sale']), amount: String(r.int(100_000, 900_000)) }),
  },
  {
    category: 'police_vehicle',
    share: 0.01,
    row: (r, i) => ({
      plate: `渝G${String(i).padStart(6, '0')}`,
      vehicle_type: 'car',
      amount: String(r.int(20_000, 200_000)),
    }),
  },
  { category: 'police_detention', share: 0.004, row: () => ({ kind: 'imprisonment' }) },
  { category: 'police_death', share: 0.006, row: () => ({ cause: '病故' }) },
];

interface FeedRow {
  category: string;
  values: Record<string, unknown>;
  subject: number;
}

function buildFeed(pool: number): FeedRow[] {
  const rng = createRng(20261125);
  const feed: FeedRow[] = [];
  for (const m of MIX) {
    const n = Math.round(records * m.share);
    for (let i = 0; i < n; i++) {
      const subject = rng.int(0, pool - 1);
      const month = rng.int(1, 11);
      feed.push({
        category: m.category,
        subject,
        values: {
          record_id: `${m.category}-${feed.length}`,
          occurred_on: `2026-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
          ...m.row(rng, i),
        },
      });
    }
  }
  return feed;
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The hand-written baseline: every record rule and the income rule as one INSERT … SELECT over the bare table. */
const BASELINE_JOIN = `
WITH mon AS (
  SELECT r.*, p.id AS pid, p.region_code AS preg, p.disability_level AS plevel, hm.household_id AS hid
  FROM bench_record r
  JOIN person p ON p.id_index = r.subject_index
  LEFT JOIN household_member hm ON hm.person_id = p.id AND hm.valid_to IS NULL
  WHERE EXISTS (SELECT 1 FROM assistance_enrollment e WHERE e.household_id = hm.household_id
      AND (e.person_id IS NULL OR e.person_id = p.id) AND e.status IN ('active', 'suspended', 'gradual_exit'))
), hh_income AS (
  SELECT DISTINCT m.hid FROM mon m
  WHERE m.category_code IN ('tax_wage_income', 'tax_business_income', 'tax_property_income', 'hrss_pension')
), income AS (
  SELECT t.hid, max(x.occurred_on) AS last_on, h.region_code, count(DISTINCT hm.person_id) AS members, coalesce(sum(x.amount_fen), 0) AS total
  FROM hh_income t JOIN household h ON h.id = t.hid
  JOIN household_member hm ON hm.household_id = t.hid AND hm.valid_to IS NULL
  JOIN person mp ON mp.id = hm.person_id
  LEFT JOIN bench_record x ON x.subject_index = mp.id_index
    AND x.category_code IN ('tax_wage_income', 'tax_business_income', 'tax_property_income', 'hrss_pension')
    AND x.occurred_on > date '${TODAY}' - interval '12 months' AND x.occurred_on <= date '${TODAY}'
  GROUP BY t.hid, h.region_code
)
INSERT INTO bench_warning (dedup_key, rule_code)
SELECT 'death:' || pid, 'death' FROM mon WHERE category_code IN ('police_death', 'health_death')
UNION ALL SELECT 'large_medical_cost:' || pid || ':' || category_code || ':' || record_key, 'large_medical_cost' FROM mon
  WHERE category_code IN ('medical_self_paid', 'medical_hospitalisation')
    AND coalesce((payload->>'self_paid_fen')::bigint, amount_fen) >= 2000000
UNION ALL SELECT 'new_severe_disability:' || pid || ':' || (payload->>'disability_level')::int, 'new_severe_disability' FROM mon
  WHERE category_code = 'disability_certificate' AND (payload->>'disability_level')::int BETWEEN 1 AND 2
    AND (plevel IS NULL OR plevel > 2)
UNION ALL SELECT 'unemployment:' || pid || ':' || category_code || ':' || record_key, 'unemployment' FROM mon
  WHERE category_code = 'hrss_unemployment'
UNION ALL SELECT 'imprisonment:' || pid || ':' || category_code || ':' || record_key, 'imprisonment' FROM mon
  WHERE category_code = 'police_detention'
UNION ALL SELECT 'property_purchase:' || pid || ':' || category_code || ':' || record_key, 'property_purchase' FROM mon
  WHERE category_code IN ('real_estate_transaction', 'real_estate_title') AND coalesce(payload->>'direction', '') <> 'sale'
UNION ALL SELECT 'vehicle_purchase:' || pid || ':' || category_code || ':' || record_key, 'vehicle_purchase' FROM mon
  WHERE category_code = 'police_vehicle'
UNION ALL SELECT 'income_above_standard:' || hid || ':' || to_char(date '${TODAY}', 'YYYY-MM'), 'income_above_standard' FROM income
  WHERE floor(total::numeric / 12 / members) > (CASE WHEN substr(region_code, 7, 3) < '100' THEN 77000 ELSE 63000 END)
ON CONFLICT DO NOTHING`;

async function baseline(db: Database, feed: FeedRow[], indexes: Buffer[]) {
  await db.exec(`DROP TABLE IF EXISTS bench_record; DROP TABLE IF EXISTS bench_warning;
    CREATE TABLE bench_record (category_code text, record_key text, subject_index bytea, occurred_on date,
      amount_fen bigint, payload jsonb);
    CREATE TABLE bench_warning (dedup_key text PRIMARY KEY, rule_code text)`);
  const lines = feed.map((r) => {
    const { record_id, occurred_on, amount, self_paid, ...rest } = r.values as Record<string, string>;
    const payload: Record<string, unknown> = { ...rest };
    if (self_paid !== undefined) payload.self_paid_fen = Number(self_paid) * 100;
    if (rest.disability_level !== undefined) payload.disability_level = Number(rest.disability_level);
    return [
      r.category,
      `id:${record_id}`,
      `\\x${indexes[r.subject].toString('hex')}`,
      occurred_on,
      amount === undefined ? '' : String(Number(amount) * 100),
      csvCell(JSON.stringify(payload)),
    ].join(',');
  });
  const t0 = performance.now();
  for (let i = 0; i < lines.length; i += 100_000) {
    await db.copyFromCsv(
      'bench_record',
      ['category_code', 'record_key', 'subject_index', 'occurred_on', 'amount_fen', 'payload'],
      `${lines.slice(i, i + 100_000).join('\n')}\n`,
    );
  }
  const copyMs = performance.now() - t0;
  await db.exec('CREATE INDEX ON bench_record (subject_index, category_code); ANALYZE bench_record');
  const t1 = performance.now();
  // same session settings as the product's rule transaction (JIT off, 64 MB work_mem), so the comparison is fair
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    await tx.query("SET LOCAL work_mem = '64MB'");
    await tx.query(BASELINE_JOIN);
  });
  const joinMs = performance.now() - t1;
  const { rows } = await db.query<{ rule_code: string; n: number }>(
    'SELECT rule_code, count(*)::int AS n FROM bench_warning GROUP BY rule_code ORDER BY rule_code',
  );
  return { copyMs, joinMs, indexMs: t1 - t0 - copyMs, counts: rows };
}

for (const engine of engines()) {
  // PGlite in a data directory on disk, as a deployment keeps it (BENCH_PGLITE_DIR=memory for the in-memory one).
  const { db, drop } = await benchDatabase(engine, { pgliteDir: 'file' });
  try {
    await seedAccess(db, true);
    const platform = createPlatform(db, {
      encKey: Buffer.alloc(16, 1),
      indexKey: Buffer.alloc(32, 2),
      today: () => TODAY,
    });
    await platform.policy.seedDefaults();
    await seedExchangeCatalogue(db);
    await platform.monitoring.service.seedRules();
    let t = performance.now();
    await seedPopulation(db, platform.cipher, { regionPrefix: '500156', persons: monitored });
    await db.query(
      `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members, amount_fen, start_month)
       SELECT h.id, h.region_code, CASE WHEN substr(h.region_code, 7, 3) < '100' THEN 'urban' ELSE 'rural' END,
         'minimumLivingAllowance', 'active', (SELECT count(*) FROM household_member m WHERE m.household_id = h.id), 30000,
         date '2026-01-01'
       FROM household h`,
    );
    await db.exec('ANALYZE assistance_enrollment');
    console.log(`${engine}: seeded ${fmt(monitored)} monitored persons in ${fmt((performance.now() - t) / 1000, 1)} s`);
    // Subjects of the feed: up to 200,000 persons whose ID numbers are decrypted once (setup, not timed).
    const pool = (
      await db.query<{ id_cipher: Buffer; id_index: Buffer }>(
        `SELECT id_cipher, id_index FROM person ORDER BY id LIMIT ${Math.min(monitored, 200_000)}`,
      )
    ).rows;
    const idNumbers = pool.map((r) => platform.cipher.decrypt(Buffer.from(r.id_cipher)));
    const indexes = pool.map((r) => Buffer.from(r.id_index));
    const feed = buildFeed(pool.length);

    const base = await baseline(db, feed, indexes);

    t = performance.now();
    let ingestMs = 0;
    let evaluateMs = 0;
    let stored = 0;
    for (const m of MIX) {
      const rows = feed
        .filter((r) => r.category === m.category)
        .map((r) => ({ ...r.values, id_number: idNumbers[r.subject] }));
      const t0 = performance.now();
      const result = await ingestRows(db, platform.cipher, m.category, rows, {
        source: 'simulator',
        createdBy: 'bench',
      });
      stored += result.stored;
      const t1 = performance.now();
      // what the 'exchange.batch_completed' subscriber does for this batch
      await platform.monitoring.evaluator.evaluate(result.batchId);
      ingestMs += t1 - t0;
      evaluateMs += performance.now() - t1;
    }
    const t2 = performance.now();
    const population = await platform.monitoring.evaluator.evaluatePopulation('');
    const populationMs = performance.now() - t2;
    const totalMs = performance.now() - t;
    // After the run, asynchronously: outbox delivery (the batch events find nothing new; each confirmed death is
    // recorded in the registry, whose person.deceased event exits the enrollment from the next month).
    const t3 = performance.now();
    if (process.env.BENCH_DOWNSTREAM !== '0') {
      for (let n = await platform.events.dispatchPending(); n > 0; n = await platform.events.dispatchPending()) {}
    }
    const downstreamMs = performance.now() - t3;
    const exited = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assistance_enrollment WHERE status = 'exited'`)
    ).rows[0].n;
    const { rows: counts } = await db.query<{ rule_code: string; n: number }>(
      'SELECT rule_code, count(*)::int AS n FROM monitoring_warning GROUP BY rule_code ORDER BY rule_code',
    );
    const s = (ms: number) => `${fmt(ms / 1000, 1).padStart(6)} s`;
    console.log(
      `${engine}: ${fmt(feed.length)} records (${fmt(stored)} stored) against ${fmt(monitored)} monitored persons`,
    );
    console.log(`  baseline  COPY same rows          ${s(base.copyMs)}  (+ index ${s(base.indexMs)})`);
    console.log(`  baseline  one hand-written join   ${s(base.joinMs)}`);
    console.log(`  baseline  total                   ${s(base.copyMs + base.indexMs + base.joinMs)}`);
    console.log(`  huimin    ingest (ingestRows)     ${s(ingestMs)}`);
    console.log(`  huimin    evaluate per batch      ${s(evaluateMs)}`);
    console.log(`  huimin    population rules        ${s(populationMs)}  (${fmt(population.total)} warnings)`);
    console.log(`  huimin    total                   ${s(totalMs)}  goal ≤ 60 s at 1,100,000 / 1,000,000`);
    console.log(`  after     outbox: deaths → registry → ${fmt(exited)} enrollments exited  ${s(downstreamMs)}`);
    const baseBy = new Map(base.counts.map((c) => [c.rule_code, c.n]));
    for (const c of counts) {
      const b = baseBy.get(c.rule_code);
      console.log(
        `  warnings ${c.rule_code.padEnd(24)} huimin ${fmt(c.n).padStart(8)}  baseline ${b === undefined ? '       —' : fmt(b).padStart(8)}`,
      );
    }
  } finally {
    await drop();
  }
}
