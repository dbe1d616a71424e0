/**
 * kill -9 during a payroll run, then rerun: `huimin payroll run` is started as a child process on PostgreSQL with
 * N enrollments (default 100,000), killed with SIGKILL mid-run (as soon as its first townships are committed, or
 * after KILL_MS if set), and run again; the resumed July 2025 run must end with the same lines and total as a clean
 * run of August 2025 (same standard, 770).
 *   node_modules/.bin/node bench/payroll-crash.bench.ts
 */

import { spawn } from 'node:child_process';
import { childrenOf } from '../src/core/region/region-tree.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedAccess } from '../src/db/seed/access-seed.ts';
import { PG_ADMIN_URL } from './bench-support.ts';

const N = Number(process.env.N ?? 100000);
const admin = await openDatabase({ databaseUrl: PG_ADMIN_URL, poolSize: 1 });
const name = 'huimin_h3_kill';
await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.exec(`CREATE DATABASE ${name}`);
const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
await migrate(db);
await seedAccess(db, true);
const codes: string[] = [];
for (const t of childrenOf('500156')) for (const v of childrenOf(t.code)) codes.push(v.code);
await db.query(
  `INSERT INTO household (household_no, address, region_code) SELECT 'B' || g, 'x', ($2::text[])[1 + (g % array_length($2::text[], 1))] FROM generate_series(1, $1::int) g`,
  [N, codes],
);
await db.query(`INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members, amount_fen, basis, start_month)
  SELECT h.id, h.region_code, 'urban', 'minimumLivingAllowance', 'active', 3, 0,
   jsonb_build_object('kind','gap','members',3,'monthlyIncomeFen', (n * 7919) % 200000), DATE '2025-01-01'
  FROM (SELECT id, region_code, row_number() OVER (ORDER BY household_no) n FROM household) h`);
await db.close();
const env = {
  ...process.env,
  DATABASE_URL: url,
  HUIMIN_KEY_FILE: process.env.HUIMIN_KEY_FILE ?? '/tmp/huimin-bench-keys.json',
};
/** Resolves once the month's run has committed lines but is still computing (polled every 10 ms). */
const midRun = async (month: string) => {
  const q = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    for (;;) {
      const { rows } = await q.query<{ computing: boolean }>(
        `SELECT r.status = 'computing' AND EXISTS (SELECT 1 FROM payroll_line l WHERE l.run_id = r.id) AS computing
           FROM payroll_run r WHERE r.month = $1::date`,
        [`${month}-01`],
      );
      if (rows[0]?.computing) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await q.close();
  }
};
const run = (month: string, kill?: 'mid-run' | number) =>
  new Promise<string>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--no-warnings',
        'src/cli/main.ts',
        'payroll',
        'run',
        '--district',
        '500156',
        '--programme',
        'minimumLivingAllowance',
        '--month',
        month,
      ],
      { env, cwd: new URL('..', import.meta.url).pathname },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    if (typeof kill === 'number') setTimeout(() => child.kill('SIGKILL'), kill);
    if (kill === 'mid-run') void midRun(month).then(() => child.kill('SIGKILL'));
    child.on('exit', (code, signal) => {
      const summary = out
        .split(/\r|\n/)
        .filter((l) => l.startsWith('run '))
        .join(' ');
      resolve(`${signal ?? code}: ${code ? out.slice(-500) : summary}`);
    });
  });
const check = async (label: string) => {
  const q = await openDatabase({ databaseUrl: url, poolSize: 1 });
  const r = await q.query(
    `SELECT to_char(r.month,'YYYY-MM') m, r.status, (SELECT count(*) FROM payroll_line l WHERE l.run_id = r.id)::int lines, (SELECT coalesce(sum(amount_fen),0) FROM payroll_line l WHERE l.run_id = r.id)::float8 total FROM payroll_run r ORDER BY month`,
  );
  console.log(label, JSON.stringify(r.rows));
  await q.close();
};
console.log('killed:', await run('2025-07', process.env.KILL_MS ? Number(process.env.KILL_MS) : 'mid-run'));
await check('after kill -9');
console.log('rerun:', await run('2025-07'));
console.log('clean:', await run('2025-08'));
await check('final');
await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.close();
