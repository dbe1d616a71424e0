import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';

export const PG_ADMIN_URL = process.env.HUIMIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh migrated database for one benchmark run (PostgreSQL database or PGlite), dropped after. PGlite is in
 * memory unless `pgliteDir` is 'file' (or BENCH_PGLITE_DIR=file): then a data directory under the system temporary
 * directory, as a deployment keeps it, removed after — for data sets too big for the in-memory file system.
 */
export async function benchDatabase(
  engine: 'postgres' | 'pglite',
  options: { pgliteDir?: 'memory' | 'file' } = {},
): Promise<{ db: Database; url?: string; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    if ((process.env.BENCH_PGLITE_DIR ?? options.pgliteDir) !== 'file') {
      const db = await openDatabase({ dataDir: 'memory://' });
      await migrate(db);
      return { db, drop: () => db.close() };
    }
    const dir = mkdtempSync(join(tmpdir(), 'huimin-bench-'));
    const db = await openDatabase({ dataDir: join(dir, 'data') });
    await migrate(db);
    return {
      db,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `huimin_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: PG_ADMIN_URL, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDatabase({ databaseUrl: url, poolSize: Number(process.env.BENCH_POOL ?? 60) });
  await migrate(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}

/** Runs `task` from `clients` concurrent loops for `total` calls, each sent when the last is answered (closed loop). */
export function loadTest(clients: number, total: number, task: (i: number) => Promise<void>) {
  return runCalls(clients, total, undefined, task);
}

/**
 * Open-loop load at a fixed arrival rate (wrk2-style): call i is due at start + i / ratePerSecond and is sent by the
 * first of `clients` connections that is free. Latency counts from when the call was due, so a slow server is not
 * excused by clients that waited for it (no coordinated omission).
 */
export function paceTest(clients: number, total: number, ratePerSecond: number, task: (i: number) => Promise<void>) {
  return runCalls(clients, total, ratePerSecond, task);
}

/** `total` calls over `clients` loops; with a rate, each call waits until it is due and is timed from then. */
async function runCalls(
  clients: number,
  total: number,
  ratePerSecond: number | undefined,
  task: (i: number) => Promise<void>,
) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        let from = performance.now();
        if (ratePerSecond !== undefined) {
          const due = started + (i * 1000) / ratePerSecond;
          if (due > from) await new Promise((resolve) => setTimeout(resolve, due - from));
          from = due;
        }
        await task(i);
        latencies.push(performance.now() - from);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export function engines(): Array<'postgres' | 'pglite'> {
  const e = process.env.BENCH_ENGINES ?? 'postgres,pglite';
  return e.split(',').map((x) => x.trim()) as Array<'postgres' | 'pglite'>;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
