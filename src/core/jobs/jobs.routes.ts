import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { AppError } from '../shared/errors.ts';

export function registerJobRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  api.get(
    '/jobs',
    {
      schema: {
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        tags,
      },
      config: { access: 'jobs:read' },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      const { total, rows } = await platform.jobs.listRuns(page, pageSize);
      const titles = new Map(platform.jobs.list().map((d) => [d.name, d.titleZh]));
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          title: titles.get(String(r.name)) ?? r.name,
          status: r.status,
          progress: r.progress,
          total: r.total,
          message: r.message,
          error: r.error,
          result: r.result,
          createdAt: r.created_at,
          startedAt: r.started_at,
          finishedAt: r.finished_at,
        })),
      };
    },
  );
  api.get('/jobs/definitions', { schema: { tags }, config: { access: 'jobs:read' } }, () =>
    platform.jobs.list().map((d) => ({ name: d.name, titleZh: d.titleZh, titleEn: d.titleEn, cron: d.cron ?? null })),
  );
  api.post(
    '/jobs/run',
    { schema: { body: z.strictObject({ name: z.string().min(1).max(100) }), tags }, config: { access: 'jobs:run' } },
    async (req, reply) => {
      if (!platform.jobs.list().some((d) => d.name === req.body.name)) {
        throw new AppError('request.invalid', '未知的任务', 'unknown job', [
          { field: 'name', message_zh: '未知的任务', message_en: 'unknown job' },
        ]);
      }
      const id = await platform.jobs.enqueue(req.body.name, {}, actorOf(req).id);
      reply.code(202);
      return platform.jobs.get(id);
    },
  );
}
