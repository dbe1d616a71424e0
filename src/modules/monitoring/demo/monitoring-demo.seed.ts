import { findCategory, seedExchangeCatalogue } from '../../../core/exchange/index.ts';
import { ingestRows } from '../../../core/exchange/ingest.ts';
import { simulateRows } from '../../../core/exchange/simulator.ts';
import type { Platform } from '../../../platform.ts';

/**
 * Demo department feeds about the people the assistance demo enrolled in 武隆区, so the monitoring workbench has
 * warnings and outreach tasks on a first start: hospital bills, disability certificates, unemployment, vehicles and
 * property. Deaths are left out on purpose (they would stop demo benefits). Deterministic (fixed seed and as-of
 * date, subjects in blind-index order) and skipped once any department record exists.
 */
const DEMO_FEEDS: ReadonlyArray<{ category: string; records: number }> = [
  { category: 'medical_self_paid', records: 60 },
  { category: 'medical_hospitalisation', records: 40 },
  { category: 'disability_certificate', records: 25 },
  { category: 'hrss_unemployment', records: 25 },
  { category: 'police_vehicle', records: 10 },
  { category: 'real_estate_transaction', records: 8 },
];
const DEMO_SEED = 20260601;
const DEMO_AS_OF = '2026-11-01';

export interface MonitoringDemoResult {
  skipped: boolean;
  records: number;
  warnings: number;
}

export async function seedMonitoringDemo(platform: Platform, regionPrefix = '500156'): Promise<MonitoringDemoResult> {
  const { db, cipher } = platform;
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_record');
  if (existing.rows[0].n > 0) return { skipped: true, records: 0, warnings: 0 };
  await seedExchangeCatalogue(db);
  // The rules are otherwise seeded when the web app is built, after the demo data on a first start: without them the
  // demo's records raised no warnings at all.
  await platform.monitoring.service.seedRules();
  // Members of households enrolled in the demo, living and in the district.
  const { rows } = await db.query<{ id_cipher: Buffer }>(
    `SELECT DISTINCT p.id_cipher, p.id_index FROM assistance_enrollment e
       JOIN household_member m ON m.household_id = e.household_id AND m.valid_to IS NULL
       JOIN person p ON p.id = m.person_id
      WHERE e.status <> 'exited' AND e.region_code LIKE $1 AND p.deceased_on IS NULL
      ORDER BY p.id_index LIMIT 400`,
    [`${regionPrefix}%`],
  );
  if (rows.length === 0) return { skipped: true, records: 0, warnings: 0 };
  const subjects = rows.map((r) => cipher.decrypt(Buffer.from(r.id_cipher)));
  let records = 0;
  for (const feed of DEMO_FEEDS) {
    const category = await findCategory(db, feed.category);
    if (!category?.enabled) continue;
    const data = simulateRows(feed.category, category.fields, subjects, feed.records, {
      seed: DEMO_SEED,
      asOf: DEMO_AS_OF,
    });
    const r = await ingestRows(db, cipher, feed.category, data, { source: 'simulator', createdBy: 'demo' });
    records += r.stored;
  }
  // Completed batches may already have been evaluated through their events; evaluating again adds nothing twice.
  await platform.monitoring.evaluator.evaluate(null);
  await platform.monitoring.evaluator.discover(regionPrefix);
  const warnings = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM monitoring_warning');
  return { skipped: false, records, warnings: warnings.rows[0].n };
}
