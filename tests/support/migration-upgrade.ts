import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { loadMigrations } from '../../src/db/migrate.ts';
import type { Engine } from './test-platform.ts';

const ADMIN_URL = process.env.HUIMIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * An upgrade test's database: migrated up to, not including, the migration `tag`, so a test can write the data an
 * older installation holds, then run `upgrade()` (that migration alone) or `upgradeAll()` (it and every later one).
 */
export async function databaseBeforeMigration(
  engine: Engine,
  tag: string,
): Promise<{ db: Database; drop: () => Promise<void>; upgrade: () => Promise<void>; upgradeAll: () => Promise<void> }> {
  const migrations = loadMigrations();
  const index = migrations.findIndex((m) => m.tag === tag);
  if (index <= 0) throw new Error(`no migration ${tag}`);
  let db: Database;
  let drop: () => Promise<void>;
  if (engine === 'pglite') {
    db = await openDatabase({ dataDir: 'memory://' });
    drop = () => db.close();
  } else {
    const name = `huimin_test_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ databaseUrl: ADMIN_URL, poolSize: 1 });
    await admin.exec(`CREATE DATABASE ${name}`);
    db = await openDatabase({ databaseUrl: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), poolSize: 2 });
    drop = async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    };
  }
  const apply = async (from: number, to: number) => {
    for (const m of migrations.slice(from, to)) {
      await db.transaction(async (tx) => {
        for (const statement of m.statements) await tx.query(statement);
      });
    }
  };
  await apply(0, index);
  return {
    db,
    drop,
    upgrade: () => apply(index, index + 1),
    upgradeAll: () => apply(index, migrations.length),
  };
}
