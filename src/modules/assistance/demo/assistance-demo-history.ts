/**
 * The case history (wf_action rows) of a demo application, step by step as the 'assistance.application' workflow
 * records it: who acted, on which day, with what input. Pure; dates fall on working days between receipt and closure.
 */
import { addWorkingDays, workingDaysBetween } from '../../../core/workflow/working-days.ts';
import type { DemoApplication } from './assistance-demo-plan.ts';

export interface StaffMember {
  id: string | null;
  name: string;
}

export interface StaffIds {
  clerk: StaffMember;
  reviewer: StaffMember;
  approver: StaffMember;
}

export interface HistoryStep {
  action: string;
  from: string | null;
  to: string;
  actor: StaffMember;
  on: string;
  comment: string | null;
  input: Record<string, unknown> | null;
}

/** The working day a share of the way from receipt to closure (0 = receipt, 1 = closure). */
function partway(a: DemoApplication, share: number): string {
  if (!a.closedOn) return a.receivedOn;
  const total = workingDaysBetween(a.receivedOn, a.closedOn);
  return addWorkingDays(a.receivedOn, Math.round(total * share));
}

/** The history of one application up to its current state. */
export function applicationHistory(a: DemoApplication, staff: StaffIds): HistoryStep[] {
  const steps: HistoryStep[] = [
    { action: 'open', from: null, to: 'submitted', actor: staff.clerk, on: a.receivedOn, comment: null, input: null },
  ];
  if (a.state === 'submitted') return steps;
  if (a.state === 'not_accepted') {
    steps.push({
      action: 'not_accept',
      from: 'submitted',
      to: 'not_accepted',
      actor: staff.clerk,
      on: a.closedOn ?? a.receivedOn,
      comment: a.reasons.join('；'),
      input: { reasons: a.reasons },
    });
    return steps;
  }
  const accepted = a.acceptedOn ?? a.receivedOn;
  steps.push({
    action: 'accept',
    from: 'submitted',
    to: 'verifying',
    actor: staff.clerk,
    on: accepted,
    comment: null,
    input: null,
  });
  if (a.state === 'verifying') return steps;
  steps.push({
    action: 'complete_verification',
    from: 'verifying',
    to: 'township_review',
    actor: staff.clerk,
    on: partway(a, a.state === 'refused' ? 0.6 : 0.35),
    comment: '入户调查(两名工作人员)和邻里访问已完成,核对结果无异常',
    input: null,
  });
  if (a.state === 'refused') {
    steps.push({
      action: 'refuse',
      from: 'township_review',
      to: 'refused',
      actor: staff.reviewer,
      on: a.closedOn ?? accepted,
      comment: a.reasons.join('；'),
      input: { reasons: a.reasons },
    });
    return steps;
  }
  steps.push(
    {
      action: 'start_publicity',
      from: 'township_review',
      to: 'publicity',
      actor: staff.reviewer,
      on: partway(a, 0.5),
      comment: '审核通过,在村(社区)公示7天',
      input: null,
    },
    {
      action: 'submit_to_district',
      from: 'publicity',
      to: 'district_approval',
      actor: staff.reviewer,
      on: partway(a, 0.85),
      comment: '公示期满无异议',
      input: null,
    },
    {
      action: 'approve',
      from: 'district_approval',
      to: 'approved',
      actor: staff.approver,
      on: a.closedOn ?? accepted,
      comment: '审批通过,次月起发放',
      input: null,
    },
  );
  return steps;
}
