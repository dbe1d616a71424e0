import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform.ts';
import { actorOf } from '../../../server/access.ts';
import { SimulationInput } from './simulation.schema.ts';
import { SimulationService } from './simulation.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 政策模拟: read-only what-if over the caller's jurisdiction; anyone who reads assistance cases. */
export function registerSimulationRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance'];
  const simulations = new SimulationService(platform.db, platform.policy);

  api.post(
    '/assistance/simulations',
    {
      schema: {
        body: SimulationInput,
        tags,
        summary: '政策模拟:标准调整后的新增、退出户数和月支出变化 What if the standard changed',
      },
      config: { access: 'case:read' },
    },
    (req) => simulations.run(actorOf(req), req.body),
  );

  api.post(
    '/assistance/simulations/export',
    {
      schema: { body: SimulationInput, tags, summary: '导出按乡镇的模拟结果(Excel,留痕) Export per township' },
      config: { access: 'case:read' },
    },
    async (req, reply) => {
      const file = await simulations.exportTownships(actorOf(req), req.body);
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="policy-simulation.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        );
      return reply.send(file.data);
    },
  );
}
