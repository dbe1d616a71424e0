import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Actor } from '../core/auth/actor.ts';
import type { Platform } from '../platform.ts';

type WithPlatform = <T>(fn: (p: Platform) => Promise<T>) => Promise<T>;

/** The staff user a payroll command acts as (maker-checker needs real, distinct users). */
async function actorFor(p: Platform, username: string): Promise<Actor> {
  const { rows } = await p.db.query<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [username]);
  const actor = rows[0] ? await p.auth.loadStaffActor(rows[0].id, 'cli') : undefined;
  if (!actor) throw new Error(`no active staff user ${username}`);
  return actor;
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** `huimin payroll run|approve|export|reconcile`: the monthly payroll from the command line. */
export function registerPayrollCommands(
  program: Command,
  withPlatform: WithPlatform,
  bar: (label: string) => cliProgress.SingleBar,
): void {
  const payroll = program
    .command('payroll')
    .description('monthly assistance payroll 救助金发放 per district and programme');

  payroll
    .command('run')
    .requiredOption('--district <code>', '6-digit district code, e.g. 500156')
    .requiredOption(
      '--programme <id>',
      'minimumLivingAllowance | extremePovertySupport | singlePersonAllowance | temporaryAssistanceExpenditure | temporaryAssistanceEmergency',
    )
    .requiredOption('--month <YYYY-MM>', 'month paid, e.g. 2025-07')
    .option('--as <username>', 'staff user computing the run', 'wl_approver')
    .description('compute (or resume) the run; an already computed run is shown unchanged')
    .action(async (o: { district: string; programme: string; month: string; as: string }) => {
      await withPlatform(async (p) => {
        const actor = await actorFor(p, o.as);
        const b = bar('payroll');
        b.start(1, 0, { stage: 'townships' });
        const started = Date.now();
        const run = await p.payroll.compute(
          actor,
          { district: o.district, programme: o.programme, month: o.month },
          {
            onProgress: (done, total, township) => {
              b.setTotal(total);
              b.update(done, { stage: township });
            },
          },
        );
        b.stop();
        console.log(
          `run ${run.id} ${run.status}: ${run.line_count} lines, ${yuan(Number(run.total_fen))} yuan, ` +
            `${run.held_count} held; ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      });
    });

  payroll
    .command('approve')
    .argument('<runId>')
    .requiredOption('--as <username>', 'approver (must differ from the user who computed the run)')
    .action(async (runId: string, o: { as: string }) => {
      await withPlatform(async (p) => {
        const run = await p.payroll.approve(await actorFor(p, o.as), runId);
        console.log(`run ${run.id} ${run.status} by ${o.as}`);
      });
    });

  payroll
    .command('export')
    .argument('<runId>')
    .option('--format <format>', 'csv | xlsx', 'xlsx')
    .option('--out <file>', 'output file (default: the run name)')
    .option('--as <username>', 'staff user exporting', 'wl_approver')
    .action(async (runId: string, o: { format: 'csv' | 'xlsx'; out?: string; as: string }) => {
      await withPlatform(async (p) => {
        const file = await p.payroll.exportBankFile(await actorFor(p, o.as), runId, o.format);
        await writeFile(o.out ?? file.fileName, file.body, { mode: 0o600 });
        console.log(`wrote ${o.out ?? file.fileName}`);
      });
    });

  payroll
    .command('reconcile')
    .argument('<runId>')
    .argument('<file>', 'bank result file (.csv or .xlsx): reference, paid|failed, reason')
    .option('--as <username>', 'staff user importing', 'wl_approver')
    .action(async (runId: string, file: string, o: { as: string }) => {
      await withPlatform(async (p) => {
        const r = await p.payroll.reconcile(await actorFor(p, o.as), runId, {
          fileName: basename(file),
          content: await readFile(file),
        });
        console.log(`paid ${r.paid}, failed ${r.failed}, unchanged ${r.unchanged}; run ${r.status}`);
      });
    });
}
