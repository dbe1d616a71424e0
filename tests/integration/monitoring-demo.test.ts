import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccess } from '../../src/db/seed/access-seed.ts';
import { seedPopulation } from '../../src/db/seed/population-seed.ts';
import { seedAssistanceDemo } from '../../src/modules/assistance/demo/assistance-demo.seed.ts';
import { seedMonitoringDemo } from '../../src/modules/monitoring/demo/monitoring-demo.seed.ts';
import { createPlatform, type Platform } from '../../src/platform.ts';
import { createTestDatabase, ENGINES } from '../support/test-platform.ts';

/** The first start of `npm start`: demo data is seeded before the web app (which also seeds the rules) is built. */
describe.each(ENGINES)('monitoring demo on a first start on %s', (engine) => {
  let platform: Platform;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const t = await createTestDatabase(engine);
    drop = t.drop;
    await seedAccess(t.db, true);
    platform = createPlatform(t.db, {
      encKey: Buffer.alloc(16, 1),
      indexKey: Buffer.alloc(32, 2),
      today: () => '2026-11-25',
    });
    await seedPopulation(t.db, platform.cipher, { regionPrefix: '500156', persons: 20_000 });
    await platform.policy.seedDefaults();
    await seedAssistanceDemo(platform);
  }, 120_000);
  afterAll(() => drop());

  it('seeds the 14 rules itself and its department records raise warnings for the coordinators', async () => {
    const result = await seedMonitoringDemo(platform);
    expect(result.skipped).toBe(false);
    expect(result.records).toBeGreaterThan(100);
    const rules = await platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM monitoring_rule');
    expect(rules.rows[0].n).toBe(14);
    expect(result.warnings).toBeGreaterThan(0);
    const kinds = await platform.db.query<{ n: number }>(
      'SELECT count(DISTINCT rule_code)::int AS n FROM monitoring_warning',
    );
    expect(kinds.rows[0].n).toBeGreaterThanOrEqual(5);
  });
});
