import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, invalidField } from '../../../core/shared/errors.ts';
import { actorOf } from '../../../server/access.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../application/application.schema.ts';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '../application/application.service.ts';
import { sendNoticePdf } from '../notices/notices.routes.ts';
import type { NoticeService } from '../notices/notices.service.ts';
import { CaseParam, ResidentApplyInput, ResidentReportInput } from './portal.schema.ts';
import type { AssistancePortalService } from './portal.service.ts';

/**
 * 掌上办 社会救助: a signed-in resident applies for their own household, uploads photos of papers, follows the
 * progress, downloads the decision notice and files 定期报告 / 变更报告. Everything is limited to their own household.
 */
export async function registerAssistancePortalRoutes(
  app: FastifyInstance,
  portal: AssistancePortalService,
  notices: NoticeService,
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];
  const access = { access: 'resident' as const };

  api.get(
    '/portal/assistance/form',
    { schema: { tags, summary: '申请表:本户成员 My household for the application form' }, config: access },
    (req) => portal.form(actorOf(req)),
  );

  api.post(
    '/portal/assistance/applications',
    {
      schema: {
        body: ResidentApplyInput,
        tags,
        summary: '申请社会救助(本户) Apply for my household; send Idempotency-Key',
      },
      config: { ...access, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const created = await portal.apply(actorOf(req), req.body);
      reply.code(201);
      return created;
    },
  );

  api.get(
    '/portal/assistance/applications',
    { schema: { tags, summary: '我的救助申请 My applications' }, config: access },
    (req) => portal.list(actorOf(req)),
  );

  api.get(
    '/portal/assistance/applications/:caseId',
    {
      schema: { params: CaseParam, tags, summary: '办理进度 Progress: steps, organisations, due dates, decision' },
      config: access,
    },
    (req) => portal.get(actorOf(req), req.params.caseId),
  );

  api.get(
    '/portal/assistance/applications/:caseId/notice.pdf',
    { schema: { params: CaseParam, tags, summary: '决定通知书 PDF My decision notice' }, config: access },
    async (req, reply) => sendNoticePdf(reply, await notices.forResident(actorOf(req), req.params.caseId)),
  );

  api.get(
    '/portal/assistance/enrollments',
    { schema: { tags, summary: '我家的救助待遇与报告 My enrollments and reports' }, config: access },
    (req) => portal.enrollments(actorOf(req)),
  );

  api.post(
    '/portal/assistance/reports',
    {
      schema: { body: ResidentReportInput, tags, summary: '定期报告 / 变更报告 Periodic or change report' },
      config: { ...access, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const report = await portal.report(actorOf(req), req.body);
      reply.code(201);
      return report;
    },
  );

  // Multipart only in this scope: a phone photo of a paper (the signed authorisation above all).
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 2, parts: 3 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/portal/assistance/applications/:caseId/documents',
      {
        schema: {
          params: CaseParam,
          tags,
          consumes: ['multipart/form-data'],
          summary: '上传材料照片 Upload a photo or PDF: field kind, then file',
        },
        config: { ...access, rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        if (!req.isMultipart()) {
          throw invalidField('file', '请以 multipart/form-data 上传文件', 'upload as multipart/form-data');
        }
        let kind: DocumentKind | undefined;
        let file: { fileName: string; mimeType: string; content: Buffer } | undefined;
        for await (const part of req.parts()) {
          if (part.type === 'field' && part.fieldname === 'kind') {
            const value = String(part.value);
            if (!(DOCUMENT_KINDS as readonly string[]).includes(value)) {
              throw invalidField(
                'kind',
                `材料类型应为 ${DOCUMENT_KINDS.join('、')}`,
                `kind: ${DOCUMENT_KINDS.join(', ')}`,
              );
            }
            kind = value as DocumentKind;
          } else if (part.type === 'file') {
            const content = await part.toBuffer().catch((err: unknown) => {
              if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
                throw new AppError('request.too_large', '文件超过 10 MB', 'the file is larger than 10 MB');
              }
              throw err;
            });
            file = { fileName: part.filename || 'photo', mimeType: part.mimetype, content };
          }
        }
        if (!kind) throw invalidField('kind', '请选择材料类型(先于文件发送)', 'send the kind field (before the file)');
        if (!file || file.content.length === 0) throw invalidField('file', '未收到文件', 'no file received');
        if (!(DOCUMENT_TYPES as readonly string[]).includes(file.mimeType)) {
          throw invalidField(
            'file',
            '只接受 PDF 或图片(JPEG/PNG/WebP/HEIC)',
            'only PDF or images (JPEG/PNG/WebP/HEIC)',
          );
        }
        const doc = await portal.addDocument(actorOf(req), req.params.caseId, { kind, ...file });
        reply.code(201);
        return doc;
      },
    );
  });
}
