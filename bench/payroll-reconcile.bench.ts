/**
 * 回盘 (bank reconciliation) of one payroll run with BENCH_LINES lines (default 200,000), 1 % failed with a reason:
 * the service (parse the bank's CSV, mark each line paid or failed in chunks, recount, audit) beside one hand-written
 * UPDATE … FROM unnest of the same rows on a second, identical run, in the same run of the bench.
 *   node_modules/.bin/node bench/payroll-reconcile.bench.ts      (BENCH_ENGINES=postgres,pglite)
 */
import { systemActor } from '../src/core/auth/actor.ts';
import { createPlatform } from '../src/platform.ts';
import { benchDatabase, engines, fmt } from './bench-support.ts';

const lines = Number(process.env.BENCH_LINES ?? 200_000);
const DISTRICT = '500156';

for (const engine of engines()) {
  const { db, drop } = await benchDatabase(engine);
  try {
    const platform = createPlatform(db, { encKey: Buffer.alloc(16, 1), indexKey: Buffer.alloc(32, 2) });
    const runs: string[] = [];
    for (const month of ['2025-07-01', '2025-08-01']) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO payroll_run (district_code, programme, month, status, computed_by)
         VALUES ($1, 'minimumLivingAllowance', $2::date, 'exported', 'bench') RETURNING id`,
        [DISTRICT, month],
      );
      runs.push(rows[0].id);
      await db.query(
        `INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status)
         SELECT $1, gen_random_uuid(), gen_random_uuid(), '500156003204', $2::date, 77000, 'payable'
           FROM generate_series(1, $3::int)`,
        [rows[0].id, month, lines],
      );
      await db.query('UPDATE payroll_line SET bank_reference = id::text WHERE run_id = $1', [rows[0].id]);
    }
    await db.query('ANALYZE payroll_line');
    const file = async (runId: string) => {
      const { rows } = await db.query<{ id: string }>(
        'SELECT id::text AS id FROM payroll_line WHERE run_id = $1 ORDER BY id',
        [runId],
      );
      return rows.map((r, i) => ({
        reference: r.id,
        outcome: i % 100 === 7 ? 'failed' : 'paid',
        reason: i % 100 === 7 ? '账户已销户' : '',
      }));
    };
    const mine = await file(runs[0]);
    const csv = `流水号,结果,原因\n${mine.map((r) => `${r.reference},${r.outcome === 'paid' ? '成功' : '失败'},${r.reason}`).join('\n')}\n`;
    const actor = { ...systemActor('bench'), regionScope: DISTRICT };
    const s0 = performance.now();
    const result = await platform.payroll.reconcile(actor, runs[0], {
      fileName: 'huipan.csv',
      content: Buffer.from(csv),
    });
    const serviceMs = performance.now() - s0;

    const theirs = await file(runs[1]);
    const b0 = performance.now();
    await db.transaction((tx) =>
      tx.query(
        `UPDATE payroll_line l SET status = f.outcome, failure_reason = nullif(f.reason, ''), updated_at = now()
           FROM unnest($2::bigint[], $3::text[], $4::text[]) AS f(id, outcome, reason)
          WHERE l.id = f.id AND l.run_id = $1 AND l.status = 'payable'`,
        [runs[1], theirs.map((r) => r.reference), theirs.map((r) => r.outcome), theirs.map((r) => r.reason)],
      ),
    );
    const baselineMs = performance.now() - b0;
    console.log(
      `${engine.padEnd(8)} reconcile ${fmt(lines)} lines: ${fmt(serviceMs)} ms (${fmt(result.paid)} paid, ` +
        `${fmt(result.failed)} failed, ${result.status}) | baseline one UPDATE … FROM unnest ${fmt(baselineMs)} ms | ` +
        `ratio ${fmt(serviceMs / baselineMs, 2)}×`,
    );
  } finally {
    await drop();
  }
}
