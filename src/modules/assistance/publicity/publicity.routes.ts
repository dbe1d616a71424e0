import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform.ts';
import { actorOf } from '../../../server/access.ts';
import {
  PublicityQuery,
  PublicObjectionInput,
  ResolveObjectionInput,
  StaffObjectionInput,
} from './publicity.schema.ts';

const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });

/** 公示: the public village page (no login, rate limited), objections and their resolution. */
export function registerPublicityRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance'];
  const p = platform.assistance.publicity;

  api.get(
    '/public/publicity',
    {
      schema: { querystring: PublicityQuery, tags, summary: '村(社区)公示名单(无需登录) Public notices of a village' },
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    (req) => p.listPublic(req.query.village),
  );

  api.post(
    '/public/publicity/:id/objections',
    {
      schema: { params: IdParam, body: PublicObjectionInput, tags, summary: '对公示提出异议 Object to a notice' },
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const objection = await p.objectAsPublic(req.params.id, req.body, req.ip);
      reply.code(201);
      return objection;
    },
  );

  api.post(
    '/assistance/publicity/:id/objections',
    {
      schema: { params: IdParam, body: StaffObjectionInput, tags, summary: '登记公示异议 Record an objection' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const objection = await p.objectAsStaff(actorOf(req), req.params.id, req.body);
      reply.code(201);
      return objection;
    },
  );

  api.post(
    '/assistance/objections/:id/resolve',
    {
      schema: { params: IdParam, body: ResolveObjectionInput, tags, summary: '处理公示异议 Resolve an objection' },
      config: { access: 'case:act' },
    },
    (req) => p.resolve(actorOf(req), req.params.id, req.body),
  );
}
