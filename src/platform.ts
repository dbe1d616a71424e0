import { verifyAuditChain } from './core/audit/audit.repository.ts';
import { AuthService } from './core/auth/auth.service.ts';
import { ResidentService, type SmsSender } from './core/auth/resident.service.ts';
import { EventBus } from './core/events/event-bus.ts';
import { JobService } from './core/jobs/job-service.ts';
import { HouseholdService } from './core/registry/household.service.ts';
import { householdChangeWorkflow } from './core/registry/household-change.workflow.ts';
import { RegistryService } from './core/registry/registry.service.ts';
import { createFieldCipher, type FieldCipher } from './core/shared/crypto.ts';
import { WorkflowService } from './core/workflow/workflow.service.ts';
import type { Database } from './db/database.ts';

export interface PlatformOptions {
  encKey: Buffer;
  indexKey: Buffer;
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
  sms?: SmsSender;
  today?: () => string;
}

/** The wired core services on one database; business-line modules register their workflows, jobs and events here. */
export interface Platform {
  db: Database;
  cipher: FieldCipher;
  auth: AuthService;
  residents: ResidentService;
  registry: RegistryService;
  households: HouseholdService;
  workflow: WorkflowService;
  events: EventBus;
  jobs: JobService;
}

export function createPlatform(db: Database, options: PlatformOptions): Platform {
  const cipher = createFieldCipher(options.encKey, options.indexKey);
  const settings = { idleMinutes: options.sessionIdleMinutes ?? 30, absoluteHours: options.sessionAbsoluteHours ?? 12 };
  const events = new EventBus(db);
  const jobs = new JobService(db);
  const workflow = new WorkflowService(db, options.today);
  workflow.register(householdChangeWorkflow);
  jobs.define({
    name: 'audit.verify',
    titleZh: '审计日志哈希链校验',
    titleEn: 'Verify the audit hash chain',
    cron: '30 2 * * *',
    handler: async (ctx) => {
      const r = await verifyAuditChain(db, (n) => void ctx.progress(n));
      if (!r.ok) throw new Error(`audit chain broken at row ${r.firstBadId}`);
      return { checked: r.checked };
    },
  });
  jobs.define({
    name: 'events.dispatch',
    titleZh: '投递待处理的领域事件',
    titleEn: 'Deliver pending domain events',
    handler: async (ctx) => {
      let total = 0;
      for (;;) {
        const n = await events.dispatchPending();
        total += n;
        await ctx.progress(total);
        if (n === 0) break;
      }
      return { dispatched: total };
    },
  });
  return {
    db,
    cipher,
    auth: new AuthService(db, settings),
    residents: new ResidentService(db, cipher, settings, options.sms),
    registry: new RegistryService(db, cipher),
    households: new HouseholdService(db),
    workflow,
    events,
    jobs,
  };
}
