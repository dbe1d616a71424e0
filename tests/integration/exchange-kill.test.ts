import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedExchangeCatalogue } from '../../src/core/exchange/catalogue.repository.ts';
import { ingestRows } from '../../src/core/exchange/ingest.ts';
import { createFieldCipher } from '../../src/core/shared/crypto.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { killFeed } from './exchange-kill.feed.ts';

const ADMIN_URL = process.env.HUIMIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RECORDS = 20_000;

/** Runs the child ingestion and kills it with SIGKILL once it has written at least `after` records. */
function ingestAndKill(target: string, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--no-warnings',
        join(import.meta.dirname, 'exchange-kill.child.ts'),
        target,
        String(RECORDS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let written = 0;
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      for (const m of text.matchAll(/written (\d+)/g)) written = Number(m[1]);
      if (!killed && written >= after) {
        killed = true;
        child.kill('SIGKILL');
      }
      if (text.includes('finished')) reject(new Error('the child finished before it was killed'));
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(written) : reject(new Error(`child exited: ${_code}`)),
    );
  });
}

async function checkResume(db: Database) {
  const cipher = createFieldCipher(Buffer.alloc(16, 7), Buffer.alloc(32, 9));
  const count = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_record`)).rows[0].n;
  const left = await count();
  expect(left).toBeGreaterThanOrEqual(3000);
  expect(left).toBeLessThan(RECORDS);
  expect((await db.query<{ status: string }>('SELECT status FROM exchange_batch')).rows).toEqual([
    { status: 'running' },
  ]);
  const r = await ingestRows(db, cipher, 'bank_deposit', killFeed(RECORDS), {
    source: 'simulator',
    createdBy: 'kill-test',
  });
  expect(r).toMatchObject({ total: RECORDS, stored: RECORDS, duplicates: 0, bad: 0, repeated: false });
  expect(await count()).toBe(RECORDS);
  const batch = await db.query('SELECT status, total_rows, stored_rows, duplicate_rows FROM exchange_batch');
  expect(batch.rows).toEqual([{ status: 'done', total_rows: RECORDS, stored_rows: RECORDS, duplicate_rows: 0 }]);
  const again = await ingestRows(db, cipher, 'bank_deposit', killFeed(RECORDS), {
    source: 'simulator',
    createdBy: 'x',
  });
  expect(again).toMatchObject({ stored: 0, repeated: true });
  expect(await count()).toBe(RECORDS);
}

describe('an ingestion killed with SIGKILL (kill -9) and run again ends with exact counts', () => {
  it('on PostgreSQL: 20,000 records, killed after ≥ 3,000 written → 20,000 stored once, batch done', async () => {
    const name = `huimin_test_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ databaseUrl: ADMIN_URL, poolSize: 1 });
    await admin.exec(`CREATE DATABASE ${name}`);
    const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    try {
      const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
      await migrate(db);
      await seedExchangeCatalogue(db);
      await ingestAndKill(url, 3000);
      await checkResume(db);
      await db.close();
    } finally {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    }
  }, 120_000);

  it('on the embedded database (PGlite on disk): the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huimin-kill-'));
    try {
      let db = await openDatabase({ dataDir: dir });
      await migrate(db);
      await seedExchangeCatalogue(db);
      await db.close();
      await ingestAndKill(dir, 3000);
      // The killed process could not release its directory lock; it would count as stale after 30 s.
      await rm(`${dir}.lock`, { recursive: true, force: true });
      db = await openDatabase({ dataDir: dir });
      await checkResume(db);
      await db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.lock`, { recursive: true, force: true });
    }
  }, 180_000);
});
