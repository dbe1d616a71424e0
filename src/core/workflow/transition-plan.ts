import type { Actor } from '../auth/actor.ts';
import type { FieldError } from '../shared/errors.ts';
import type { TransitionDef, WorkflowDef } from './workflow-definition.ts';
import { addWorkingDays } from './working-days.ts';

export interface CaseSnapshot {
  state: string;
  assigneeId: string | null;
  regionCode: string;
  /** In a 会签/或签 step: the actor holds a pending approval task of the current round. */
  hasPendingTask?: boolean;
}

/** The approve/reject transitions of an approval step are decided per approver, not by whoever comes first. */
export function isVote(def: WorkflowDef, state: string, action: string): boolean {
  const a = def.states[state]?.approval;
  return a !== undefined && (a.approve === action || a.reject === action);
}

export type TransitionPlan =
  | { ok: true; transition: TransitionDef; toState: string; stepDueOn: string | null; closes: boolean }
  | {
      ok: false;
      reason: 'unknown_action' | 'wrong_state' | 'role' | 'assignee' | 'input';
      messageZh: string;
      messageEn: string;
      fields: FieldError[];
    };

/** Actions an actor could take on a case now (for the UI's buttons). */
export function availableActions(def: WorkflowDef, snapshot: CaseSnapshot, actor: Actor) {
  return Object.entries(def.transitions)
    .filter(([, t]) => t.from.includes(snapshot.state) && t.roles.some((r) => actor.roles.includes(r)))
    .filter(() => snapshot.assigneeId === null || snapshot.assigneeId === actor.id || actor.kind === 'system')
    .filter(([code]) => !isVote(def, snapshot.state, code) || snapshot.hasPendingTask === true)
    .map(([code, t]) => ({ code, nameZh: t.nameZh, nameEn: t.nameEn }));
}

/**
 * Decides whether an action may move a case, without touching the database. Failures name the step and why.
 */
export function planTransition(
  def: WorkflowDef,
  snapshot: CaseSnapshot,
  action: string,
  actor: Actor,
  input: Record<string, unknown>,
  comment: string | undefined,
  today: string,
): TransitionPlan {
  const step = def.states[snapshot.state];
  const stepZh = step?.nameZh ?? snapshot.state;
  const stepEn = step?.nameEn ?? snapshot.state;
  const t = Object.hasOwn(def.transitions, action) ? def.transitions[action] : undefined;
  if (!t) {
    return fail('unknown_action', `「${def.nameZh}」没有操作「${action}」`, `${def.nameEn} has no action "${action}"`);
  }
  if (!t.from.includes(snapshot.state)) {
    return fail(
      'wrong_state',
      `步骤「${stepZh}」不能执行「${t.nameZh}」:该操作只适用于${t.from.map((s) => `「${def.states[s].nameZh}」`).join('、')}`,
      `step "${stepEn}" cannot take "${t.nameEn}": it applies only to ${t.from.map((s) => def.states[s].nameEn).join(', ')}`,
    );
  }
  if (actor.kind !== 'system' && !t.roles.some((r) => actor.roles.includes(r))) {
    return fail(
      'role',
      `步骤「${stepZh}」的「${t.nameZh}」需要角色:${t.roles.join('、')}`,
      `step "${stepEn}": "${t.nameEn}" needs one of the roles ${t.roles.join(', ')}`,
    );
  }
  if (actor.kind !== 'system' && snapshot.assigneeId !== null && snapshot.assigneeId !== actor.id) {
    return fail(
      'assignee',
      `步骤「${stepZh}」已由他人认领,不能由您办理`,
      `step "${stepEn}" is claimed by someone else`,
    );
  }
  if (isVote(def, snapshot.state, action) && snapshot.hasPendingTask !== true) {
    return fail(
      'assignee',
      `步骤「${stepZh}」没有您的待审批任务,不能执行「${t.nameZh}」`,
      `step "${stepEn}" has no pending approval task of yours; "${t.nameEn}" is not possible`,
    );
  }
  const fields: FieldError[] = [];
  if (t.requireComment && !(comment && comment.trim().length >= 2)) {
    fields.push({
      field: 'comment',
      message_zh: '请填写意见(至少2个字)',
      message_en: 'a comment of at least 2 characters is required',
    });
  }
  if (t.input) {
    const parsed = t.input.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = ['input', ...issue.path.map(String)].join('.');
        fields.push({ field, message_zh: issue.message, message_en: issue.message });
      }
    }
  }
  if (fields.length > 0) {
    return {
      ok: false,
      reason: 'input',
      messageZh: `步骤「${stepZh}」的「${t.nameZh}」缺少或填错了必填信息`,
      messageEn: `step "${stepEn}": "${t.nameEn}" is missing required input or has invalid input`,
      fields,
    };
  }
  const next = def.states[t.to];
  return {
    ok: true,
    transition: t,
    toState: t.to,
    stepDueOn: next.stepWorkingDays ? addWorkingDays(today, next.stepWorkingDays) : null,
    closes: next.final === true,
  };
}

function fail(reason: 'unknown_action' | 'wrong_state' | 'role' | 'assignee', zh: string, en: string): TransitionPlan {
  return { ok: false, reason, messageZh: zh, messageEn: en, fields: [] };
}
