import { createReadStream } from 'node:fs';
import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { systemActor } from '../core/auth/actor.ts';
import { findCategory, listCategories, seedExchangeCatalogue } from '../core/exchange/catalogue.repository.ts';
import { ingestRows } from '../core/exchange/ingest.ts';
import { simulateRows } from '../core/exchange/simulator.ts';
import type { Platform } from '../platform.ts';

type WithPlatform = <T>(fn: (p: Platform) => Promise<T>) => Promise<T>;

/** `huimin exchange …`: the catalogue, department file import and the deterministic feed simulator. */
export function registerExchangeCommands(
  program: Command,
  withPlatform: WithPlatform,
  bar: (label: string) => SingleBar,
): void {
  const exchange = program
    .command('exchange')
    .description('department data exchange 数据交换 (13 departments, 36 categories)');

  exchange
    .command('categories')
    .description('list the data categories with their departments and state')
    .action(async () => {
      await withPlatform(async (p) => {
        await seedExchangeCatalogue(p.db);
        const rows = await listCategories(p.db);
        console.table(
          rows.map((c) => ({
            code: c.code,
            department: c.departmentNameZh,
            name: c.nameZh,
            enabled: c.enabled,
            v: c.version,
          })),
        );
      });
    });

  exchange
    .command('import')
    .argument('<category>', 'category code, e.g. medical_self_paid (see `huimin exchange categories`)')
    .argument('<file>', 'a .csv or .xlsx file with the category template’s columns')
    .description('import a department file: rows checked, ID numbers blind-indexed, the same file twice adds nothing')
    .action(async (category: string, file: string) => {
      await withPlatform(async (p) => {
        await seedExchangeCatalogue(p.db);
        // A CSV's rows are counted first (a quick pass over the bytes) so the bar has a total; .xlsx shows rows read.
        let lines = 0;
        if (/\.csv$/i.test(file)) {
          for await (const chunk of createReadStream(file)) {
            for (const byte of chunk as Buffer) if (byte === 10) lines++;
          }
        }
        const b = bar('import');
        b.start(Math.max(lines - 1, 0), 0, { stage: 'rows' });
        const started = Date.now();
        const r = await p.exchange.importFile(systemActor('cli'), category, file, {
          fileName: file.split('/').pop() ?? file,
          onProgress: (x) => {
            if (x.read > b.getTotal()) b.setTotal(x.read);
            b.update(x.read, { stage: `bad ${x.bad}` });
          },
        });
        b.stop();
        const secs = (Date.now() - started) / 1000;
        console.log(
          r.repeated
            ? `this file was imported before (batch ${r.batchId}): nothing new`
            : `batch ${r.batchId}: read ${r.total}, stored ${r.stored}, duplicates ${r.duplicates}, bad ${r.bad} in ${secs.toFixed(1)} s`,
        );
        for (const bad of r.errors.slice(0, 50)) {
          console.log(
            `  line ${bad.line}: ${bad.errors.map((e) => `${e.field}: ${e.message_zh} (${e.message_en})`).join('; ')}`,
          );
        }
        process.exitCode = r.bad > 0 ? 2 : 0;
      });
    });

  exchange
    .command('simulate')
    .description('deterministic department feeds about persons in the registry (demo and benchmarks)')
    .option('--category <code>', 'category code, or "all" for every enabled category', 'all')
    .option('--records <n>', 'records per category', '1000')
    .option('--region <code>', 'region prefix of the subjects', '500156')
    .option('--seed <n>', 'random seed', '20260101')
    .option('--as-of <date>', 'records fall in the 24 months before this date', new Date().toISOString().slice(0, 10))
    .action(async (o: { category: string; records: string; region: string; seed: string; asOf: string }) => {
      await withPlatform(async (p) => {
        await seedExchangeCatalogue(p.db);
        const { rows } = await p.db.query<{ id_cipher: Buffer }>(
          'SELECT id_cipher FROM person WHERE region_code LIKE $1 AND deceased_on IS NULL ORDER BY id_index LIMIT 50000',
          [`${o.region}%`],
        );
        if (rows.length === 0) throw new Error(`no persons under ${o.region}: run \`huimin seed\` first`);
        const subjects = rows.map((r) => p.cipher.decrypt(Buffer.from(r.id_cipher)));
        const codes =
          o.category === 'all'
            ? (await listCategories(p.db)).filter((c) => c.enabled).map((c) => c.code)
            : [o.category];
        const n = Number(o.records);
        for (const code of codes) {
          const category = await findCategory(p.db, code);
          if (!category) throw new Error(`unknown category ${code}`);
          const b = bar(code.padEnd(26));
          b.start(n, 0, { stage: 'generate' });
          const feed = simulateRows(code, category.fields, subjects, n, { seed: Number(o.seed), asOf: o.asOf });
          const r = await ingestRows(p.db, p.cipher, code, feed, {
            source: 'simulator',
            createdBy: 'cli',
            onProgress: (x) => b.update(x.read, { stage: 'ingest' }),
          });
          b.update(n, { stage: 'done' });
          b.stop();
          console.log(
            `  ${code}: stored ${r.stored}, duplicates ${r.duplicates}, bad ${r.bad}${r.repeated ? ' (same feed as before)' : ''}`,
          );
        }
        // 'exchange.batch_completed' events wait in the outbox; the server (monitoring) delivers them.
      });
    });
}
