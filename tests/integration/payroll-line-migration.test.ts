import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { databaseBeforeMigration } from '../support/migration-upgrade.ts';
import { ENGINES } from '../support/test-platform.ts';

const TAG = '0015_payroll_line_bulk';

/** Upgrade test of migration 0015: lines written with the uuid key and jsonb basis keep their data. */
describe.each(ENGINES)('migration 0015 (payroll_line bigint key, narrow basis) as an upgrade on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let upgrade: () => Promise<void>;

  beforeAll(async () => {
    const before = await databaseBeforeMigration(engine, TAG);
    db = before.db;
    drop = before.drop;
    upgrade = before.upgrade;
  }, 60_000);
  afterAll(() => drop?.());

  it('a failed July line (bank reference = its uuid) and its carried August copy become lines 1 and 2', async () => {
    const { rows: hh } = await db.query<{ id: string }>(
      `INSERT INTO household (household_no, address, region_code) VALUES ('M1', '村1号', '500156003204') RETURNING id`,
    );
    const { rows: en } = await db.query<{ id: string }>(
      `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members, amount_fen, basis,
         start_month)
       VALUES ($1, '500156003204', 'urban', 'minimumLivingAllowance', 'active', 3, 98100,
               '{"kind":"gap","members":3,"monthlyIncomeFen":126900}', DATE '2025-07-01') RETURNING id`,
      [hh[0].id],
    );
    const run = async (month: string) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO payroll_run (district_code, programme, month, status, computed_by)
           VALUES ('500156', 'minimumLivingAllowance', $1::date, 'computed', 'm') RETURNING id`,
          [month],
        )
      ).rows[0].id;
    const july = await run('2025-07-01');
    const august = await run('2025-08-01');
    const line = `INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen,
        status, basis, carried_from_line_id, bank_reference, created_at)
      VALUES ($1, $2, $3, '500156003204', DATE '2025-07-01', 104100, $4, $5, $6, $7, $8) RETURNING id`;
    const basis = { standardFen: 77_000, versionId: 'cq-wulong-2025-07-01', members: 3, monthlyIncomeFen: 126_900 };
    const { rows: failed } = await db.query<{ id: string }>(line, [
      july,
      en[0].id,
      hh[0].id,
      'carried',
      basis,
      null,
      null,
      '2025-07-28T00:00:00Z',
    ]);
    await db.query('UPDATE payroll_line SET bank_reference = id::text WHERE id = $1', [failed[0].id]);
    await db.query(line, [
      august,
      en[0].id,
      hh[0].id,
      'payable',
      { ...basis, carried: true, gradualExit: true },
      failed[0].id,
      null,
      '2025-08-28T00:00:00Z',
    ]);

    await upgrade();

    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT id, status, carried_from_line_id, bank_reference, standard_fen, members, income_fen, gradual_exit,
              policy_version_id FROM payroll_line ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: 1,
        status: 'carried',
        carried_from_line_id: null,
        bank_reference: failed[0].id,
        standard_fen: 77_000,
        members: 3,
        income_fen: 126_900,
        gradual_exit: false,
        policy_version_id: 'cq-wulong-2025-07-01',
      },
      {
        id: 2,
        status: 'payable',
        carried_from_line_id: 1,
        bank_reference: null,
        standard_fen: 77_000,
        members: 3,
        income_fen: 126_900,
        gradual_exit: true,
        policy_version_id: 'cq-wulong-2025-07-01',
      },
    ]);
    // The next line continues the numbering; a second live line for the same enrollment and month is refused.
    const next = `INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status)
      VALUES ($1, $2, $3, '500156003204', $4::date, 104100, 'payable') RETURNING id`;
    expect((await db.query(next, [august, en[0].id, hh[0].id, '2025-08-01'])).rows).toEqual([{ id: 3 }]);
    await expect(db.query(next, [august, en[0].id, hh[0].id, '2025-07-01'])).rejects.toMatchObject({ code: '23505' });
  });
});
