import { systemActor } from '../../core/auth/actor.ts';
import type { EventBus } from '../../core/events/event-bus.ts';
import type { JobService } from '../../core/jobs/job-service.ts';
import type { MessagesService } from '../../core/messaging/index.ts';
import type { RegistryService } from '../../core/registry/registry.service.ts';
import type { PolicyService } from '../../core/rules/policy.service.ts';
import type { Database } from '../../db/database.ts';
import { findHouseholdHead } from './monitoring.repository.ts';
import { MonitoringService } from './monitoring.service.ts';
import { DEATH_CONFIRMED, MonitoringEvaluator } from './monitoring-evaluator.ts';
import { MonitoringFlagsService } from './monitoring-flags.service.ts';
import { type ApplicationTaker, temporaryAssistanceOpener } from './temporary-assistance.ts';

export { registerMonitoringRoutes } from './monitoring.routes.ts';
export { MonitoringService, type TemporaryAssistanceOpener } from './monitoring.service.ts';
export { DEATH_CONFIRMED, MonitoringEvaluator } from './monitoring-evaluator.ts';

/** The exchange's event after a batch is stored (src/core/exchange/ingest.ts). */
export const BATCH_COMPLETED = 'exchange.batch_completed';

export interface Monitoring {
  service: MonitoringService;
  evaluator: MonitoringEvaluator;
  flags: MonitoringFlagsService;
}

/** Lets a warning's "assistance started" open a temporary assistance application through the assistance line. */
export function wireTemporaryAssistance(monitoring: Monitoring, db: Database, applications: ApplicationTaker): void {
  monitoring.service.setTemporaryAssistanceOpener(
    temporaryAssistanceOpener(applications, (id) => findHouseholdHead(db, id)),
  );
}

/**
 * Wires dynamic monitoring: rules evaluated on every completed exchange batch; a confirmed death recorded in the
 * registry (which emits person.deceased, on which the assistance line stops benefits from the next month); daily
 * jobs for the full evaluation, discovery and escalation of overdue warnings.
 */
export function createMonitoring(deps: {
  db: Database;
  events: EventBus;
  jobs: JobService;
  messages: MessagesService;
  policy: Pick<PolicyService, 'resolveAssistance'>;
  registry: Pick<RegistryService, 'getPerson' | 'updatePerson'>;
  today: () => string;
}): Monitoring {
  const evaluator = new MonitoringEvaluator({ db: deps.db, policy: deps.policy, today: deps.today });
  const service = new MonitoringService({ db: deps.db, messages: deps.messages, evaluator, today: deps.today });
  deps.events.subscribe('monitoring.evaluate_batch', BATCH_COMPLETED, async (event) => {
    const batchId = event.payload.batchId;
    if (typeof batchId === 'string') await evaluator.evaluate(batchId);
  });
  deps.events.subscribe('monitoring.record_death', DEATH_CONFIRMED, async (event) => {
    const { personId, diedOn } = event.payload;
    if (typeof personId !== 'string' || typeof diedOn !== 'string') return;
    const actor = systemActor('monitoring');
    const person = await deps.registry.getPerson(actor, personId);
    // Idempotent: a death already in the registry (or a redelivery) changes nothing.
    if (person.deceasedOn) return;
    await deps.registry.updatePerson(actor, personId, { deceasedOn: diedOn, version: person.version });
  });
  deps.jobs.define({
    name: 'monitoring.evaluate',
    titleZh: '动态监测:评估全部预警规则',
    titleEn: 'Monitoring: evaluate every warning rule',
    cron: '0 3 * * *',
    handler: async (ctx) => {
      // Nightly: records received in the last `sinceDays` (default 2) — batches were evaluated on arrival, this
      // catches anything a failed delivery missed — plus the population rules. sinceDays 0 = every stored record.
      const batchId = typeof ctx.params.batchId === 'string' ? ctx.params.batchId : null;
      const sinceDays = typeof ctx.params.sinceDays === 'number' ? ctx.params.sinceDays : 2;
      const since = sinceDays > 0 ? new Date(Date.now() - sinceDays * 86_400_000).toISOString() : null;
      const result = await evaluator.evaluate(batchId, since);
      await ctx.progress(result.total, result.total);
      return { ...result };
    },
  });
  deps.jobs.define({
    name: 'monitoring.discover',
    titleZh: '动态监测:主动发现',
    titleEn: 'Monitoring: proactive discovery',
    cron: '30 3 * * *',
    handler: async (ctx) => {
      const scope = typeof ctx.params.regionCode === 'string' ? ctx.params.regionCode : '';
      const result = await evaluator.discover(scope);
      await ctx.progress(result.total, result.total);
      return { ...result };
    },
  });
  deps.jobs.define({
    name: 'monitoring.escalate',
    titleZh: '动态监测:逾期预警督办',
    titleEn: 'Monitoring: escalate overdue warnings',
    cron: '0 8 * * *',
    handler: async () => ({ escalated: await service.escalateOverdue() }),
  });
  return { service, evaluator, flags: new MonitoringFlagsService(deps.db) };
}
