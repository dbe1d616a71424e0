import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform.ts';
import { actorOf } from '../../../server/access.ts';
import { DataCheckInput, FindingInput, ResolveFindingInput, VisitInput } from './verification.schema.ts';

const CaseParam = z.strictObject({ caseId: z.uuid('应为有效的办件ID / must be a case id') });
const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });

/** 调查核实: visits (two investigators), neighbour interviews, data checks, findings and their resolution. */
export function registerVerificationRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance'];
  const v = platform.assistance.verification;

  api.post(
    '/assistance/applications/:caseId/visits',
    {
      schema: { params: CaseParam, body: VisitInput, tags, summary: '记录入户调查/邻里走访 Record a visit' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const visit = await v.recordVisit(actorOf(req), req.params.caseId, req.body);
      reply.code(201);
      return visit;
    },
  );

  api.post(
    '/assistance/visits/:id/sign',
    {
      schema: {
        params: IdParam,
        body: z.strictObject({}).optional(),
        tags,
        summary: '第二调查人签字确认 Second investigator signs',
      },
      config: { access: 'case:act' },
    },
    (req) => v.signVisit(actorOf(req), req.params.id),
  );

  api.post(
    '/assistance/applications/:caseId/data-checks',
    {
      schema: { params: CaseParam, body: DataCheckInput, tags, summary: '录入部门核对结果 Record a data check result' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const result = await v.dataCheck(actorOf(req), req.params.caseId, req.body);
      reply.code(201);
      return result;
    },
  );

  api.post(
    '/assistance/applications/:caseId/findings',
    {
      schema: { params: CaseParam, body: FindingInput, tags, summary: '记录核查差异 Record a finding' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const finding = await v.recordFinding(actorOf(req), req.params.caseId, req.body);
      reply.code(201);
      return finding;
    },
  );

  api.post(
    '/assistance/findings/:id/resolve',
    {
      schema: { params: IdParam, body: ResolveFindingInput, tags, summary: '处理核查差异 Resolve a finding' },
      config: { access: 'case:act' },
    },
    (req) => v.resolve(actorOf(req), req.params.id, req.body),
  );
}
