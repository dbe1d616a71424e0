import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { maskIdNumber } from '../shared/masking.ts';
import { exportPersonsXlsx } from './person-export.ts';
import {
  HouseholdCreate,
  HouseholdQuery,
  MemberAdd,
  MemberLeave,
  PersonCreate,
  PersonQuery,
  PersonUpdate,
  RevealRequest,
} from './registry.schema.ts';

const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });

export function registerRegistryRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];
  const reg = platform.registry;

  api.get('/persons', { schema: { querystring: PersonQuery, tags }, config: { access: 'registry:read' } }, (req) =>
    reg.searchPersons(actorOf(req), req.query),
  );

  api.get(
    '/persons/export.xlsx',
    {
      schema: { querystring: PersonQuery.omit({ page: true, pageSize: true }), tags },
      config: { access: 'registry:export' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const buffer = await exportPersonsXlsx(reg, actor, req.query);
      await platform.db.transaction((tx) =>
        recordAudit(tx, actor, {
          action: 'person.export',
          entityType: 'person',
          regionCode: req.query.regionCode ?? actor.regionScope,
          detail: {
            filters: { ...req.query, idNumber: req.query.idNumber ? maskIdNumber(req.query.idNumber) : undefined },
            rows: buffer.rows,
          },
        }),
      );
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="persons.xlsx"; filename*=UTF-8''${encodeURIComponent('居民名单.xlsx')}`,
        );
      return reply.send(buffer.data);
    },
  );

  api.get('/persons/:id', { schema: { params: IdParam, tags }, config: { access: 'registry:read' } }, (req) =>
    reg.getPerson(actorOf(req), req.params.id),
  );

  api.post(
    '/persons/:id/reveal',
    { schema: { params: IdParam, body: RevealRequest, tags }, config: { access: 'registry:reveal' } },
    (req) => reg.revealPerson(actorOf(req), req.params.id, req.body.reason),
  );

  api.post(
    '/persons',
    { schema: { body: PersonCreate, tags }, config: { access: 'registry:write' } },
    async (req, reply) => {
      reply.code(201);
      return reg.createPerson(actorOf(req), req.body);
    },
  );

  api.patch(
    '/persons/:id',
    { schema: { params: IdParam, body: PersonUpdate, tags }, config: { access: 'registry:write' } },
    (req) => reg.updatePerson(actorOf(req), req.params.id, req.body),
  );

  api.get(
    '/households',
    { schema: { querystring: HouseholdQuery, tags }, config: { access: 'registry:read' } },
    (req) => platform.households.searchHouseholds(actorOf(req), req.query),
  );

  api.get('/households/:id', { schema: { params: IdParam, tags }, config: { access: 'registry:read' } }, (req) =>
    platform.households.getHousehold(actorOf(req), req.params.id),
  );

  api.post(
    '/households',
    { schema: { body: HouseholdCreate, tags }, config: { access: 'registry:write' } },
    async (req, reply) => {
      reply.code(201);
      return platform.households.createHousehold(actorOf(req), req.body);
    },
  );

  api.post(
    '/households/:id/members',
    { schema: { params: IdParam, body: MemberAdd, tags }, config: { access: 'registry:write' } },
    (req) => platform.households.addMember(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/households/:id/members/:personId/leave',
    {
      schema: { params: z.strictObject({ id: z.uuid(), personId: z.uuid() }), body: MemberLeave, tags },
      config: { access: 'registry:write' },
    },
    (req) => platform.households.removeMember(actorOf(req), req.params.id, req.params.personId, req.body.validTo),
  );
}
