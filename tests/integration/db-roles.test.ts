import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit/audit-seal.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import {
  APP_ROLE,
  initDatabaseRoles,
  MIGRATOR_ROLE,
  migrateAsConfigured,
  revokeAppendOnlyFromApp,
} from '../../src/db/roles.ts';
import { seedAccess } from '../../src/db/seed/access-seed.ts';
import { createPlatform, type Platform } from '../../src/platform.ts';
import { buildApp } from '../../src/server/app.ts';
import { login } from '../support/test-platform.ts';

// Roles exist only on PostgreSQL; on PGlite the append-only trigger is the guard (platform-core.test.ts covers it).
const ADMIN_URL = process.env.HUIMIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'huimin-roles-test-only';

function urlFor(role: string, database: string): string {
  const u = new URL(ADMIN_URL);
  u.username = role;
  u.password = PASSWORD;
  u.pathname = `/${database}`;
  return u.toString();
}

describe('database roles on PostgreSQL: huimin_migrator owns, huimin_app cannot rewrite history', () => {
  const name = `huimin_test_roles_${randomBytes(5).toString('hex')}`;
  let server: Database;
  let admin: Database;
  let migrator: Database;
  let appDb: Database;
  let platform: Platform;
  let app: FastifyInstance;

  beforeAll(async () => {
    server = await openDatabase({ databaseUrl: ADMIN_URL, poolSize: 1 });
    await server.exec(`CREATE DATABASE ${name}`);
    admin = await openDatabase({ databaseUrl: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), poolSize: 1 });
    // Roles first, then the first migration as the migrator: the order of a fresh installation.
    await initDatabaseRoles(admin, { migratorPassword: PASSWORD, appPassword: PASSWORD });
    appDb = await openDatabase({ databaseUrl: urlFor(APP_ROLE, name), poolSize: 4 });
    const applied = await migrateAsConfigured(appDb, { HUIMIN_MIGRATOR_URL: urlFor(MIGRATOR_ROLE, name) });
    expect(applied.length).toBeGreaterThan(1);
    migrator = await openDatabase({ databaseUrl: urlFor(MIGRATOR_ROLE, name), poolSize: 1 });
    await seedAccess(appDb, true);
    platform = createPlatform(appDb, { encKey: Buffer.alloc(16, 7), indexKey: Buffer.alloc(32, 9) });
    app = await buildApp(platform, { webDir: '/nonexistent' });
  });

  afterAll(async () => {
    await app?.close();
    await platform?.jobs.stop();
    for (const db of [appDb, migrator, admin]) await db?.close();
    await server.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.close();
  });

  it('the server connects as huimin_app and every public table belongs to huimin_migrator (0 others)', async () => {
    expect((await appDb.query<{ u: string }>('SELECT current_user AS u')).rows[0].u).toBe(APP_ROLE);
    const { rows } = await admin.query<{ n: number; others: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE tableowner <> $1)::int AS others
       FROM pg_tables WHERE schemaname = 'public'`,
      [MIGRATOR_ROLE],
    );
    expect(rows[0].n).toBeGreaterThan(10);
    expect(rows[0].others).toBe(0);
  });

  it('a login through the app appends 1 auth.login audit row as huimin_app; the chain verifies', async () => {
    const before = await appDb.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login'",
    );
    await login(app, 'xns_clerk');
    const after = await appDb.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login'",
    );
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    const chain = await verifyAuditChain(appDb);
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBe(
      (await appDb.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n,
    );
  });

  it('UPDATE, DELETE and TRUNCATE of audit_log and wf_action are permission denied for huimin_app', async () => {
    for (const table of ['audit_log', 'wf_action']) {
      const denied = new RegExp(`permission denied for table ${table}`);
      await expect(appDb.query(`UPDATE ${table} SET action = 'x'`)).rejects.toThrow(denied);
      await expect(appDb.query(`DELETE FROM ${table}`)).rejects.toThrow(denied);
      await expect(appDb.query(`TRUNCATE ${table}`)).rejects.toThrow(denied);
    }
  });

  it('with the trigger disabled by the owner, the app is still refused: it is the privilege, not only the trigger', async () => {
    await login(app, 'bm_clerk');
    await migrator.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    try {
      await expect(appDb.query("UPDATE audit_log SET reason = '改写' WHERE id = 1")).rejects.toThrow(
        /permission denied for table audit_log/,
      );
      await expect(appDb.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(
        /permission denied for table audit_log/,
      );
      // Control: with the trigger off, the table's owner could change a row (so the app's refusal above is the
      // privilege); rolled back so the chain stays intact.
      await expect(
        migrator.transaction(async (tx) => {
          const r = await tx.query('UPDATE audit_log SET reason = $1 WHERE id = 1', ['改写']);
          expect(r.rowCount).toBe(1);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
    } finally {
      await migrator.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    }
    expect((await verifyAuditChain(appDb)).ok).toBe(true);
  });

  it('huimin_app cannot create or alter tables; a table the migrator adds later is granted by default', async () => {
    await expect(appDb.exec('CREATE TABLE app_made (id int)')).rejects.toThrow(/permission denied for schema public/);
    await expect(appDb.exec('ALTER TABLE person ADD COLUMN x int')).rejects.toThrow(/must be owner of table person/);
    await migrator.exec('CREATE TABLE later_table (id serial PRIMARY KEY, note text)');
    await appDb.query("INSERT INTO later_table (note) VALUES ('a'), ('b')");
    await appDb.query("UPDATE later_table SET note = 'c' WHERE id = 2");
    expect((await appDb.query('SELECT * FROM later_table ORDER BY id')).rows).toEqual([
      { id: 1, note: 'a' },
      { id: 2, note: 'c' },
    ]);
  });

  it('a later append-only table (huimin_forbid_change trigger) is revoked again after migrating: 3 tables', async () => {
    await migrator.exec(`CREATE TABLE later_ledger (id serial PRIMARY KEY, amount int);
      CREATE TRIGGER later_ledger_append_only BEFORE UPDATE OR DELETE ON later_ledger
        FOR EACH ROW EXECUTE FUNCTION huimin_forbid_change()`);
    const revoked = await revokeAppendOnlyFromApp(migrator);
    expect(revoked).toEqual(expect.arrayContaining(['audit_log', 'later_ledger', 'wf_action']));
    await appDb.query('INSERT INTO later_ledger (amount) VALUES (100)');
    await expect(appDb.query('DELETE FROM later_ledger')).rejects.toThrow(/permission denied for table later_ledger/);
  });

  it('init-roles again changes nothing (idempotent): 0 objects to hand over, the app still refused', async () => {
    const again = await initDatabaseRoles(admin);
    expect(again.ownedByMigrator).toBe(0);
    expect(again.jobSchemaInstalled).toBe(false);
    expect(again.appendOnly).toEqual(expect.arrayContaining(['audit_log', 'wf_action']));
    await expect(appDb.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
  });

  it('the job queue runs as huimin_app (schema prepared by init-roles): audit.verify succeeds', async () => {
    await platform.jobs.start();
    const run = await platform.jobs.runNow('audit.verify', {}, 'test');
    expect(run.status).toBe('succeeded');
    await platform.jobs.stop();
  });
});
