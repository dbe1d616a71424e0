import { systemActor } from '../../../core/auth/actor.ts';
import type { EventBus } from '../../../core/events/event-bus.ts';
import type { JobService } from '../../../core/jobs/job-service.ts';
import type { WorkflowService } from '../../../core/workflow/workflow.service.ts';
import type { Database } from '../../../db/database.ts';
import { PayrollService } from '../payroll/payroll.service.ts';
import type { PolicyResolver } from '../payroll/payroll-rates.ts';
import { listDueRechecks } from './enrollment.repository.ts';
import { EnrollmentService } from './enrollment.service.ts';
import { RECHECK_WORKFLOW, recheckWorkflow } from './recheck.workflow.ts';

export { type ApprovedApplication, enrollApproved } from './enroll-approved.ts';
export { EnrollmentService } from './enrollment.service.ts';

export const PAYROLL_COMPUTE_JOB = 'assistance.payroll.compute';
export const RECHECK_OPEN_JOB = 'assistance.recheck.open';

export interface EnrollmentDeps {
  db: Database;
  workflow: WorkflowService;
  events: EventBus;
  jobs: JobService;
  policy: PolicyResolver;
  /** The person's current residence, to tell moving away from moving within the district. */
  residenceOf: (personId: string) => Promise<string | null>;
  today: () => string;
}

/**
 * Wires enrollments and payroll into the platform: the re-check workflow and its daily job, the payroll job, and
 * the subscribers that stop benefits on the registry's death and moving-out events.
 */
export function createAssistanceEnrollment(deps: EnrollmentDeps) {
  const enrollments = new EnrollmentService(deps.db, deps.policy, deps.today);
  const payroll = new PayrollService(deps.db, deps.policy);
  deps.workflow.register(recheckWorkflow(deps.policy));

  deps.events.subscribe('assistance.enrollment.person_deceased', 'person.deceased', async (event) => {
    const { personId, deceasedOn } = event.payload as { personId: string; deceasedOn: string };
    await enrollments.handlePersonLeft(systemActor('registry.death'), { personId, onDate: deceasedOn, kind: 'death' });
  });
  deps.events.subscribe('assistance.enrollment.member_left', 'household.member_left', async (event) => {
    const p = event.payload as { personId: string; householdId: string; validTo?: string };
    await enrollments.handlePersonLeft(systemActor('registry.moved'), {
      personId: p.personId,
      householdId: p.householdId,
      onDate: p.validTo ?? deps.today(),
      kind: 'moved-away',
      residenceRegion: await deps.residenceOf(p.personId),
    });
  });

  deps.jobs.define({
    name: RECHECK_OPEN_JOB,
    titleZh: '开启到期的低保复核任务',
    titleEn: 'Open due enrollment re-checks',
    cron: '10 1 * * *',
    handler: async (ctx) => openDueRechecks(deps, (n, total) => ctx.progress(n, total)),
  });
  deps.jobs.define({
    name: PAYROLL_COMPUTE_JOB,
    titleZh: '计算月度救助金发放批次',
    titleEn: 'Compute a monthly payroll run',
    handler: async (ctx) => {
      const p = ctx.params as { district: string; programme: string; month: string; by?: string };
      const actor = { ...systemActor(p.by ?? 'payroll'), regionScope: p.district };
      const run = await payroll.compute(actor, p, { onProgress: (done, total) => ctx.progress(done, total) });
      return { runId: run.id, lines: run.line_count, totalFen: run.total_fen };
    },
  });
  return { enrollments, payroll };
}

/** Opens one re-check case per enrollment due (once: not while one is open); returns how many were opened. */
export async function openDueRechecks(
  deps: Pick<EnrollmentDeps, 'db' | 'workflow' | 'today'>,
  progress?: (done: number, total: number) => Promise<void> | void,
) {
  const due = await listDueRechecks(deps.db, deps.today(), 5_000);
  const actor = systemActor('assistance.recheck');
  let opened = 0;
  for (const e of due) {
    await deps.workflow.open(actor, {
      workflow: RECHECK_WORKFLOW,
      regionCode: e.region_code,
      title: `保障对象定期复核 ${e.programme}`,
      subjectType: 'assistance_enrollment',
      subjectId: e.id,
      data: { enrollmentId: e.id },
    });
    opened++;
    await progress?.(opened, due.length);
  }
  return { opened };
}
