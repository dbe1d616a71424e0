import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { databaseBeforeMigration } from '../support/migration-upgrade.ts';
import { ENGINES } from '../support/test-platform.ts';

const TAG = '0016_one_open_case_per_subject';

/** Upgrade test of migration 0016: the one-open-application index builds over whatever cases a database holds. */
describe.each(ENGINES)('migration 0016 (one open application per household) as an upgrade on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let upgrade: () => Promise<void>;

  beforeAll(async () => {
    const before = await databaseBeforeMigration(engine, TAG);
    db = before.db;
    drop = before.drop;
    upgrade = before.upgradeAll;
  }, 60_000);
  afterAll(() => drop?.());

  it('two open applications of one household from before: only the newer is exclusive, and a third is refused', async () => {
    const household = '00000000-0000-4000-8000-000000000001';
    const open = (no: string, at: string, closed: string | null, workflow = 'assistance.application') =>
      db.query(
        `INSERT INTO wf_case (case_no, workflow, business_line, state, region_code, subject_type, subject_id, title,
           data, received_on, opened_at, closed_at)
         VALUES ($1, $2, 'assistance', 'submitted', '500156003204', 'household', $3, 't', '{}', '2025-11-03', $4, $5)`,
        [no, workflow, household, at, closed],
      );
    await open('OLD-CLOSED', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z');
    await open('OPEN-1', '2025-10-01T00:00:00Z', null);
    await open('OPEN-2', '2025-11-01T00:00:00Z', null);
    await open('RECHECK', '2025-11-01T00:00:00Z', null, 'assistance.recheck');
    await upgrade();
    const { rows } = await db.query<{ case_no: string; exclusive: boolean }>(
      'SELECT case_no, exclusive FROM wf_case ORDER BY case_no',
    );
    expect(rows).toEqual([
      { case_no: 'OLD-CLOSED', exclusive: true },
      { case_no: 'OPEN-1', exclusive: false },
      { case_no: 'OPEN-2', exclusive: true },
      { case_no: 'RECHECK', exclusive: false },
    ]);
    await expect(
      db.query(
        `INSERT INTO wf_case (case_no, workflow, business_line, state, region_code, subject_type, subject_id, title,
           received_on, exclusive)
         VALUES ('OPEN-3', 'assistance.application', 'assistance', 'submitted', '500156003204', 'household', $1, 't',
           '2025-11-03', true)`,
        [household],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'wf_case_one_open_per_subject_uq' });
  });
});
