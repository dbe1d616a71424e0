import { getConstructionPlans } from 'pg-boss';
import { openDatabase } from './connect.ts';
import type { Database, Queryable } from './database.ts';
import { migrate } from './migrate.ts';

/**
 * Two PostgreSQL roles keep history honest: the migrator owns every table and runs migrations; the app role the
 * server connects with may read and write data but cannot UPDATE, DELETE or TRUNCATE the append-only tables, so
 * even a compromised server process cannot rewrite the audit trail. (PGlite has a single superuser, so there the
 * append-only trigger of migration 0001 is the guard; see docs/decisions/0003-database-roles-and-audit-retention.md.)
 */
export const MIGRATOR_ROLE = 'huimin_migrator';
export const APP_ROLE = 'huimin_app';
/** Schema of the job queue (pg-boss): owned by the app role because pg-boss creates a table per queue at runtime. */
export const JOB_SCHEMA = 'pgboss';
/** Always append-only; any other table with the huimin_forbid_change trigger is treated the same way. */
export const APPEND_ONLY_TABLES = ['audit_log', 'wf_action'] as const;

export interface InitRolesOptions {
  /** Set (or change) the roles' passwords; omit to keep them (or to rely on other authentication, e.g. peer/cert). */
  migratorPassword?: string;
  appPassword?: string;
}

export interface InitRolesReport {
  database: string;
  ownedByMigrator: number;
  appendOnly: string[];
  jobSchemaInstalled: boolean;
}

/**
 * Creates huimin_migrator and huimin_app (when missing) and sets their privileges on the connected database, from an
 * administrator connection (a superuser, e.g. postgres). Safe to run again: before or after the first migration.
 */
export async function initDatabaseRoles(admin: Database, options: InitRolesOptions = {}): Promise<InitRolesReport> {
  if (admin.kind !== 'postgres') {
    throw new Error(
      '数据库角色只适用于 PostgreSQL;内置数据库由仅追加触发器保护 / roles need PostgreSQL; the embedded database is guarded by the append-only trigger',
    );
  }
  for (const role of [MIGRATOR_ROLE, APP_ROLE]) {
    // Roles are cluster-wide; a concurrent init on another database may create the role first.
    await admin.exec(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN; END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  }
  await setPassword(admin, MIGRATOR_ROLE, options.migratorPassword);
  await setPassword(admin, APP_ROLE, options.appPassword);
  const database = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
  const report = await admin.transaction(async (tx) => {
    await tx.query(
      await formatSql(tx, 'GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I, %I', database, MIGRATOR_ROLE, APP_ROLE),
    );
    await tx.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await tx.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${MIGRATOR_ROLE}`);
    await tx.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    const ownedByMigrator = await reassignSchemaObjects(tx, 'public', MIGRATOR_ROLE);
    // Tables the migrator creates later are granted to the app the same way; append-only ones are revoked again
    // after every migration (migrateAsConfigured).
    await tx.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${MIGRATOR_ROLE} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await tx.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${MIGRATOR_ROLE} IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${APP_ROLE}`,
    );
    await tx.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await tx.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    return { database, ownedByMigrator };
  });
  const appendOnly = await revokeAppendOnlyFromApp(admin);
  const jobSchemaInstalled = await prepareJobSchema(admin);
  return { ...report, appendOnly, jobSchemaInstalled };
}

/**
 * Migrates as configured: with HUIMIN_MIGRATOR_URL the migrations run over that (owner) connection, so DATABASE_URL
 * can be the app role, which may not create or alter tables; without it, over the given connection as before.
 * On PostgreSQL the append-only tables are then revoked from the app role again, because the migrator's default
 * privileges grant UPDATE/DELETE on every table it creates, including new append-only ones.
 */
export async function migrateAsConfigured(db: Database, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const migratorUrl = env.HUIMIN_MIGRATOR_URL;
  if (db.kind !== 'postgres') return migrate(db);
  if (!migratorUrl) {
    const applied = await migrate(db).catch((err: unknown) => {
      // 42501 insufficient_privilege: DATABASE_URL is the app role, which may not create tables.
      if (typeof err === 'object' && err !== null && 'code' in err && err.code === '42501') {
        throw new Error(
          `数据库账号无权执行迁移,请设置 HUIMIN_MIGRATOR_URL / the DATABASE_URL role cannot migrate; set HUIMIN_MIGRATOR_URL (${String(err)})`,
        );
      }
      throw err;
    });
    await revokeAppendOnlyFromApp(db);
    return applied;
  }
  const migrator = await openDatabase({ databaseUrl: migratorUrl, poolSize: 1 });
  try {
    const applied = await migrate(migrator);
    await revokeAppendOnlyFromApp(migrator);
    return applied;
  } finally {
    await migrator.close();
  }
}

/**
 * No UPDATE, DELETE or TRUNCATE for the app role on audit_log, wf_action and every table guarded by the
 * huimin_forbid_change trigger. Run by the tables' owner; a no-op where the app role does not exist.
 */
export async function revokeAppendOnlyFromApp(owner: Database): Promise<string[]> {
  const role = await owner.query('SELECT FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  if (role.rows.length === 0) return [];
  return owner.transaction(async (tx) => {
    const tables = await listAppendOnlyTables(tx);
    for (const table of tables) {
      await tx.query(`REVOKE UPDATE, DELETE, TRUNCATE ON public.${quoteIdent(table)} FROM ${APP_ROLE}`);
    }
    return tables;
  });
}

async function setPassword(admin: Database, role: string, password: string | undefined): Promise<void> {
  if (password === undefined) return;
  await admin.query(await formatSql(admin, 'ALTER ROLE %I PASSWORD %L', role, password));
}

/** Utility statements take no parameters; let the server quote identifiers and literals (format %I / %L). */
async function formatSql(db: Queryable, template: string, ...args: string[]): Promise<string> {
  const placeholders = args.map((_, i) => `$${i + 2}::text`).join(', ');
  const { rows } = await db.query<{ sql: string }>(`SELECT format($1, ${placeholders}) AS sql`, [template, ...args]);
  return rows[0].sql;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Hands every table, view, free-standing sequence, function and type of a schema to a role (not extension objects). */
async function reassignSchemaObjects(tx: Queryable, schema: string, role: string): Promise<number> {
  const { rows } = await tx.query<{ stmt: string }>(
    `WITH target AS (SELECT oid FROM pg_roles WHERE rolname = $2), ns AS (SELECT oid FROM pg_namespace WHERE nspname = $1)
     SELECT format('ALTER %s %s OWNER TO %I',
         CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
         c.oid::regclass, $2) AS stmt
       FROM pg_class c
      WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND c.relowner <> (SELECT oid FROM target)
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                         AND d.deptype IN ('a', 'i', 'e'))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $2)
       FROM pg_proc p
      WHERE p.pronamespace = (SELECT oid FROM ns) AND p.proowner <> (SELECT oid FROM target)
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $2)
       FROM pg_type t
      WHERE t.typnamespace = (SELECT oid FROM ns) AND t.typtype IN ('e', 'd') AND t.typowner <> (SELECT oid FROM target)
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`,
    [schema, role],
  );
  // A table's owned sequences, indexes, triggers and partitions follow it.
  for (const r of rows) await tx.query(r.stmt);
  return rows.length;
}

async function listAppendOnlyTables(tx: Queryable): Promise<string[]> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND (c.relname = ANY($1::text[]) OR EXISTS (
          SELECT FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
           WHERE t.tgrelid = c.oid AND p.proname = 'huimin_forbid_change'))
      ORDER BY 1`,
    [[...APPEND_ONLY_TABLES]],
  );
  return rows.map((r) => r.name);
}

/**
 * The job queue's schema belongs to the app role. pg-boss would run CREATE SCHEMA IF NOT EXISTS at start, which needs
 * CREATE on the database even when the schema exists, so it is installed here, as the app role, when missing.
 */
async function prepareJobSchema(admin: Database): Promise<boolean> {
  return admin.transaction(async (tx) => {
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${JOB_SCHEMA} AUTHORIZATION ${APP_ROLE}`);
    await tx.query(`ALTER SCHEMA ${JOB_SCHEMA} OWNER TO ${APP_ROLE}`);
    await reassignSchemaObjects(tx, JOB_SCHEMA, APP_ROLE);
    const installed = await tx.query<{ t: string | null }>(`SELECT to_regclass('${JOB_SCHEMA}.version')::text AS t`);
    if (installed.rows[0].t) return false;
    const plan = getConstructionPlans(JOB_SCHEMA, { createSchema: false }).trim();
    // The plan is its own BEGIN … COMMIT; run its body inside this transaction, as the app role, so it owns it all.
    if (!plan.startsWith('BEGIN;') || !plan.endsWith('COMMIT;')) throw new Error('unexpected pg-boss install plan');
    await tx.query(`SET LOCAL ROLE ${APP_ROLE}`);
    await tx.query(plan.slice('BEGIN;'.length, -'COMMIT;'.length));
    await tx.query('RESET ROLE');
    return true;
  });
}
