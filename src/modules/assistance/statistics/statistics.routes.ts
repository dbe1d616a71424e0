import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../server/access.ts';
import { StatisticsExportQuery, StatisticsQuery } from './statistics.schema.ts';
import type { AssistanceStatisticsService } from './statistics.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 社会救助统计: anyone who reads assistance cases, within their jurisdiction (counts and exports included). */
export function registerAssistanceStatisticsRoutes(
  app: FastifyInstance,
  statistics: AssistanceStatisticsService,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance'];

  api.get(
    '/assistance/statistics',
    {
      schema: {
        querystring: StatisticsQuery,
        tags,
        summary: '救助统计:按月、区划、类别,办理时长,超期申请 Assistance statistics by month, region, programme',
      },
      config: { access: 'case:read' },
    },
    (req) => statistics.overview(actorOf(req), req.query),
  );

  api.get(
    '/assistance/statistics/summary',
    {
      schema: { tags, summary: '工作台卡片:本月在保户数、人数、金额与超期申请 Workbench card figures' },
      config: { access: 'case:read' },
    },
    (req) => statistics.summary(actorOf(req)),
  );

  api.get(
    '/assistance/statistics/export',
    {
      schema: { querystring: StatisticsExportQuery, tags, summary: '导出统计表(Excel,留痕) Export one table as .xlsx' },
      config: { access: 'case:read' },
    },
    async (req, reply) => {
      const file = await statistics.exportTable(actorOf(req), req.query);
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="assistance-statistics.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        );
      return reply.send(file.data);
    },
  );
}
