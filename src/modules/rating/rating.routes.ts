import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { PortalRatingInput, RatingInput, RatingStatsQuery } from './rating.schema.ts';

const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });

/** 好差评: residents rate in the portal, window clerks on their behalf; supervisors read the statistics. */
export function registerRatingRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rating'];
  const ratings = platform.ratings;

  api.get(
    '/portal/ratings',
    {
      schema: { tags, summary: '我的已办结办件及评价 My closed cases and their ratings' },
      config: { access: 'resident' },
    },
    (req) => ratings.listForResident(actorOf(req)),
  );

  api.post(
    '/portal/ratings',
    {
      schema: { body: PortalRatingInput, tags, summary: '评价已办结的办件 Rate a closed case' },
      config: { access: 'resident' },
    },
    async (req, reply) => {
      const { caseId, ...input } = req.body;
      const rating = await ratings.rateAsResident(actorOf(req), caseId, input);
      reply.code(201);
      return rating;
    },
  );

  api.post(
    '/cases/:id/rating',
    {
      schema: { params: IdParam, body: RatingInput, tags, summary: '窗口代评 Record a rating at the window' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const rating = await ratings.rateAtWindow(actorOf(req), req.params.id, req.body);
      reply.code(201);
      return rating;
    },
  );

  api.get(
    '/ratings/stats',
    {
      schema: { querystring: RatingStatsQuery, tags, summary: '按机构和等级统计 Ratings per organisation and grade' },
      config: { access: 'case:read' },
    },
    (req) => ratings.stats(actorOf(req), req.query),
  );
}
