import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { JobRunRow } from '../jobs/job-service.ts';
import { notFound } from '../shared/errors.ts';

/** Job names whose runs their owners may follow here (Excel imports and exports). */
const EXCEL_JOBS = new Set(['persons.import', 'persons.export']);

type OwnRun = JobRunRow & { created_by: string | null; result: unknown };

/** An Excel job run started by this user; undefined for anyone else's (they look the same as missing). */
export async function findOwnExcelJob(platform: Platform, actor: Actor, id: string): Promise<OwnRun | undefined> {
  const run = (await platform.jobs.get(id)) as OwnRun | undefined;
  if (!run || run.created_by !== actor.id || !EXCEL_JOBS.has(run.name)) return undefined;
  return run;
}

/**
 * Progress and result of one's own Excel jobs, for users without jobs:read (a township clerk importing residents):
 * status, rows done / total, and the import report (counts and line numbers, never cell values).
 */
export function registerExcelJobRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/excel/jobs/:id',
    { schema: { params: z.strictObject({ id: z.uuid() }), tags: ['jobs'] }, config: { access: 'staff' } },
    async (req) => {
      const run = await findOwnExcelJob(platform, actorOf(req), req.params.id);
      if (!run) throw notFound('job', '任务');
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
}
