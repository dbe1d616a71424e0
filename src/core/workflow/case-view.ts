import type { Actor } from '../auth/actor.ts';
import type { ApprovalRow } from './approval.repository.ts';
import { stepName } from './case-step.ts';
import { APPROVAL_STATUS_NAMES, returnTargets } from './step-rules.ts';
import { availableActions, isVote } from './transition-plan.ts';
import type { ActionRow, CaseRow } from './workflow.repository.ts';
import { isKernelAction, KERNEL_ACTIONS, type KernelAction, type WorkflowDef } from './workflow-definition.ts';

/** What the case page shows beyond the task-list item: history, approval tasks and the actions open to this actor. */

export interface ApproverChoice {
  step: string;
  stepName: string;
  role: string;
  mode: 'all' | 'any';
  min: number;
}

export interface ActionView {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: 'transition' | 'vote' | KernelAction;
  requireComment: boolean;
  /** Taking the action moves the case into a 会签/或签 step: input.approvers must name its approvers. */
  approvers?: ApproverChoice;
  /** 驳回: the earlier steps the case may be returned to. */
  targets?: Array<{ state: string; stateName: string }>;
  /** 转办/加签: the role the chosen user must hold (GET /cases/:id/candidates?role=). */
  userRole?: string;
}

const MODE_NAMES = { all: { zh: '会签', en: 'all must approve' }, any: { zh: '或签', en: 'any one approves' } };

export function presentHistory(def: WorkflowDef, history: ActionRow[]) {
  return history.map((h) => {
    const kernel = isKernelAction(h.action) ? KERNEL_ACTIONS[h.action] : undefined;
    const t = Object.hasOwn(def.transitions, h.action) ? def.transitions[h.action] : undefined;
    return {
      seq: h.seq,
      action: h.action,
      actionName: kernel?.nameZh ?? t?.nameZh ?? h.action,
      actionNameEn: kernel?.nameEn ?? t?.nameEn ?? h.action,
      fromState: h.from_state,
      fromStateName: h.from_state ? stepName(def, h.from_state).zh : null,
      toState: h.to_state,
      toStateName: stepName(def, h.to_state).zh,
      actorName: h.actor_name,
      at: new Date(h.at).toISOString(),
      comment: h.comment,
    };
  });
}

export function presentApprovals(def: WorkflowDef, approvals: ApprovalRow[]) {
  return approvals.map((a) => ({
    id: a.id,
    step: a.step,
    stepName: stepName(def, a.step).zh,
    round: a.entered_seq,
    mode: a.mode,
    modeName: MODE_NAMES[a.mode].zh,
    approverId: a.approver_id,
    approverName: a.approver_name,
    status: a.status,
    statusName: APPROVAL_STATUS_NAMES[a.status].zh,
    origin: a.origin,
    decidedAt: a.decided_at ? new Date(a.decided_at).toISOString() : null,
    comment: a.comment,
  }));
}

/** The current step's approval round, for the page's 会签/或签 panel. */
export function presentCurrentApproval(def: WorkflowDef, row: CaseRow, round: ApprovalRow[]) {
  const a = def.states[row.state]?.approval;
  if (!a || row.closed_at) return null;
  return {
    step: row.state,
    stepName: stepName(def, row.state).zh,
    mode: a.mode,
    modeName: MODE_NAMES[a.mode].zh,
    role: a.role,
    round: round[0]?.entered_seq ?? null,
    pending: round.filter((t) => t.status === 'pending').length,
  };
}

function approverChoice(def: WorkflowDef, state: string): ApproverChoice | undefined {
  const a = def.states[state]?.approval;
  if (!a) return undefined;
  return { step: state, stepName: stepName(def, state).zh, role: a.role, mode: a.mode, min: a.minApprovers ?? 1 };
}

/**
 * The actions this actor can take now, each with what its form needs. `actions` are the step's own transitions
 * (in a 会签/或签 step: the approver's approve/reject); `flowActions` the kernel's 驳回/转办/加签/催办/撤销.
 */
export function presentActions(
  def: WorkflowDef,
  row: CaseRow,
  actor: Actor,
  round: ApprovalRow[],
  history: ActionRow[],
  openerMayWithdraw: boolean,
) {
  if (row.closed_at) return { actions: [] as ActionView[], flowActions: [] as ActionView[] };
  const step = def.states[row.state];
  const mine = round.find((a) => a.approver_id === actor.id && a.status === 'pending');
  const othersPending = round.filter((a) => a.status === 'pending' && a !== mine).length;
  const snapshot = {
    state: row.state,
    assigneeId: row.assignee_id,
    regionCode: row.region_code,
    hasPendingTask: mine !== undefined,
  };
  const actions: ActionView[] = availableActions(def, snapshot, actor).map((a) => {
    const t = def.transitions[a.code];
    const vote = isVote(def, row.state, a.code);
    // a vote moves the case on only if it completes the step: 或签, or the last pending 会签 task
    const moves = !vote || a.code === step.approval?.reject || step.approval?.mode === 'any' || othersPending === 0;
    return {
      ...a,
      kind: vote ? 'vote' : 'transition',
      requireComment: t.requireComment === true,
      approvers: moves ? approverChoice(def, t.to) : undefined,
    };
  });
  const flow: ActionView[] = [];
  const kernel = (code: KernelAction, extra: Partial<ActionView> = {}): ActionView => ({
    code,
    nameZh: KERNEL_ACTIONS[code].nameZh,
    nameEn: KERNEL_ACTIONS[code].nameEn,
    kind: code,
    requireComment: false,
    ...extra,
  });
  const mayDecide = step.approval ? mine !== undefined : actions.length > 0;
  const targets = returnTargets(
    def,
    history.map((h) => ({ toState: h.to_state })),
    row.state,
  );
  if (mayDecide && targets.length > 0) {
    flow.push(
      kernel('return', {
        requireComment: true,
        targets: targets.map((s) => ({ state: s, stateName: stepName(def, s).zh })),
      }),
    );
  }
  const transferRole = mine ? mine.role : row.assignee_id === actor.id ? step.candidateRole : undefined;
  if (transferRole) flow.push(kernel('transfer', { requireComment: true, userRole: transferRole }));
  if (step.approval && (mine || round.some((a) => a.origin === 'assigned' && a.added_by === actor.id))) {
    flow.push(kernel('add_approver', { userRole: step.approval.role }));
  }
  const someoneElse = step.approval
    ? round.some((a) => a.status === 'pending' && a.approver_id !== actor.id)
    : row.assignee_id
      ? row.assignee_id !== actor.id
      : step.candidateRole !== undefined;
  if (someoneElse) flow.push(kernel('remind'));
  if (openerMayWithdraw) flow.push(kernel('withdraw'));
  return { actions, flowActions: flow };
}
