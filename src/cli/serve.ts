import pino from 'pino';
import { startAuditSealer } from '../core/audit/audit-seal.ts';
import { logSmsSender } from '../core/auth/resident.service.ts';
import type { AppConfig } from '../core/shared/config.ts';
import { openDatabase } from '../db/connect.ts';
import { startEmbeddedMaintenance } from '../db/embedded-maintenance.ts';
import { migrateAsConfigured } from '../db/roles.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedAccess } from '../db/seed/access-seed.ts';
import { seedDemoCases } from '../db/seed/case-seed.ts';
import { seedPopulation } from '../db/seed/population-seed.ts';
import { seedAssistanceDemo } from '../modules/assistance/demo/assistance-demo.seed.ts';
import { seedMonitoringDemo } from '../modules/monitoring/demo/monitoring-demo.seed.ts';
import { createPlatform } from '../platform.ts';
import { buildApp } from '../server/app.ts';

/** Starts the platform: open (and lock) the database, migrate, seed demo data on first start, serve. */
export async function serve(config: AppConfig): Promise<void> {
  const log = pino({ level: 'info', redact: ['idNumber', 'phone', '*.idNumber', '*.phone'] });
  const started = Date.now();
  const engine = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite (${config.dataDir})`;
  log.info(`opening ${engine}`);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // With HUIMIN_MIGRATOR_URL the migrator role migrates and DATABASE_URL may be the app role (huimin db init-roles).
  const applied = await migrateAsConfigured(db);
  if (applied.length) log.info(`migrations applied: ${applied.join(', ')}`);
  await seedAccess(db, config.demo);
  const platform = createPlatform(db, {
    ...config,
    sms: logSmsSender((m) => log.info(m)),
  });
  if (config.demo) {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
    if (rows[0].n === 0 && config.seedPersons > 0) {
      log.info(`first start: generating ${config.seedPersons} demo residents for 武隆区 500156 …`);
      const r = await seedPopulation(db, platform.cipher, {
        regionPrefix: '500156',
        persons: config.seedPersons,
        onProgress: (done, total, stage) => {
          if (stage === 'persons' && done % 50_000 === 0) log.info(`  ${stage} ${done}/${total}`);
        },
      });
      const cases = await seedDemoCases(platform);
      log.info(`demo population ready: ${r.persons} persons, ${r.households} households, ${cases} open cases`);
    }
    // Social assistance alive in 武隆区 (enrollments, applications, payroll); skipped once the district has any.
    // Demo data only: a failure is logged and the platform still starts.
    try {
      await platform.policy.seedDefaults();
      const assistance = await seedAssistanceDemo(platform);
      if (!assistance.skipped) {
        log.info(
          `social assistance demo: ${assistance.enrollments} enrollments, ${assistance.applications} applications, ${assistance.payrollRuns} payroll runs`,
        );
      }
    } catch (err) {
      log.warn({ err }, 'social assistance demo data could not be seeded');
    }
    // Department feeds about enrolled people, evaluated, so the monitoring workbench shows warnings on first start.
    try {
      const monitoring = await seedMonitoringDemo(platform);
      if (!monitoring.skipped) {
        log.info(
          `monitoring demo: ${monitoring.records} department records, ${monitoring.warnings} warnings and tasks`,
        );
      }
    } catch (err) {
      log.warn({ err }, 'monitoring demo data could not be seeded');
    }
  }
  await platform.jobs.start();
  platform.events.start();
  const stopSealer = startAuditSealer(db);
  const stopMaintenance = startEmbeddedMaintenance(db, {
    onError: (err) => log.warn({ err }, 'embedded database maintenance failed'),
  });
  const app = await buildApp(platform, { production: config.production, logger: false });
  await app.listen({ port: config.port, host: config.host });
  const shutdown = async () => {
    log.info('shutting down');
    await app.close();
    await platform.events.stop();
    await stopSealer();
    await stopMaintenance();
    await platform.jobs.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `惠民 Huimin is running on ${engine} — ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  workbench 工作台   ${url}/`,
    `  portal 掌上办      ${url}/m/`,
    `  API               ${url}/api/v1   docs ${config.production ? '(off in production)' : `${url}/api/docs`}`,
  ];
  if (config.demo) {
    lines.push('', `demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS)
      lines.push(`  ${u.username.padEnd(14)} ${u.displayName}  [${u.roles.join(',')}] scope ${u.regionScope}`);
    if (!config.databaseUrl) {
      lines.push(
        '',
        'The embedded database is for evaluation, training and single-machine pilots (it does not fsync).',
      );
      lines.push('Real case data belongs on PostgreSQL: set DATABASE_URL=postgres://…');
    }
  }
  console.log(lines.join('\n'));
}
