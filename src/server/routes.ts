import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from '../core/audit/audit.routes.ts';
import { registerAdminRoutes } from '../core/auth/admin.routes.ts';
import { registerAuthRoutes } from '../core/auth/auth.routes.ts';
import { registerPortalRoutes } from '../core/auth/portal.routes.ts';
import { registerJobRoutes } from '../core/jobs/jobs.routes.ts';
import { registerRegionRoutes } from '../core/region/region.routes.ts';
import { registerRegistryRoutes } from '../core/registry/registry.routes.ts';
import { registerWorkflowRoutes } from '../core/workflow/workflow.routes.ts';
import type { Platform } from '../platform.ts';

/** All /api/v1 routes: core first; business-line modules add theirs here. */
export async function registerRoutes(api: FastifyInstance, platform: Platform): Promise<void> {
  registerAuthRoutes(api, platform);
  registerPortalRoutes(api, platform);
  registerRegionRoutes(api);
  registerRegistryRoutes(api, platform);
  registerWorkflowRoutes(api, platform);
  registerAdminRoutes(api, platform);
  registerAuditRoutes(api, platform);
  registerJobRoutes(api, platform);
}
