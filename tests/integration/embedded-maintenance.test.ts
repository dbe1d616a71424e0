import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { maintainEmbeddedTables, startEmbeddedMaintenance } from '../../src/db/embedded-maintenance.ts';
import { createTestDatabase } from '../support/test-platform.ts';

// the shape of an intake's duplicate check: one household's open application, cases joined by key
const plan = async (db: Database, household: number) =>
  (
    await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT a.case_id FROM m_application a JOIN m_case c ON c.id = a.case_id
        WHERE a.household_id = $1 AND c.closed_at IS NULL LIMIT 1`,
      [household],
    )
  ).rows
    .map((r) => r['QUERY PLAN'])
    .join('\n');

describe('embedded database maintenance (PGlite has no autovacuum)', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('pglite'));
  }, 60_000);
  afterAll(async () => drop?.());

  it('tables that grew from empty are analysed, and the planner then takes the household index', async () => {
    // 3,000 open cases of 3,000 households, written after the tables were created empty (no statistics yet)
    await db.exec(`
      CREATE TABLE m_case (id int PRIMARY KEY, closed_at timestamptz, title text);
      CREATE TABLE m_application (case_id int PRIMARY KEY REFERENCES m_case, household_id int NOT NULL);
      CREATE INDEX m_application_household_idx ON m_application (household_id);
      INSERT INTO m_case SELECT g, NULL, 'case ' || g FROM generate_series(1, 3000) g;
      INSERT INTO m_application SELECT g, g FROM generate_series(1, 3000) g;`);
    const household = 7;
    expect(await plan(db, household)).toMatch(/Seq Scan on m_case/);
    const done = await maintainEmbeddedTables(db);
    expect(done).toEqual(
      expect.arrayContaining([
        { table: 'm_case', step: 'vacuum' },
        { table: 'm_application', step: 'vacuum' },
      ]),
    );
    expect(await plan(db, household)).toMatch(/Index Scan using m_application_household_idx/);
    const { rows } = await db.query<{ n: number }>("SELECT reltuples::int AS n FROM pg_class WHERE relname = 'm_case'");
    expect(rows[0].n).toBe(3000);
    // nothing changed since: the next pass leaves every table alone
    expect(await maintainEmbeddedTables(db)).toEqual([]);
    // the server's passes take one table each, the one furthest past its threshold first
    await db.exec(`INSERT INTO m_case SELECT g, NULL, 'case ' || g FROM generate_series(3001, 4000) g;
      UPDATE m_application SET household_id = household_id WHERE case_id <= 2000;`);
    expect(await maintainEmbeddedTables(db, 1)).toEqual([{ table: 'm_application', step: 'vacuum' }]);
    expect(await maintainEmbeddedTables(db, 1)).toEqual([{ table: 'm_case', step: 'analyze' }]);
    expect(await maintainEmbeddedTables(db, 1)).toEqual([]);
  });

  it('on PostgreSQL the background maintenance is not started (autovacuum does it)', async () => {
    const { db: pg, drop: dropPg } = await createTestDatabase('postgres');
    try {
      let queried = 0;
      const counting = {
        ...pg,
        query: async (...a: Parameters<Database['query']>) => {
          queried++;
          return pg.query(...a);
        },
      };
      const stop = startEmbeddedMaintenance(counting as Database, { intervalMs: 5 });
      await new Promise((r) => setTimeout(r, 40));
      await stop();
      expect(queried).toBe(0);
    } finally {
      await dropPg();
    }
  });
});
