import { createReadStream } from 'node:fs';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { verifyAuditChain } from '../core/audit/audit-seal.ts';
import { systemActor } from '../core/auth/actor.ts';
import { initDictionaries } from '../core/dictionary/dictionary.service.ts';
import { importPersonsCsv } from '../core/registry/person-import.ts';
import { loadConfig } from '../core/shared/config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateAsConfigured } from '../db/roles.ts';
import { seedAccess } from '../db/seed/access-seed.ts';
import { seedPopulation } from '../db/seed/population-seed.ts';
import { seedAssistanceDemo } from '../modules/assistance/demo/assistance-demo.seed.ts';
import { createPlatform } from '../platform.ts';
import { registerDbCommands } from './db-roles.ts';
import { registerExchangeCommands } from './exchange.command.ts';
import { registerPayrollCommands } from './payroll.command.ts';
import { serve } from './serve.ts';

const program = new Command('huimin').description('惠民 Huimin — smart civil affairs platform');

async function withPlatform<T>(fn: (p: ReturnType<typeof createPlatform>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateAsConfigured(db);
    await seedAccess(db, false);
    await initDictionaries(db);
    const platform = createPlatform(db, config);
    await platform.policy.seedDefaults();
    await platform.monitoring.service.seedRules();
    return await fn(platform);
  } finally {
    await db.close();
  }
}

function bar(label: string) {
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left | {stage}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}

program
  .command('serve', { isDefault: true })
  .description('start the platform (embedded database unless DATABASE_URL is set)')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const applied = await migrateAsConfigured(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    await db.close();
  });

program
  .command('seed')
  .description('generate a synthetic population for a region (demo and benchmarks)')
  .option('--region <code>', 'region code prefix', '500156')
  .option('--persons <n>', 'number of persons', '100000')
  .option('--seed <n>', 'random seed', '20260101')
  .option('--users', 'also create the demo organisations and users', false)
  .option('--no-assistance', 'skip the social assistance demo (enrollments, applications, payroll in 武隆区)')
  .action(async (opts: { region: string; persons: string; seed: string; users: boolean; assistance: boolean }) => {
    await withPlatform(async (p) => {
      if (opts.users) await seedAccess(p.db, true);
      const b = bar('seed');
      b.start(Number(opts.persons), 0, { stage: 'generate' });
      const r = await seedPopulation(p.db, p.cipher, {
        regionPrefix: opts.region,
        persons: Number(opts.persons),
        seed: Number(opts.seed),
        onProgress: (done, total, stage) => b.update(done, { stage, total }),
      });
      b.stop();
      console.log(`seeded ${r.persons} persons in ${r.households} households under ${opts.region}`);
      if (opts.assistance) {
        const a = await seedAssistanceDemo(p, { seed: Number(opts.seed) });
        console.log(
          a.skipped
            ? 'social assistance demo: skipped (the district already has enrollments, or no demo households)'
            : `social assistance demo: ${a.enrollments} enrollments, ${a.applications} applications, ${a.payrollRuns} payroll runs`,
        );
      }
    });
  });

program
  .command('import')
  .argument('<file>', 'persons CSV file (see docs/import-format.md)')
  .description('import persons from CSV: validated, encrypted, de-duplicated; bad rows reported with line numbers')
  .action(async (file: string) => {
    await withPlatform(async (p) => {
      const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
      const stream = createReadStream(file);
      let bytes = 0;
      stream.on('data', (chunk) => {
        bytes += chunk.length;
      });
      const b = bar('import');
      b.start(size, 0, { stage: 'rows 0' });
      const started = Date.now();
      const r = await importPersonsCsv(p.db, p.cipher, stream, {
        onProgress: (read) => b.update(bytes, { stage: `rows ${read}` }),
      });
      b.update(size, { stage: `rows ${r.read}` });
      b.stop();
      const secs = (Date.now() - started) / 1000;
      console.log(
        `read ${r.read}, inserted ${r.inserted}, duplicates ${r.duplicates}, rejected ${r.rejectedCount} in ${secs.toFixed(1)} s (${Math.round(r.read / secs)} rows/s)`,
      );
      for (const bad of r.rejected.slice(0, 50)) {
        console.log(
          `  line ${bad.line}: ${bad.errors.map((e) => `${e.field}: ${e.message_zh} (${e.message_en})`).join('; ')}`,
        );
      }
      if (r.rejectedCount > 50) console.log(`  … and ${r.rejectedCount - 50} more`);
      process.exitCode = r.rejectedCount > 0 ? 2 : 0;
    });
  });

const clients = program.command('client').description('department systems calling the API with a bearer key');
clients
  .command('create')
  .requiredOption('--name <name>', 'system name, e.g. 区医保局结算系统')
  .requiredOption('--org <name>', 'name of its organisation (must exist)')
  .requiredOption('--region <code>', 'data scope: region code prefix')
  .requiredOption('--scopes <list>', 'comma-separated permissions, e.g. registry:read')
  .action(async (o: { name: string; org: string; region: string; scopes: string }) => {
    await withPlatform(async (p) => {
      const org = await p.db.query<{ id: string }>('SELECT id FROM organisation WHERE name = $1', [o.org]);
      if (!org.rows[0]) throw new Error(`no organisation named ${o.org}`);
      const created = await p.auth.createClient(systemActor('cli'), {
        name: o.name,
        orgId: org.rows[0].id,
        scopes: o.scopes.split(',').map((x) => x.trim()),
        regionScope: o.region,
      });
      console.log(`client ${created.id}\nbearer key (shown once): ${created.key}`);
    });
  });

const audit = program.command('audit').description('audit log');
audit
  .command('verify')
  .description('recompute the SM3 hash chain; exit code 1 when a row was edited or deleted')
  .action(async () => {
    await withPlatform(async (p) => {
      const r = await verifyAuditChain(p.db, (n) => process.stdout.write(`\rchecked ${n}`));
      process.stdout.write('\n');
      if (r.ok) console.log(`audit chain intact: ${r.checked} rows`);
      else {
        console.error(`audit chain BROKEN at row ${r.firstBadId} (after ${r.checked} good rows)`);
        process.exitCode = 1;
      }
    });
  });

const jobs = program.command('jobs').description('queued and scheduled jobs');
jobs
  .command('list')
  .description('recent job runs with status and progress')
  .action(async () => {
    await withPlatform(async (p) => {
      const { rows } = await p.jobs.listRuns(1, 30);
      console.table(
        rows.map((r) => ({
          id: r.id.slice(0, 8),
          name: r.name,
          status: r.status,
          progress: r.total ? `${r.progress}/${r.total}` : r.progress,
          error: r.error ?? '',
          created: new Date(r.created_at).toISOString(),
        })),
      );
      console.log(
        'defined:',
        p.jobs
          .list()
          .map((d) => `${d.name}${d.cron ? ` (${d.cron})` : ''}`)
          .join(', '),
      );
    });
  });
jobs
  .command('run')
  .argument('<name>', 'job name')
  .description('run a job now in this process')
  .action(async (name: string) => {
    await withPlatform(async (p) => {
      const r = await p.jobs.runNow(name, {}, 'cli');
      console.log(`${r.name}: ${r.status}${r.error ? ` — ${r.error}` : ''}`);
      if (r.status !== 'succeeded') process.exitCode = 1;
    });
  });

const monitoring = program.command('monitoring').description('low-income dynamic monitoring 动态监测');
monitoring
  .command('run')
  .description('evaluate every warning rule over all department records, run proactive discovery, escalate overdue')
  .option('--region <code>', 'region prefix for proactive discovery', '')
  .option('--since-days <n>', 'only records received in the last n days (default: every stored record)')
  .option('--no-discovery', 'skip proactive discovery')
  .action(async (opts: { region: string; discovery: boolean; sinceDays?: string }) => {
    await withPlatform(async (p) => {
      const started = Date.now();
      const days = Number(opts.sinceDays ?? 0);
      const since = days > 0 ? new Date(Date.now() - days * 86_400_000).toISOString() : null;
      const evaluated = await p.monitoring.evaluator.evaluate(null, since);
      console.log(`warnings raised: ${evaluated.total}`, evaluated.created);
      if (opts.discovery) {
        const discovered = await p.monitoring.evaluator.discover(opts.region);
        console.log(`discovery tasks: ${discovered.total}`, discovered.created);
      }
      const escalated = await p.monitoring.service.escalateOverdue();
      console.log(`escalated overdue: ${escalated}`);
      // Confirmed deaths are recorded in the registry (and stop benefits) by the event subscribers.
      let dispatched = 0;
      for (let n = await p.events.dispatchPending(); n > 0; n = await p.events.dispatchPending()) dispatched += n;
      console.log(`events delivered: ${dispatched}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  });

registerDbCommands(program);
registerExchangeCommands(program, withPlatform, bar);
registerPayrollCommands(program, withPlatform, bar);

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
