import type { Platform } from '../../platform.ts';
import { type Actor, hasPermission } from '../auth/actor.ts';
import { excelFilePath, removeExcelFile } from '../excel/excel-files.ts';
import { AppError } from '../shared/errors.ts';
import { EXCHANGE_ADMIN } from './exchange.service.ts';
import { verifyHousehold } from './verification.ts';

export const EXCHANGE_IMPORT_JOB = 'exchange.import';
export const EXCHANGE_VERIFY_BATCH_JOB = 'exchange.verify_batch';

async function jobActor(platform: Platform, params: Record<string, unknown>, permission: string): Promise<Actor> {
  const actor = await platform.auth.loadStaffActor(String(params.actorId));
  // The user may have lost the permission (or been disabled) since queueing.
  if (!actor || !hasPermission(actor, permission)) throw new Error(`user may no longer ${permission}`);
  return actor;
}

function readable(err: unknown): Error {
  if (err instanceof AppError) {
    const fields = err.fields.map((f) => f.message_zh).join(';');
    return new Error(`${err.messageZh}${fields ? `(${fields})` : ''} / ${err.messageEn}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Department file import and periodic batch verification (复核) as jobs with progress. */
export function defineExchangeJobs(platform: Platform): void {
  platform.jobs.define({
    name: EXCHANGE_IMPORT_JOB,
    titleZh: '部门数据文件导入',
    titleEn: 'Import a department data file',
    handler: async (ctx) => {
      const fileId = String(ctx.params.fileId);
      try {
        const actor = await jobActor(platform, ctx.params, EXCHANGE_ADMIN);
        const r = await platform.exchange.importFile(
          actor,
          String(ctx.params.categoryCode),
          excelFilePath('upload', fileId),
          {
            fileName: String(ctx.params.fileName ?? 'upload'),
            onProgress: (p) =>
              ctx.progress(p.read, undefined, `已读 ${p.read} 行,错误 ${p.bad} 行 / ${p.read} rows read, ${p.bad} bad`),
          },
        );
        await ctx.progress(r.total, r.total, '完成 / done');
        return { ...r, errors: r.errors.slice(0, 200) };
      } catch (err) {
        throw readable(err);
      } finally {
        // The upload holds full ID numbers: it does not outlive its job.
        await removeExcelFile('upload', fileId);
      }
    },
  });
  platform.jobs.define({
    name: EXCHANGE_VERIFY_BATCH_JOB,
    titleZh: '家庭经济状况批量复核',
    titleEn: 'Verify many households (periodic re-check)',
    handler: async (ctx) => {
      const actor = await jobActor(platform, ctx.params, 'case:act');
      const ids = (ctx.params.householdIds ?? []) as string[];
      const verified: Array<{ householdId: string; verificationId: string }> = [];
      const failed: Array<{ householdId: string; code: string; message: string }> = [];
      await ctx.progress(0, ids.length);
      for (const [i, householdId] of ids.entries()) {
        try {
          const r = await platform.db.transaction((tx) => verifyHousehold(tx, actor, { householdId }));
          verified.push({ householdId, verificationId: r.verificationId });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          failed.push({ householdId, code: err.code, message: err.messageZh });
        }
        if ((i + 1) % 20 === 0 || i + 1 === ids.length) await ctx.progress(i + 1, ids.length);
      }
      return { verified: verified.length, failed, verifications: verified };
    },
  });
}
