import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Database } from '../../db/database.ts';
import type { Platform } from '../../platform.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, hasPermission } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import { createExcelFile, openExcelFile, removeExcelFile } from '../excel/excel-files.ts';
import { type ExcelImportReport, importXlsx } from '../excel/excel-import.ts';
import type { JobContext } from '../jobs/job-service.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { AppError } from '../shared/errors.ts';
import { writePersonBatch } from './person-bulk.ts';
import { personImportSpec } from './person-excel-columns.ts';
import { countPersonsForExport, writePersonsXlsx } from './person-export.ts';
import type { PersonQuery } from './registry.schema.ts';

export const PERSON_IMPORT_JOB = 'persons.import';
export const PERSON_EXPORT_JOB = 'persons.export';
/** Rejected and duplicate lines kept in the job result (counts stay exact beyond it). */
const REPORTED_LINES = 5000;

/**
 * Imports a persons .xlsx for `actor`: rows outside the actor's jurisdiction are rejected like any invalid row,
 * valid rows are written in batches (encrypted, blind-indexed, de-duplicated), and the import is audited at its
 * start and end. Re-importing the same file adds nothing.
 */
export async function importPersonsXlsx(
  db: Database,
  cipher: FieldCipher,
  actor: Actor,
  input: Readable,
  options: { runId?: string; fileName?: string; onProgress?: (report: ExcelImportReport) => Promise<void> | void },
): Promise<ExcelImportReport> {
  const audit = (action: string, detail: Record<string, unknown>) =>
    db.transaction(async (tx) => {
      await recordAudit(tx, actor, { action, entityType: 'person', regionCode: actor.regionScope, detail });
      if (action === 'person.import') await emitEvent(tx, 'persons.imported', detail, actor.regionScope);
    });
  await audit('person.import.start', { runId: options.runId ?? null, fileName: options.fileName ?? null });
  const seen = new Set<string>();
  const report = await importXlsx(personImportSpec(actor), input, {
    batchSize: 5000,
    maxReported: REPORTED_LINES,
    onProgress: options.onProgress,
    writeBatch: async (rows) => {
      const r = await writePersonBatch(
        db,
        cipher,
        rows.map((x) => x.value),
        undefined,
        seen,
      );
      return { inserted: r.inserted, duplicateLines: r.duplicates.map((i) => rows[i].line) };
    },
  });
  await audit('person.import', {
    runId: options.runId ?? null,
    fileName: options.fileName ?? null,
    read: report.read,
    inserted: report.inserted,
    duplicates: report.duplicates,
    rejected: report.rejectedCount,
  });
  return report;
}

async function jobActor(platform: Platform, params: Record<string, unknown>, permission: string): Promise<Actor> {
  const actor = await platform.auth.loadStaffActor(String(params.actorId));
  // The user may have lost the permission (or been disabled) since queueing.
  if (!actor || !hasPermission(actor, permission)) throw new Error(`user may no longer ${permission}`);
  return actor;
}

/** A job failure message people can read: Chinese and English for domain errors. */
function failure(err: unknown): Error {
  if (err instanceof AppError) {
    const fields = err.fields.map((f) => f.message_zh).join(';');
    return new Error(`${err.messageZh}${fields ? `(${fields})` : ''} / ${err.messageEn}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

async function runImport(platform: Platform, ctx: JobContext) {
  const fileId = String(ctx.params.fileId);
  try {
    const actor = await jobActor(platform, ctx.params, 'registry:write');
    const report = await importPersonsXlsx(platform.db, platform.cipher, actor, openExcelFile('upload', fileId), {
      runId: ctx.runId,
      fileName: typeof ctx.params.fileName === 'string' ? ctx.params.fileName : undefined,
      onProgress: (r) => ctx.progress(r.read, undefined, `已处理 ${r.read} 行 / ${r.read} rows read`),
    });
    await ctx.progress(report.read, report.read, `完成 / done`);
    return { ...report };
  } catch (err) {
    throw failure(err);
  } finally {
    // The upload holds full ID numbers and phones: it does not outlive its job.
    await removeExcelFile('upload', fileId);
  }
}

async function runExport(platform: Platform, ctx: JobContext) {
  const actor = await jobActor(platform, ctx.params, 'registry:export');
  const q = (ctx.params.filters ?? {}) as Omit<PersonQuery, 'page' | 'pageSize'>;
  const total = await countPersonsForExport(platform.registry, actor, q);
  await ctx.progress(0, total);
  const out = await createExcelFile('export', ctx.runId);
  const rows = await writePersonsXlsx(platform.registry, actor, q, out, (n) => ctx.progress(n, total));
  await finished(out);
  await platform.db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'person.export',
      entityType: 'person',
      regionCode: q.regionCode ?? actor.regionScope,
      detail: { filters: q, rows, runId: ctx.runId },
    }),
  );
  return { rows };
}

/** Registers the persons Excel jobs (before the job workers start). */
export function definePersonExcelJobs(platform: Platform): void {
  platform.jobs.define({
    name: PERSON_IMPORT_JOB,
    titleZh: '居民信息 Excel 导入',
    titleEn: 'Import persons from Excel',
    handler: (ctx) => runImport(platform, ctx),
  });
  platform.jobs.define({
    name: PERSON_EXPORT_JOB,
    titleZh: '居民名单 Excel 导出',
    titleEn: 'Export persons to Excel',
    handler: (ctx) => runExport(platform, ctx),
  });
}
