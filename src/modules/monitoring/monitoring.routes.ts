import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import {
  CloseInput,
  DiscoveryInput,
  FlagInput,
  FlagQuery,
  NoteInput,
  RuleUpdateInput,
  WarningExportQuery,
  WarningQuery,
} from './monitoring.schema.ts';

const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });
const CodeParam = z.strictObject({ code: z.string().regex(/^[a-z_]{2,40}$/, '未知的预警规则 / unknown rule') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 动态监测: warnings, discovery tasks, visits, rules, charts and export; every read scoped in the repository. */
export function registerMonitoringRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];
  const { service, flags } = platform.monitoring;

  api.get(
    '/monitoring/warnings',
    {
      schema: { querystring: WarningQuery, tags, summary: '预警与主动发现任务 Warnings and tasks' },
      config: { access: 'case:read' },
    },
    (req) => service.listWarnings(actorOf(req), req.query),
  );

  api.get(
    '/monitoring/warnings/export',
    {
      schema: { querystring: WarningExportQuery, tags, summary: '导出预警清单 Export warnings (.xlsx)' },
      config: { access: 'case:read' },
    },
    async (req, reply) => {
      const data = await service.exportWarnings(actorOf(req), req.query);
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="warnings.xlsx"; filename*=UTF-8''${encodeURIComponent('预警清单.xlsx')}`,
        );
      return data;
    },
  );

  api.get(
    '/monitoring/warnings/:id',
    {
      schema: { params: IdParam, tags, summary: '预警详情与证据 Warning with evidence' },
      config: { access: 'case:read' },
    },
    (req) => service.getWarning(actorOf(req), req.params.id),
  );

  api.post(
    '/monitoring/warnings/:id/notes',
    {
      schema: { params: IdParam, body: NoteInput, tags, summary: '记录走访或备注 Record a visit or note' },
      config: { access: 'case:act' },
    },
    async (req, reply) => {
      const warning = await service.addNote(actorOf(req), req.params.id, req.body);
      reply.code(201);
      return warning;
    },
  );

  api.post(
    '/monitoring/warnings/:id/close',
    {
      schema: { params: IdParam, body: CloseInput, tags, summary: '办结:走访、启动救助或排除 Close with an outcome' },
      config: { access: 'case:act' },
    },
    (req) => service.close(actorOf(req), req.params.id, req.body),
  );

  api.get(
    '/monitoring/visits/today',
    { schema: { tags, summary: '今日走访 Visits for today' }, config: { access: 'case:read' } },
    (req) => service.visitsToday(actorOf(req)),
  );

  api.get(
    '/monitoring/stats',
    { schema: { tags, summary: '按规则统计与办结用时 Counts and time to close' }, config: { access: 'case:read' } },
    (req) => service.stats(actorOf(req)),
  );

  api.get(
    '/monitoring/rules',
    { schema: { tags, summary: '预警规则 Warning rules' }, config: { access: 'case:read' } },
    (req) => service.listRules(actorOf(req)),
  );

  api.put(
    '/monitoring/rules/:code',
    {
      schema: { params: CodeParam, body: RuleUpdateInput, tags, summary: '修改预警规则 Change a rule' },
      config: { access: 'admin:settings' },
    },
    (req) => service.updateRule(actorOf(req), req.params.code, req.body),
  );

  api.post(
    '/monitoring/discovery',
    {
      schema: { body: DiscoveryInput, tags, summary: '在辖区内运行主动发现 Run proactive discovery in scope' },
      config: { access: 'case:act' },
    },
    (req) => service.runDiscovery(actorOf(req), req.body.regionCode),
  );

  api.post(
    '/monitoring/evaluate',
    { schema: { tags, summary: '立即评估全部预警规则 Evaluate every rule now' }, config: { access: 'jobs:run' } },
    (req) => service.runEvaluation(actorOf(req)),
  );

  api.get(
    '/monitoring/flags',
    {
      schema: { querystring: FlagQuery, tags, summary: '返贫风险监测标记 People flagged at risk' },
      config: { access: 'case:read' },
    },
    (req) => flags.list(actorOf(req), req.query),
  );

  api.post(
    '/monitoring/flags',
    { schema: { body: FlagInput, tags, summary: '纳入监测 Flag a person at risk' }, config: { access: 'case:act' } },
    async (req, reply) => {
      const result = await flags.flag(actorOf(req), req.body);
      reply.code(result.added ? 201 : 200);
      return result;
    },
  );

  api.delete(
    '/monitoring/flags/:id',
    { schema: { params: IdParam, tags, summary: '取消监测标记 Remove the flag' }, config: { access: 'case:act' } },
    async (req, reply) => {
      await flags.unflag(actorOf(req), req.params.id);
      reply.code(204);
    },
  );
}
