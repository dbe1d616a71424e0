import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { excelFileExists, openExcelFile, removeExcelFile, saveExcelFile } from '../excel/excel-files.ts';
import { findOwnExcelJob } from '../excel/excel-job.routes.ts';
import { buildImportTemplate } from '../excel/excel-template.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { PERSON_EXPORT_JOB, PERSON_IMPORT_JOB } from './person-excel.jobs.ts';
import { PERSON_IMPORT_COLUMNS } from './person-excel-columns.ts';
import { PersonQuery } from './registry.schema.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const attachment = (ascii: string, zh: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`;

const badUpload = (zh: string, en: string) =>
  new AppError('request.invalid', zh, en, [{ field: 'file', message_zh: zh, message_en: en }]);

/** Persons Excel: the import template, upload → import job, export job → download. */
export async function registerPersonExcelRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const tags = ['registry'];

  // Multipart only in this scope: the rest of the API stays JSON-only.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, parts: 5 } });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/persons/import-template.xlsx',
      { schema: { tags }, config: { access: 'registry:write' } },
      async (_req, reply) => {
        const data = await buildImportTemplate('居民', PERSON_IMPORT_COLUMNS);
        reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment('persons-template.xlsx', '居民导入模板.xlsx'));
        return reply.send(data);
      },
    );

    api.post(
      '/persons/import',
      { schema: { tags, consumes: ['multipart/form-data'] }, config: { access: 'registry:write' } },
      async (req, reply) => {
        const actor = actorOf(req);
        if (!req.isMultipart())
          throw badUpload('请以 multipart/form-data 上传 .xlsx 文件', 'upload the .xlsx as multipart/form-data');
        const file = await req.file();
        if (!file) throw badUpload('未收到文件', 'no file received');
        if (!/\.xlsx$/i.test(file.filename))
          throw badUpload('只支持 .xlsx 文件(请用导入模板)', 'only .xlsx files (use the template)');
        const fileId = randomUUID();
        await saveExcelFile('upload', fileId, file.file);
        if (file.file.truncated) {
          await removeExcelFile('upload', fileId);
          throw new AppError('request.too_large', '文件超过 50 MB', 'the file is larger than 50 MB');
        }
        const jobId = await platform.jobs.enqueue(
          PERSON_IMPORT_JOB,
          { actorId: actor.id, fileId, fileName: file.filename },
          actor.id,
        );
        reply.code(202);
        return { jobId };
      },
    );

    api.post(
      '/persons/export',
      {
        // No idNumber filter: the filters are kept in job_run.params, where a full ID number must not be stored.
        schema: { body: PersonQuery.omit({ page: true, pageSize: true, idNumber: true }), tags },
        config: { access: 'registry:export' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const jobId = await platform.jobs.enqueue(
          PERSON_EXPORT_JOB,
          { actorId: actor.id, filters: req.body },
          actor.id,
        );
        reply.code(202);
        return { jobId };
      },
    );

    api.get(
      '/persons/export/:jobId/file',
      { schema: { params: z.strictObject({ jobId: z.uuid() }), tags }, config: { access: 'registry:export' } },
      async (req, reply) => {
        const run = await findOwnExcelJob(platform, actorOf(req), req.params.jobId);
        if (!run || run.name !== PERSON_EXPORT_JOB || run.status !== 'succeeded')
          throw notFound('export file', '导出文件');
        if (!(await excelFileExists('export', run.id))) throw notFound('export file', '导出文件(已过期)');
        reply.header('content-type', XLSX).header('content-disposition', attachment('persons.xlsx', '居民名单.xlsx'));
        return reply.send(openExcelFile('export', run.id));
      },
    );
  });
}
