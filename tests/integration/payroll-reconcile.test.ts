import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { reconcileLines } from '../../src/modules/assistance/payroll/payroll-line.repository.ts';
import { createTestDatabase, ENGINES } from '../support/test-platform.ts';

const RUN = '00000000-0000-4000-8000-000000000001';
const OTHER_RUN = '00000000-0000-4000-8000-000000000002';
const LEGACY = '6f1c2d3e-0000-4000-8000-00000000abcd'; // a line exported before line ids were numbers

/** 回盘 set-based: the outcome of each row of the bank's file, in file order, as the per-row version decided it. */
describe.each(ENGINES)('reconciliation rows (%s)', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  const ids: string[] = [];
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(engine));
    await db.exec(`INSERT INTO payroll_run (id, district_code, programme, month, status, computed_by) VALUES
      ('${RUN}', '500156', 'minimumLivingAllowance', DATE '2025-07-01', 'exported', 't'),
      ('${OTHER_RUN}', '500156', 'minimumLivingAllowance', DATE '2025-08-01', 'exported', 't')`);
    // four payable lines of the run, one already paid, one of another run; references are the ids as text
    for (const [run, status, month] of [
      [RUN, 'payable', '2025-07-01'],
      [RUN, 'payable', '2025-07-01'],
      [RUN, 'payable', '2025-07-01'],
      [RUN, 'paid', '2025-07-01'],
      [OTHER_RUN, 'payable', '2025-08-01'],
    ]) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status)
         VALUES ($1, gen_random_uuid(), gen_random_uuid(), '500156003204', $2::date, 77000, $3) RETURNING id::text AS id`,
        [run, month, status],
      );
      ids.push(rows[0].id);
      await db.query('UPDATE payroll_line SET bank_reference = id::text WHERE id = $1', [rows[0].id]);
    }
    await db.query('UPDATE payroll_line SET bank_reference = $2 WHERE id = $1', [ids[2], LEGACY]);
  }, 60_000);
  afterAll(async () => drop?.());

  it('paid, failed with reason, a repeat, a legacy uuid reference, an already paid line, unknown and another run’s line', async () => {
    const outcomes = await db.transaction((tx) =>
      reconcileLines(tx, RUN, [
        { reference: ids[0], outcome: 'paid', reason: null },
        { reference: ids[1], outcome: 'failed', reason: '账户已销户' },
        { reference: ids[0], outcome: 'failed', reason: 'repeat' },
        { reference: LEGACY, outcome: 'paid', reason: null },
        { reference: ids[3], outcome: 'paid', reason: null },
        { reference: '999999', outcome: 'paid', reason: null },
        { reference: ids[4], outcome: 'paid', reason: null },
      ]),
    );
    expect(outcomes).toEqual(['changed', 'changed', 'same', 'changed', 'same', 'unknown', 'unknown']);
    const { rows } = await db.query<{ status: string; failure_reason: string | null }>(
      'SELECT status, failure_reason FROM payroll_line WHERE id = ANY($1::bigint[]) ORDER BY id',
      [ids],
    );
    expect(rows).toEqual([
      { status: 'paid', failure_reason: null },
      { status: 'failed', failure_reason: '账户已销户' },
      { status: 'paid', failure_reason: null },
      { status: 'paid', failure_reason: null },
      { status: 'payable', failure_reason: null },
    ]);
    // the same file again changes nothing
    const again = await db.transaction((tx) =>
      reconcileLines(tx, RUN, [
        { reference: ids[0], outcome: 'paid', reason: null },
        { reference: ids[1], outcome: 'failed', reason: '账户已销户' },
      ]),
    );
    expect(again).toEqual(['same', 'same']);
  });
});
