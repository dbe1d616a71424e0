import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';

const RegionCode = z
  .string()
  .regex(
    /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/,
    '区划代码应为2/4/6/9/12位数字 / region code must have 2, 4, 6, 9 or 12 digits',
  );
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
const Key = z.string().regex(/^[A-Za-z]{1,60}$/, '参数名无效 / invalid parameter key');

export const PolicyListQuery = z.strictObject({ regionCode: RegionCode.optional(), date: IsoDate.optional() });
export const PolicyHistoryQuery = z.strictObject({ regionCode: RegionCode.optional() });
export const PolicyValueInput = z.strictObject({
  key: Key,
  regionCode: RegionCode,
  effectiveFrom: IsoDate,
  value: z.unknown().refine((v) => v !== undefined, '请填写参数值 / a value is required'),
  source: z
    .string('请填写依据或理由 / a source or reason is required')
    .trim()
    .min(2, '请填写依据或理由(文号或调整原因) / give the source or reason (document number or why)')
    .max(500, '不超过500字 / at most 500 characters'),
});
export const WithdrawInput = z.strictObject({
  reason: z
    .string('请填写撤回理由 / a reason is required')
    .trim()
    .min(2, '请填写撤回理由 / give the reason for withdrawing')
    .max(500, '不超过500字 / at most 500 characters'),
});

/** Social-assistance policy parameters: everyone on the assistance line reads; 'policy:edit' adds and withdraws. */
export function registerPolicyRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['policy'];
  const admin = platform.policy.admin;

  api.get(
    '/policy/assistance/parameters',
    {
      schema: { querystring: PolicyListQuery, tags, summary: '救助政策参数现行值 Parameters in force for a region' },
      config: { access: 'staff' },
    },
    (req) => admin.list(actorOf(req), req.query),
  );

  api.get(
    '/policy/assistance/parameters/:key/history',
    {
      schema: {
        params: z.strictObject({ key: Key }),
        querystring: PolicyHistoryQuery,
        tags,
        summary: '参数历史 History of one parameter',
      },
      config: { access: 'staff' },
    },
    (req) => admin.history(actorOf(req), req.params.key, req.query),
  );

  api.post(
    '/policy/assistance/parameters',
    {
      schema: { body: PolicyValueInput, tags, summary: '新增参数值 Add a value from a date' },
      config: { access: 'policy:edit' },
    },
    async (req, reply) => {
      const created = await admin.add(actorOf(req), req.body);
      reply.code(201);
      return created;
    },
  );

  api.post(
    '/policy/assistance/parameters/:id/withdraw',
    {
      schema: {
        params: z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') }),
        body: WithdrawInput,
        tags,
        summary: '撤回未生效的参数值 Withdraw a value not yet in force',
      },
      config: { access: 'policy:edit' },
    },
    (req) => admin.withdraw(actorOf(req), req.params.id, req.body.reason),
  );
}
