import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { VillageCode } from '../registry/registry.schema.ts';

const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });

export function registerWorkflowRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workflow'];
  const wf = platform.workflow;

  api.get(
    '/tasks',
    {
      schema: {
        querystring: z.strictObject({
          scope: z.enum(['mine', 'claimable', 'all']).default('mine'),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        tags,
      },
      config: { access: 'case:read' },
    },
    (req) => wf.tasks(actorOf(req), req.query.scope, req.query.page, req.query.pageSize),
  );

  api.get('/cases/:id', { schema: { params: IdParam, tags }, config: { access: 'case:read' } }, (req) =>
    wf.get(actorOf(req), req.params.id),
  );

  api.post(
    '/cases',
    {
      schema: {
        body: z.strictObject({
          workflow: z.string().min(1).max(100),
          regionCode: VillageCode,
          title: z.string().trim().min(2).max(200),
          subjectType: z.string().max(50).optional(),
          subjectId: z.uuid().optional(),
          data: z.record(z.string(), z.unknown()).default({}),
        }),
        tags,
      },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const created = await wf.open(actorOf(req), req.body);
      reply.code(201);
      return wf.get(actorOf(req), created.id);
    },
  );

  api.post(
    '/cases/:id/claim',
    {
      schema: { params: IdParam, body: z.strictObject({ version: z.number().int().positive() }), tags },
      config: { access: 'case:act' },
    },
    (req) => wf.claim(actorOf(req), req.params.id, req.body.version),
  );

  const ActionBody = z.strictObject({
    version: z.number().int().positive(),
    comment: z.string().max(2000).optional(),
    input: z.record(z.string(), z.unknown()).optional(),
  });

  // 催办 needs only case:read (a bureau leader may hurry a case along); every other action needs case:act.
  // A static segment wins over the :action parameter in Fastify's router, so this guard applies to remind alone.
  api.post(
    '/cases/:id/actions/remind',
    { schema: { params: IdParam, body: ActionBody, tags }, config: { access: 'case:read' } },
    (req) => wf.act(actorOf(req), req.params.id, 'remind', req.body),
  );

  api.get(
    '/cases/:id/candidates',
    {
      schema: {
        params: IdParam,
        querystring: z.strictObject({ role: z.string().min(1).max(50) }),
        tags,
      },
      config: { access: 'case:act' },
    },
    (req) => wf.candidates(actorOf(req), req.params.id, req.query.role),
  );

  api.post(
    '/cases/:id/actions/:action',
    {
      schema: {
        params: z.strictObject({ id: z.uuid(), action: z.string().regex(/^[a-z_]{1,50}$/) }),
        body: ActionBody,
        tags,
      },
      config: { access: 'case:act' },
    },
    (req) => wf.act(actorOf(req), req.params.id, req.params.action, req.body),
  );
}
