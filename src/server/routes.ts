import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from '../core/audit/audit.routes.ts';
import { registerAdminRoutes } from '../core/auth/admin.routes.ts';
import { registerAuthRoutes } from '../core/auth/auth.routes.ts';
import { registerPortalRoutes } from '../core/auth/portal.routes.ts';
import { registerSecurityRoutes } from '../core/auth/security.routes.ts';
import { registerSsoRoutes } from '../core/auth/sso.routes.ts';
import { registerDictionaryRoutes } from '../core/dictionary/dictionary.routes.ts';
import { initDictionaries } from '../core/dictionary/dictionary.service.ts';
import { registerExcelJobRoutes } from '../core/excel/excel-job.routes.ts';
import { registerExchangeRoutes, seedExchangeCatalogue } from '../core/exchange/index.ts';
import { registerJobRoutes } from '../core/jobs/jobs.routes.ts';
import { registerMessagingRoutes } from '../core/messaging/messaging.routes.ts';
import { registerRegionRoutes } from '../core/region/region.routes.ts';
import { registerPersonExcelRoutes } from '../core/registry/person-excel.routes.ts';
import { registerRegistryRoutes } from '../core/registry/registry.routes.ts';
import { registerPolicyRoutes } from '../core/rules/policy.routes.ts';
import { registerWorkflowRoutes } from '../core/workflow/workflow.routes.ts';
import { registerAssistanceApplicationRoutes } from '../modules/assistance/application/index.ts';
import { registerEnrollmentRoutes } from '../modules/assistance/enrollment/enrollment.routes.ts';
import { registerPayrollRoutes } from '../modules/assistance/payroll/payroll.routes.ts';
import { registerAssistanceNoticeAndPortalRoutes } from '../modules/assistance/portal/index.ts';
import { registerSimulationRoutes } from '../modules/assistance/simulation/simulation.routes.ts';
import { registerAssistanceStatisticsRoutes } from '../modules/assistance/statistics/index.ts';
import { registerMonitoringRoutes } from '../modules/monitoring/index.ts';
import { registerRatingRoutes } from '../modules/rating/index.ts';
import type { Platform } from '../platform.ts';

/** All /api/v1 routes: core first; business-line modules add theirs here. */
export async function registerRoutes(api: FastifyInstance, platform: Platform): Promise<void> {
  registerAuthRoutes(api, platform);
  registerPortalRoutes(api, platform);
  registerRegionRoutes(api);
  registerRegistryRoutes(api, platform);
  registerWorkflowRoutes(api, platform);
  registerAdminRoutes(api, platform);
  registerSecurityRoutes(api, platform);
  registerAuditRoutes(api, platform);
  registerJobRoutes(api, platform);
  // National code sets upserted and the dictionary cache loaded before any request validates against it.
  await initDictionaries(platform.db);
  // Shipped policy parameter defaults (重庆/武隆) stored once; rows an administrator added or withdrew are kept.
  await platform.policy.seedDefaults();
  // Department data exchange catalogue (13 departments, 36 categories) stored once; administrators' edits are kept.
  await seedExchangeCatalogue(platform.db);
  // Monitoring warning rules stored once; administrators' edits are kept.
  await platform.monitoring.service.seedRules();
  registerDictionaryRoutes(api, platform);
  await registerPersonExcelRoutes(api, platform);
  registerExcelJobRoutes(api, platform);
  registerMessagingRoutes(api, platform);
  registerSsoRoutes(api, platform);
  registerRatingRoutes(api, platform);
  await registerExchangeRoutes(api, platform);
  await registerAssistanceApplicationRoutes(api, platform);
  await registerAssistanceNoticeAndPortalRoutes(api, platform);
  registerEnrollmentRoutes(api, platform);
  await registerPayrollRoutes(api, platform);
  registerPolicyRoutes(api, platform);
  registerSimulationRoutes(api, platform);
  registerAssistanceStatisticsRoutes(api, platform.assistanceStatistics);
  registerMonitoringRoutes(api, platform);
}
