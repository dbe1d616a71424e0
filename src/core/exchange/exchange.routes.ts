import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { removeExcelFile, saveExcelFile } from '../excel/excel-files.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { EXCHANGE_IMPORT_JOB, EXCHANGE_VERIFY_BATCH_JOB } from './exchange.jobs.ts';
import {
  BatchQuery,
  BatchVerificationInput,
  CategoryCodeParam,
  CategoryUpdate,
  IdParam,
  PushRecords,
  QueryRecords,
  VerificationInput,
  VerificationQuery,
} from './exchange.schema.ts';
import { EXCHANGE_ADMIN } from './exchange.service.ts';
import { buildCategoryTemplate, formatOfFileName } from './exchange-file.ts';
import { getVerification, listVerifications, verifyHousehold } from './verification.ts';

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (ascii: string, zh: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`;
const badUpload = (zh: string, en: string) =>
  new AppError('request.invalid', zh, en, [{ field: 'file', message_zh: zh, message_en: en }]);

/**
 * Department data exchange 数据交换: the catalogue (administrators), file imports as jobs, the API department
 * systems push to and query (bearer clients with `exchange:<category>` scopes), and household verification 核对.
 */
export async function registerExchangeRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const tags = ['exchange'];
  const exchange = platform.exchange;

  await app.register(async (scope) => {
    // Multipart only in this scope: the rest of the API stays JSON-only.
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, parts: 5 } });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/exchange/departments',
      { schema: { tags, summary: '部门 Departments' }, config: { access: 'staff' } },
      () => exchange.listDepartments(),
    );
    api.get(
      '/exchange/categories',
      { schema: { tags, summary: '数据类别及字段 Data categories with fields' }, config: { access: 'staff' } },
      () => exchange.listCategories(),
    );
    api.get(
      '/exchange/categories/:code',
      { schema: { params: CategoryCodeParam, tags }, config: { access: 'staff' } },
      (req) => exchange.getCategory(req.params.code),
    );
    api.patch(
      '/exchange/categories/:code',
      {
        schema: { params: CategoryCodeParam, body: CategoryUpdate, tags, summary: '改名、启停、字段标签' },
        config: { access: EXCHANGE_ADMIN },
      },
      (req) => exchange.updateCategory(actorOf(req), req.params.code, req.body),
    );
    api.get(
      '/exchange/categories/:code/template',
      {
        schema: {
          params: CategoryCodeParam,
          querystring: z.strictObject({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
          tags,
          summary: '导入模板 Import template',
        },
        config: { access: 'staff' },
      },
      async (req, reply) => {
        const c = await exchange.getCategory(req.params.code);
        const format = req.query.format;
        const data = await buildCategoryTemplate(c.nameZh, c.fields, format);
        reply
          .header('content-type', format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
          .header('content-disposition', attachment(`${c.code}-template.${format}`, `${c.nameZh}导入模板.${format}`));
        return reply.send(data);
      },
    );
    api.post(
      '/exchange/categories/:code/import',
      {
        schema: { params: CategoryCodeParam, tags, consumes: ['multipart/form-data'], summary: '导入部门文件' },
        config: { access: EXCHANGE_ADMIN },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await exchange.getCategory(req.params.code);
        if (!req.isMultipart())
          throw badUpload('请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data');
        const file = await req.file();
        if (!file) throw badUpload('未收到文件', 'no file received');
        if (!formatOfFileName(file.filename)) throw badUpload('只支持 .csv 和 .xlsx 文件', 'only .csv and .xlsx files');
        const fileId = randomUUID();
        await saveExcelFile('upload', fileId, file.file);
        if (file.file.truncated) {
          await removeExcelFile('upload', fileId);
          throw new AppError('request.too_large', '文件超过 100 MB', 'the file is larger than 100 MB');
        }
        const jobId = await platform.jobs.enqueue(
          EXCHANGE_IMPORT_JOB,
          { actorId: actor.id, fileId, fileName: file.filename, categoryCode: req.params.code },
          actor.id,
        );
        reply.code(202);
        return { jobId };
      },
    );
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/exchange/jobs/:id',
    { schema: { params: IdParam, tags, summary: '导入/批量核对任务进度' }, config: { access: 'staff' } },
    async (req) => {
      const run = (await platform.jobs.get(req.params.id)) as
        | (Awaited<ReturnType<typeof platform.jobs.get>> & { created_by: string | null; result: unknown })
        | undefined;
      const mine = run && run.created_by === actorOf(req).id;
      if (!mine || (run.name !== EXCHANGE_IMPORT_JOB && run.name !== EXCHANGE_VERIFY_BATCH_JOB))
        throw notFound('job', '任务');
      return {
        id: run.id,
        name: run.name,
        status: run.status,
        progress: run.progress,
        total: run.total,
        message: run.message,
        error: run.error,
        result: run.result ?? null,
        createdAt: run.created_at,
        finishedAt: run.finished_at,
      };
    },
  );
  api.post(
    '/exchange/categories/:code/records',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: { params: CategoryCodeParam, body: PushRecords, tags, summary: '部门系统推送数据 Push records' },
      config: { access: 'staff' },
    },
    async (req, reply) => {
      const r = await exchange.pushRecords(actorOf(req), req.params.code, req.body.records);
      reply.code(r.repeated ? 200 : 201);
      return r;
    },
  );
  api.post(
    '/exchange/categories/:code/records/query',
    {
      schema: { params: CategoryCodeParam, body: QueryRecords, tags, summary: '按身份证号查询 Query by ID number' },
      config: { access: 'staff' },
    },
    (req) => exchange.queryRecords(actorOf(req), req.params.code, req.body.idNumber),
  );
  api.get(
    '/exchange/batches',
    { schema: { querystring: BatchQuery, tags }, config: { access: EXCHANGE_ADMIN } },
    (req) => exchange.listBatches(req.query),
  );
  api.get('/exchange/batches/:id', { schema: { params: IdParam, tags }, config: { access: 'staff' } }, (req) =>
    exchange.getBatch(actorOf(req), req.params.id),
  );
  api.post(
    '/exchange/verifications',
    {
      schema: { body: VerificationInput, tags, summary: '家庭经济状况核对 Verify a household' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await platform.db.transaction((tx) => verifyHousehold(tx, actor, req.body));
      reply.code(201);
      return r;
    },
  );
  api.post(
    '/exchange/verifications/batch',
    {
      schema: { body: BatchVerificationInput, tags, summary: '批量复核 Verify many households (job)' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const jobId = await platform.jobs.enqueue(
        EXCHANGE_VERIFY_BATCH_JOB,
        { actorId: actor.id, householdIds: req.body.householdIds },
        actor.id,
      );
      reply.code(202);
      return { jobId };
    },
  );
  api.get(
    '/exchange/verifications',
    { schema: { querystring: VerificationQuery, tags }, config: { access: 'case:read' } },
    (req) => listVerifications(platform.db, actorOf(req), req.query),
  );
  api.get(
    '/exchange/verifications/:id',
    { schema: { params: IdParam, tags }, config: { access: 'case:read' } },
    (req) => platform.db.transaction((tx) => getVerification(tx, actorOf(req), req.params.id)),
  );
}
