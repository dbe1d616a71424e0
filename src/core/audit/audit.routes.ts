import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { searchAudit } from './audit.repository.ts';
import { verifyAuditChain } from './audit-seal.ts';

export function registerAuditRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  api.get(
    '/audit',
    {
      schema: {
        querystring: z.strictObject({
          actor: z.string().trim().max(50).optional(),
          action: z.string().trim().max(80).optional(),
          entityType: z.string().trim().max(50).optional(),
          entityId: z.string().trim().max(80).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        tags,
      },
      config: { access: 'audit:read' },
    },
    (req) => searchAudit(platform.db, actorOf(req), req.query),
  );
  api.post('/audit/verify', { schema: { tags }, config: { access: 'audit:read' } }, () =>
    verifyAuditChain(platform.db),
  );
}
