import type { Command } from 'commander';
import { openDatabase } from '../db/connect.ts';
import { APP_ROLE, initDatabaseRoles, MIGRATOR_ROLE } from '../db/roles.ts';

/** `huimin db init-roles`: the migrator and app roles on PostgreSQL (see src/db/roles.ts). */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('PostgreSQL administration');
  db.command('init-roles')
    .description(
      `create ${MIGRATOR_ROLE} (owns the schema, runs migrations) and ${APP_ROLE} (the server; cannot change audit rows); idempotent`,
    )
    .option('--admin-url <url>', 'superuser connection to the Huimin database (default: HUIMIN_ADMIN_URL)')
    .addHelpText(
      'after',
      '\nPasswords come from HUIMIN_MIGRATOR_PASSWORD and HUIMIN_APP_PASSWORD when set (never from arguments, which\n' +
        'other users can see in the process list). Afterwards run the server with\n' +
        `  HUIMIN_MIGRATOR_URL=postgres://${MIGRATOR_ROLE}:…@host/db  DATABASE_URL=postgres://${APP_ROLE}:…@host/db`,
    )
    .action(async (opts: { adminUrl?: string }) => {
      const adminUrl = opts.adminUrl ?? process.env.HUIMIN_ADMIN_URL;
      if (!adminUrl?.startsWith('postgres')) {
        throw new Error(
          '请用 --admin-url 或 HUIMIN_ADMIN_URL 指定 PostgreSQL 管理员连接 / give a PostgreSQL superuser connection with --admin-url or HUIMIN_ADMIN_URL',
        );
      }
      const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
      try {
        const r = await initDatabaseRoles(admin, {
          migratorPassword: process.env.HUIMIN_MIGRATOR_PASSWORD || undefined,
          appPassword: process.env.HUIMIN_APP_PASSWORD || undefined,
        });
        console.log(`database ${r.database}: roles ${MIGRATOR_ROLE} and ${APP_ROLE} ready`);
        console.log(`  objects handed to ${MIGRATOR_ROLE}: ${r.ownedByMigrator}`);
        console.log(
          `  append-only for ${APP_ROLE}: ${r.appendOnly.join(', ') || '(none yet: run migrations as the migrator)'}`,
        );
        console.log(
          `  job queue schema ${r.jobSchemaInstalled ? 'installed' : 'already present'}, owned by ${APP_ROLE}`,
        );
      } finally {
        await admin.close();
      }
    });
}
