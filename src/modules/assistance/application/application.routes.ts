import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalidField } from '../../../core/shared/errors.ts';
import type { Platform } from '../../../platform.ts';
import { actorOf } from '../../../server/access.ts';
import {
  ApplicationQuery,
  ApplyInput,
  DOCUMENT_KINDS,
  type DocumentKind,
  EmergencyInput,
  ExtensionInput,
  TransferQuery,
  TransferReply,
} from './application.schema.ts';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from './application.service.ts';

const CaseParam = z.strictObject({ caseId: z.uuid('应为有效的办件ID / must be a case id') });
const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });

/** 社会救助申请: intake, documents, extension, transfers, emergencies (README.md lists them with examples). */
export async function registerApplicationRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance'];
  const s = platform.assistance;

  api.post(
    '/assistance/applications',
    {
      schema: { body: ApplyInput, tags, summary: '受理救助申请(窗口/入户) Take an assistance application' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const view = await s.applications.apply(actorOf(req), req.body);
      reply.code(201);
      return view;
    },
  );

  api.get(
    '/assistance/applications',
    {
      schema: { querystring: ApplicationQuery, tags, summary: '救助申请列表 Applications in scope' },
      config: { access: 'case:read' },
    },
    (req) => s.applications.list(actorOf(req), req.query),
  );

  api.get(
    '/assistance/applications/export.xlsx',
    {
      schema: {
        querystring: ApplicationQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出救助申请列表(姓名脱敏,留痕) Export the list (masked names, audited)',
      },
      config: { access: 'case:read' },
    },
    async (req, reply) => {
      const data = await s.applications.exportList(actorOf(req), req.query);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="applications.xlsx"; filename*=UTF-8''${encodeURIComponent('救助申请.xlsx')}`,
        );
      return reply.send(data);
    },
  );

  api.get(
    '/assistance/applications/:caseId',
    {
      schema: { params: CaseParam, tags, summary: '救助申请详情 Application detail (audited)' },
      config: { access: 'case:read' },
    },
    (req) => s.applications.get(actorOf(req), req.params.caseId),
  );

  api.post(
    '/assistance/applications/:caseId/extension',
    {
      schema: { params: CaseParam, body: ExtensionInput, tags, summary: '延期(一次,≤15个工作日) Extend once' },
      config: { access: 'case:act' },
    },
    (req) => s.applications.extend(actorOf(req), req.params.caseId, req.body),
  );

  api.get(
    '/assistance/applications/:caseId/documents/:documentId',
    {
      schema: {
        params: z.strictObject({ caseId: z.uuid(), documentId: z.uuid() }),
        tags,
        summary: '下载申请材料(留痕) Download a document (audited)',
      },
      config: { access: 'case:read' },
    },
    async (req, reply) => {
      const doc = await s.applications.document(actorOf(req), req.params.caseId, req.params.documentId);
      reply
        .header('content-type', doc.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
      return reply.send(doc.content);
    },
  );

  // Multipart only in this scope (as the persons import does): the rest of the API stays JSON-only.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 2, parts: 3 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/assistance/applications/:caseId/documents',
      {
        schema: {
          params: CaseParam,
          tags,
          consumes: ['multipart/form-data'],
          summary: '上传申请材料(授权书等) Upload a document: field kind, then file',
        },
        config: { access: 'case:act' },
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
                `kind must be one of ${DOCUMENT_KINDS.join(', ')}`,
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
            file = { fileName: part.filename || 'file', mimeType: part.mimetype, content };
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
        const doc = await s.applications.addDocument(actorOf(req), req.params.caseId, { kind, ...file });
        reply.code(201);
        return doc;
      },
    );
  });

  api.get(
    '/assistance/transfers',
    {
      schema: { querystring: TransferQuery, tags, summary: '转办事项(部门收件箱) Transfers: a department’s inbox' },
      config: { access: 'staff' },
    },
    (req) => s.transfers.inbox(actorOf(req), req.query),
  );

  api.post(
    '/assistance/transfers/:id/reply',
    {
      schema: { params: IdParam, body: TransferReply, tags, summary: '回复转办事项 Reply to a transfer' },
      config: { access: 'transfer:reply' },
    },
    (req) => s.transfers.reply(actorOf(req), req.params.id, req.body.reply),
  );

  api.post(
    '/assistance/emergencies',
    {
      schema: { body: EmergencyInput, tags, summary: '急难型临时救助先行救助 Emergency advance' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const granted = await s.emergency(actorOf(req), req.body);
      reply.code(201);
      return granted;
    },
  );
}
