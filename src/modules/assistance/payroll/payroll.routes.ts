import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../core/shared/errors.ts';
import type { Platform } from '../../../platform.ts';
import { actorOf } from '../../../server/access.ts';
import { PAYROLL_COMPUTE_JOB } from '../enrollment/index.ts';

const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为月份 YYYY-MM / must be a month YYYY-MM');
const PROGRAMMES = [
  'minimumLivingAllowance',
  'extremePovertySupport',
  'singlePersonAllowance',
  'temporaryAssistanceExpenditure',
  'temporaryAssistanceEmergency',
] as const;
const Programme = z.enum(PROGRAMMES, { error: `应为 ${PROGRAMMES.join(' / ')}` });
const Page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
};

export const ComputeRunInput = z.strictObject({
  district: z.string().regex(/^\d{6}$/, '应为6位区县代码 / must be a 6-digit district code'),
  programme: Programme,
  month: Month,
  /** Run as a background job (the workbench polls the run); default: compute now and answer with the run. */
  background: z.boolean().optional(),
});

const RunQuery = z.strictObject({
  programme: Programme.optional(),
  month: Month.optional(),
  status: z.enum(['computing', 'computed', 'approved', 'exported', 'reconciled', 'cancelled']).optional(),
  ...Page,
});

const LineQuery = z.strictObject({
  status: z.enum(['payable', 'held', 'paid', 'failed', 'carried']).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '应为区划代码 / must be a region code')
    .optional(),
  ...Page,
});

const ExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

const MAX_RECONCILIATION_BYTES = 20 * 1024 * 1024;

/** 资金发放: payroll runs per district, programme and month. */
export async function registerPayrollRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const tags = ['assistance-payroll'];
  const payroll = platform.payroll;

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_RECONCILIATION_BYTES, files: 1, fields: 2, parts: 3 } });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/assistance/payroll/runs',
      { schema: { querystring: RunQuery, tags, summary: '发放批次 Payroll runs' }, config: { access: 'case:read' } },
      (req) => payroll.listRuns(actorOf(req), req.query),
    );

    api.post(
      '/assistance/payroll/runs',
      {
        schema: { body: ComputeRunInput, tags, summary: '计算月度发放 Compute (or return) a monthly run' },
        config: { access: 'case:act' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { background, ...input } = req.body;
        if (background) {
          payroll.checkCompute(actor, input);
          const jobId = await platform.jobs.enqueue(PAYROLL_COMPUTE_JOB, { ...input, by: actor.id }, actor.id);
          reply.code(202);
          return { jobId };
        }
        const run = await payroll.compute(actor, input);
        return payroll.getRun(actor, run.id);
      },
    );

    api.get(
      '/assistance/payroll/runs/:id',
      { schema: { params: IdParam, tags, summary: '发放批次详情 One run' }, config: { access: 'case:read' } },
      (req) => payroll.getRun(actorOf(req), req.params.id),
    );

    api.get(
      '/assistance/payroll/runs/:id/lines',
      {
        schema: { params: IdParam, querystring: LineQuery, tags, summary: '发放明细 Lines of a run' },
        config: { access: 'case:read' },
      },
      (req) => payroll.listLines(actorOf(req), req.params.id, req.query),
    );

    api.post(
      '/assistance/payroll/runs/:id/approve',
      {
        schema: { params: IdParam, tags, summary: '审核发放批次(双人复核) Approve a run (maker-checker)' },
        config: { access: 'case:act' },
      },
      (req) => payroll.approve(actorOf(req), req.params.id),
    );

    api.get(
      '/assistance/payroll/runs/:id/bank-file',
      {
        schema: { params: IdParam, querystring: ExportQuery, tags, summary: '银行代发文件 Bank file (csv/xlsx)' },
        config: { access: 'case:act' },
      },
      async (req, reply) => {
        const file = await payroll.exportBankFile(actorOf(req), req.params.id, req.query.format);
        reply
          .header('content-type', file.mimeType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store');
        return reply.send(file.body);
      },
    );

    api.post(
      '/assistance/payroll/runs/:id/reconciliation',
      {
        schema: { params: IdParam, tags, consumes: ['multipart/form-data'], summary: '导入银行回盘 Reconcile' },
        config: { access: 'case:act' },
      },
      async (req) => {
        const actor = actorOf(req);
        const bad = (zh: string, en: string) =>
          new AppError('request.invalid', zh, en, [{ field: 'file', message_zh: zh, message_en: en }]);
        if (!req.isMultipart()) throw bad('请以 multipart/form-data 上传回盘文件', 'upload the file as multipart');
        const file = await req.file();
        if (!file) throw bad('未收到文件', 'no file received');
        if (!/\.(csv|xlsx)$/i.test(file.filename)) throw bad('只支持 .csv 或 .xlsx 文件', 'only .csv or .xlsx files');
        const content = await file.toBuffer();
        return payroll.reconcile(actor, req.params.id, { fileName: file.filename, content });
      },
    );
  });
}
