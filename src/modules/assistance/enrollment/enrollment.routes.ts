import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../core/audit/audit.repository.ts';
import type { Platform } from '../../../platform.ts';
import { actorOf } from '../../../server/access.ts';

const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });
const Status = z.enum(['active', 'suspended', 'gradual_exit', 'exited']);
const Programme = z.enum([
  'extremePovertySupport',
  'minimumLivingAllowance',
  'singlePersonAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'temporaryAssistanceExpenditure',
  'temporaryAssistanceEmergency',
]);
const Filter = {
  status: Status.optional(),
  programme: Programme.optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '应为区划代码 / must be a region code')
    .optional(),
};
const ListQuery = z.strictObject({
  ...Filter,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const Reason = z.string().trim().min(2, '请写明原因(至少2个字) / give a reason').max(500);

export const StatusChangeBody = z.strictObject({
  action: z.enum(['suspend', 'resume', 'exit']),
  reason: Reason,
  version: z.number().int().positive(),
  exitKind: z.enum(['death', 'moved-away', 'fraud', 'income', 'other']).optional(),
  obtainedFen: z.number().int().min(0).max(1_000_000_000).optional(),
  fineMultiple: z.number().min(0).max(10).optional(),
});

export const ReportBody = z.strictObject({
  kind: z.enum(['periodic', 'change']),
  content: z.record(z.string(), z.unknown()),
});

const OverpaymentBody = z.strictObject({
  amountFen: z.number().int().min(1, '金额应大于0 / must be positive').max(1_000_000_000),
  fineFen: z.number().int().min(0).max(3_000_000_000).optional(),
  reason: Reason,
});

const EXPORT_LIMIT = 100_000;

/** 保障对象: the enrolled households and persons of the caller's jurisdiction. */
export function registerEnrollmentRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance-enrollment'];
  const enrollments = platform.enrollments;

  api.get(
    '/assistance/enrollments',
    { schema: { querystring: ListQuery, tags, summary: '保障对象列表 Enrollments' }, config: { access: 'case:read' } },
    (req) => enrollments.list(actorOf(req), req.query),
  );

  api.get(
    '/assistance/enrollments/export.xlsx',
    {
      schema: { querystring: z.strictObject(Filter), tags, summary: '导出保障对象 Export (masked)' },
      config: { access: 'case:read' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('保障对象');
      ws.addRow(['姓名', '身份证号', '区划', '项目', '状态', '人数', '月金额(元)', '起始月', '终止月', '下次复核']);
      let count = 0;
      for (let offset = 0; offset < EXPORT_LIMIT; offset += 1000) {
        const page = await enrollments.listPage(actor, req.query, 1000, offset);
        for (const e of page) {
          ws.addRow([
            e.payeeName,
            e.payeeIdMasked,
            e.regionCode,
            e.programme,
            e.status,
            e.members,
            e.amountFen / 100,
            e.startMonth,
            e.endMonth ?? '',
            e.nextReviewOn ?? '',
          ]);
        }
        count += page.length;
        if (page.length < 1000) break;
      }
      await platform.db.transaction((tx) =>
        recordAudit(tx, actor, {
          action: 'assistance.enrollment.export',
          entityType: 'assistance_enrollment',
          regionCode: actor.regionScope,
          detail: { rows: count, filter: req.query },
        }),
      );
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="enrollments.xlsx"')
        .header('cache-control', 'no-store');
      return reply.send(Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );

  api.get(
    '/assistance/enrollments/:id',
    { schema: { params: IdParam, tags, summary: '保障对象详情 One enrollment' }, config: { access: 'case:read' } },
    (req) => enrollments.get(actorOf(req), req.params.id),
  );

  api.post(
    '/assistance/enrollments/:id/status',
    {
      schema: { params: IdParam, body: StatusChangeBody, tags, summary: '暂停/恢复/退出 Change status' },
      config: { access: 'case:act' },
    },
    (req) => enrollments.changeStatus(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/assistance/enrollments/:id/reports',
    {
      schema: { params: IdParam, body: ReportBody, tags, summary: '变更报告/定期报告 Report a change' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const report = await enrollments.submitReport(actorOf(req), req.params.id, req.body.kind, req.body.content);
      reply.code(201);
      return report;
    },
  );

  api.post(
    '/assistance/reports/:id/review',
    {
      schema: { params: IdParam, body: z.strictObject({ note: Reason }), tags, summary: '审阅报告 Review a report' },
      config: { access: 'case:act' },
    },
    (req) => enrollments.reviewReport(actorOf(req), req.params.id, req.body.note),
  );

  api.post(
    '/assistance/enrollments/:id/overpayments',
    {
      schema: { params: IdParam, body: OverpaymentBody, tags, summary: '多发追回 Record an overpayment' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const result = await enrollments.recordOverpayment(actorOf(req), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );
}
