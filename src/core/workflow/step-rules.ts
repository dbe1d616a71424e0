import type { FieldError } from '../shared/errors.ts';
import { type ApprovalDef, findState, type WorkflowDef } from './workflow-definition.ts';
import { addWorkingDays } from './working-days.ts';

/**
 * Pure rules of the kernel's Chinese approval steps (会签/或签, 驳回, 加签, 撤销), kept apart from the database so each
 * can be tested by its numbers.
 */

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'transferred' | 'skipped' | 'withdrawn';

export const APPROVAL_STATUS_NAMES: Record<ApprovalStatus, { zh: string; en: string }> = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '同意', en: 'Approved' },
  rejected: { zh: '不同意', en: 'Rejected' },
  transferred: { zh: '已转办', en: 'Transferred' },
  skipped: { zh: '无需审批', en: 'Skipped' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
};

export const MAX_APPROVERS = 20;

export interface TaskSnapshot {
  id: string;
  approverId: string;
  status: ApprovalStatus;
}

export type VoteOutcome =
  | { kind: 'stay'; pendingLeft: number }
  | { kind: 'complete'; skip: string[] }
  | { kind: 'reject'; skip: string[] };

/**
 * What one approver's decision does to the step. 会签 ('all') moves on only when no other task is pending; 或签
 * ('any') moves on with the first approval and the other pending tasks are skipped; any rejection ends the step.
 */
export function planVote(
  mode: ApprovalDef['mode'],
  round: readonly TaskSnapshot[],
  taskId: string,
  decision: 'approve' | 'reject',
): VoteOutcome {
  const others = round.filter((t) => t.status === 'pending' && t.id !== taskId).map((t) => t.id);
  if (decision === 'reject') return { kind: 'reject', skip: others };
  if (mode === 'any' || others.length === 0) return { kind: 'complete', skip: others };
  return { kind: 'stay', pendingLeft: others.length };
}

/** The history code of an approval: 会签 for an all-must-approve step, 或签 for an any-one step. */
export function voteAction(mode: ApprovalDef['mode']): 'countersign' | 'or_sign' {
  return mode === 'all' ? 'countersign' : 'or_sign';
}

/**
 * States a case may be returned to (驳回): those it has entered before, in the order first entered, without the
 * current state and without final states (a case never passes through one and stays open).
 */
export function returnTargets(def: WorkflowDef, history: ReadonlyArray<{ toState: string }>, current: string) {
  const seen: string[] = [];
  for (const h of history) {
    const s = findState(def, h.toState);
    if (!s || s.final || h.toState === current || seen.includes(h.toState)) continue;
    seen.push(h.toState);
  }
  return seen;
}

/** Shape checks of a chosen approver list (ids, no repeats, the step's minimum); who they are is checked in SQL. */
export function checkApproverList(
  value: unknown,
  approval: ApprovalDef,
  stepZh: string,
  field = 'input.approvers',
): { ids: string[]; errors: FieldError[] } {
  const min = approval.minApprovers ?? 1;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!Array.isArray(value) || value.length === 0) {
    return {
      ids: [],
      errors: [
        {
          field,
          message_zh: `请为「${stepZh}」选择审批人(至少${min}人)`,
          message_en: `choose the approvers of this step (at least ${min})`,
        },
      ],
    };
  }
  const errors: FieldError[] = [];
  value.forEach((v, i) => {
    if (typeof v !== 'string' || !uuid.test(v)) {
      errors.push({ field: `${field}.${i}`, message_zh: '应为用户ID', message_en: 'must be a user id' });
    } else if (value.indexOf(v) !== i) {
      errors.push({ field: `${field}.${i}`, message_zh: '审批人重复', message_en: 'approver chosen twice' });
    }
  });
  if (value.length < min || value.length > MAX_APPROVERS) {
    errors.push({
      field,
      message_zh: `「${stepZh}」需要${min}至${MAX_APPROVERS}名审批人,当前${value.length}名`,
      message_en: `this step needs ${min} to ${MAX_APPROVERS} approvers, got ${value.length}`,
    });
  }
  return { ids: errors.length === 0 ? (value as string[]) : [], errors };
}

/**
 * The step due date on entering a state: its stepWorkingDays counted from today, or — when the case moves between
 * two states sharing a stepClock — the due date it already had, so the clock runs on from the first of them.
 */
export function nextStepDueOn(
  def: WorkflowDef,
  from: { state: string; stepDueOn: string | null },
  toState: string,
  today: string,
): string | null {
  const next = findState(def, toState);
  if (!next?.stepWorkingDays) return null;
  const clock = next.stepClock;
  if (clock !== undefined && findState(def, from.state)?.stepClock === clock && from.stepDueOn) return from.stepDueOn;
  return addWorkingDays(today, next.stepWorkingDays);
}
