import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../core/auth/actor.ts';
import type { WorkflowService } from '../../../core/workflow/workflow.service.ts';
import type { Database } from '../../../db/database.ts';
import type { Platform } from '../../../platform.ts';
import { registerPublicityRoutes } from '../publicity/publicity.routes.ts';
import { PublicityService } from '../publicity/publicity.service.ts';
import { registerVerificationRoutes } from '../verification/verification.routes.ts';
import { VerificationService } from '../verification/verification.service.ts';
import { registerApplicationRoutes } from './application.routes.ts';
import type { EmergencyInput } from './application.schema.ts';
import { ApplicationService } from './application.service.ts';
import {
  type ApplicationWorkflowDeps,
  type ApplicationWorkflowOptions,
  assistanceApplicationWorkflow,
  DEFAULT_APPLICATION_OPTIONS,
} from './application.workflow.ts';
import { emergencyWorkflow, grantEmergency } from './emergency.ts';
import { TransferService } from './transfer.service.ts';

export { recordDataCheck } from '../verification/verification.service.ts';
export { ApplicationService } from './application.service.ts';

export interface AssistanceApplications {
  applications: ApplicationService;
  verification: VerificationService;
  publicity: PublicityService;
  transfers: TransferService;
  emergency: (actor: Actor, input: EmergencyInput) => ReturnType<typeof grantEmergency>;
}

/**
 * Wires 社会救助申请 into the platform: the 'assistance.application' and 'assistance.emergency' workflows and the
 * services behind the routes. `options.publicityDays` (公示, calendar days) defaults to 7, or HUIMIN_PUBLICITY_DAYS.
 */
export function createAssistanceApplications(
  deps: ApplicationWorkflowDeps & { db: Database; workflow: WorkflowService; today: () => string },
  options: Partial<ApplicationWorkflowOptions> = {},
): AssistanceApplications {
  const envDays = Number(process.env.HUIMIN_PUBLICITY_DAYS);
  const resolved: ApplicationWorkflowOptions = {
    ...DEFAULT_APPLICATION_OPTIONS,
    ...(Number.isInteger(envDays) && envDays > 0 ? { publicityDays: envDays } : {}),
    ...options,
  };
  deps.workflow.register(assistanceApplicationWorkflow(deps, resolved));
  deps.workflow.register(emergencyWorkflow());
  const verification = new VerificationService(deps.db);
  const publicity = new PublicityService(deps);
  return {
    applications: new ApplicationService({ ...deps, verification, publicity }),
    verification,
    publicity,
    transfers: new TransferService(deps.db),
    emergency: (actor, input) => grantEmergency(deps, actor, input),
  };
}

/** Routes of applications, verification and 公示. */
export async function registerAssistanceApplicationRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  await registerApplicationRoutes(app, platform);
  registerVerificationRoutes(app, platform);
  registerPublicityRoutes(app, platform);
}
