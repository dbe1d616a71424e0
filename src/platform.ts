import { auditRetentionFromEnv, defineAuditRetentionJob, parseRetentionDays } from './core/audit/audit-retention.ts';
import { verifyAuditChain } from './core/audit/audit-seal.ts';
import { systemActor } from './core/auth/actor.ts';
import { AuthService } from './core/auth/auth.service.ts';
import type { AuthPolicy } from './core/auth/auth-policy.ts';
import { builtInIdentityProvider, type IdentityProvider, SsoService } from './core/auth/identity-provider.ts';
import { ResidentService, type SmsSender } from './core/auth/resident.service.ts';
import { EventBus } from './core/events/event-bus.ts';
import { defineExchangeJobs } from './core/exchange/exchange.jobs.ts';
import { ExchangeService } from './core/exchange/exchange.service.ts';
import { JobService } from './core/jobs/job-service.ts';
import {
  createMessaging,
  type MessagesService,
  type NoticesService,
  type SettingsService,
} from './core/messaging/index.ts';
import { HouseholdService } from './core/registry/household.service.ts';
import { householdChangeWorkflow } from './core/registry/household-change.workflow.ts';
import { householdMergeWorkflow } from './core/registry/household-merge.workflow.ts';
import { definePersonExcelJobs } from './core/registry/person-excel.jobs.ts';
import { RegistryService } from './core/registry/registry.service.ts';
import { PolicyService } from './core/rules/policy.service.ts';
import { createFieldCipher, type FieldCipher } from './core/shared/crypto.ts';
import { WorkflowService } from './core/workflow/workflow.service.ts';
import { todayInChina } from './core/workflow/working-days.ts';
import type { Database } from './db/database.ts';
import { type AssistanceApplications, createAssistanceApplications } from './modules/assistance/application/index.ts';
import { enrollApproved } from './modules/assistance/enrollment/enroll-approved.ts';
import { createAssistanceEnrollment, type EnrollmentService } from './modules/assistance/enrollment/index.ts';
import type { PayrollService } from './modules/assistance/payroll/payroll.service.ts';
import { type AssistanceStatisticsService, createAssistanceStatistics } from './modules/assistance/statistics/index.ts';
import { createMonitoring, type Monitoring, wireTemporaryAssistance } from './modules/monitoring/index.ts';
import { createRatings, type RatingService } from './modules/rating/index.ts';

export interface PlatformOptions {
  encKey: Buffer;
  indexKey: Buffer;
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
  sms?: SmsSender;
  today?: () => string;
  /** Password age, administrators' TOTP, request limits; unset fields come from the environment (auth-policy.ts). */
  authPolicy?: Partial<AuthPolicy>;
  /** Days audit rows are kept (≥ 180, else refused); default HUIMIN_AUDIT_RETENTION_DAYS or 180. */
  auditRetentionDays?: number;
  /** Unified identity (SSO) provider; default: built-in login only (docs/sso.md). */
  identityProvider?: IdentityProvider;
  /** Working days to follow up a 差评 (default HUIMIN_RATING_FOLLOW_UP_DAYS or 5). */
  ratingFollowUpWorkingDays?: number;
  /** 公示 calendar days of assistance applications (default HUIMIN_PUBLICITY_DAYS or 7, DOMAIN §1.1). */
  assistancePublicityDays?: number;
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
  settings: SettingsService;
  notices: NoticesService;
  messages: MessagesService;
  sso: SsoService;
  ratings: RatingService;
  /** Department data exchange: catalogue, file/API ingestion, record queries (verification: core/exchange). */
  exchange: ExchangeService;
  /** 社会救助申请: intake, verification, 分办转办, 公示 and the application workflow. */
  assistance: AssistanceApplications;
  /** 社会救助统计: figures by region, programme and month; processing times; overdue applications. */
  assistanceStatistics: AssistanceStatisticsService;
  /** Effective-dated policy parameters per region, resolved per key into versions for the rules. */
  policy: PolicyService;
  /** 保障对象: enrollment lifecycle, reports, re-checks, death/moving events. */
  enrollments: EnrollmentService;
  /** 资金发放: monthly payroll per district and programme, maker-checker, bank file, reconciliation. */
  payroll: PayrollService;
  /** 动态监测: warning rules on department feeds, proactive discovery, the monitoring workbench. */
  monitoring: Monitoring;
}

export function createPlatform(db: Database, options: PlatformOptions): Platform {
  const cipher = createFieldCipher(options.encKey, options.indexKey);
  const settings = { idleMinutes: options.sessionIdleMinutes ?? 30, absoluteHours: options.sessionAbsoluteHours ?? 12 };
  const events = new EventBus(db);
  const jobs = new JobService(db);
  const workflow = new WorkflowService(db, options.today);
  workflow.register(householdChangeWorkflow);
  workflow.register(householdMergeWorkflow);
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
  const auditRetentionDays =
    options.auditRetentionDays === undefined ? auditRetentionFromEnv() : parseRetentionDays(options.auditRetentionDays);
  defineAuditRetentionJob(jobs, db, auditRetentionDays, options.today);
  const ratings = createRatings({
    db,
    workflow,
    events,
    today: options.today ?? (() => todayInChina()),
    followUpWorkingDays: options.ratingFollowUpWorkingDays,
  });
  const messaging = createMessaging({ db, events, jobs, workflow, today: options.today ?? (() => todayInChina()) });
  const platform: Platform = {
    db,
    cipher,
    auth: new AuthService(db, settings, cipher, options.authPolicy),
    residents: new ResidentService(db, cipher, settings, options.sms),
    registry: new RegistryService(db, cipher),
    households: new HouseholdService(db),
    workflow,
    events,
    jobs,
    ...messaging,
    sso: new SsoService(db, options.identityProvider ?? builtInIdentityProvider, settings.absoluteHours),
    ratings,
    exchange: new ExchangeService(db, cipher),
    ...createAssistanceEnrollment({
      db,
      workflow,
      events,
      jobs,
      policy: { resolveAssistance: (q, regionCode, date) => platform.policy.resolveAssistance(q, regionCode, date) },
      residenceOf: async (personId) =>
        (await platform.registry.getPerson(systemActor(), personId).catch(() => undefined))?.regionCode ?? null,
      today: options.today ?? (() => todayInChina()),
    }),
    assistance: createAssistanceApplications(
      {
        db,
        workflow,
        today: options.today ?? (() => todayInChina()),
        // resolved when a decision is taken, by then platform.policy exists
        policy: { assistanceVersions: (q, regionCode) => platform.policy.assistanceVersions(q, regionCode) },
        enroll: enrollApproved,
      },
      options.assistancePublicityDays ? { publicityDays: options.assistancePublicityDays } : {},
    ),
    assistanceStatistics: createAssistanceStatistics({ db, workflow, today: options.today ?? (() => todayInChina()) }),
    policy: new PolicyService(db, options.today ?? (() => todayInChina())),
    monitoring: createMonitoring({
      db,
      events,
      jobs,
      messages: messaging.messages,
      // resolved when rules run, by then platform.policy and platform.registry exist
      policy: { resolveAssistance: (q, regionCode, date) => platform.policy.resolveAssistance(q, regionCode, date) },
      registry: {
        getPerson: (actor, id) => platform.registry.getPerson(actor, id),
        updatePerson: (actor, id, patch) => platform.registry.updatePerson(actor, id, patch),
      },
      today: options.today ?? (() => todayInChina()),
    }),
  };
  wireTemporaryAssistance(platform.monitoring, db, platform.assistance.applications);
  // Persons Excel import/export run as jobs: defined here, before the workers start.
  definePersonExcelJobs(platform);
  defineExchangeJobs(platform);
  return platform;
}
