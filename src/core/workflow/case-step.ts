import type { Queryable } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { ROLES } from '../auth/roles.ts';
import { emitEvent } from '../events/event-bus.ts';
import { AppError, type FieldError, notFound } from '../shared/errors.ts';
import { type ApprovalRow, findEligibleUsers, insertApprovalTasks, listApprovals } from './approval.repository.ts';
import { checkApproverList, nextStepDueOn } from './step-rules.ts';
import {
  appendAction,
  type CaseRow,
  findCaseInScope,
  touchCaseIfVersion,
  updateCaseIfVersion,
} from './workflow.repository.ts';
import { type EffectContext, findState, type WorkflowDef } from './workflow-definition.ts';

/**
 * The building blocks every case action is made of: load the case in scope at the version the actor saw, then either
 * move it to a state or keep it in its step — each time one history row, one audit row and the version + 1.
 */

export interface ActionContext {
  tx: Queryable;
  actor: Actor;
  row: CaseRow;
  def: WorkflowDef;
  /** The version the actor saw; the action lands only if it is still current. */
  version: number;
  today: string;
}

export function conflict(): AppError {
  return new AppError(
    'workflow.conflict',
    '该办件已被他人处理,请刷新后重试',
    'someone else acted on this case first; reload and try again',
  );
}

/** A role's display names for messages (乡镇审核员 rather than township_reviewer). */
export function roleName(code: string): { zh: string; en: string } {
  const role = ROLES.find((r) => r.code === code);
  return { zh: role?.nameZh ?? code, en: role?.nameEn ?? code };
}

export function stepName(def: WorkflowDef, state: string): { zh: string; en: string } {
  const s = findState(def, state);
  return { zh: s?.nameZh ?? state, en: s?.nameEn ?? state };
}

/** The case for an action: 404 outside scope, 409 when stale, 422 naming the step when already closed. */
export async function loadCaseForAction(
  tx: Queryable,
  actor: Actor,
  id: string,
  version: number,
  definition: (code: string) => WorkflowDef,
  action: { zh: string; en: string },
): Promise<{ row: CaseRow; def: WorkflowDef }> {
  const row = await findCaseInScope(tx, actor, id);
  if (!row) throw notFound('case', '办件');
  if (row.version !== version) throw conflict();
  const def = definition(row.workflow);
  if (row.closed_at) {
    const step = stepName(def, row.state);
    throw new AppError(
      'workflow.transition_invalid',
      `办件已办结(「${step.zh}」),不能再执行「${action.zh}」`,
      `the case is closed ("${step.en}"); "${action.en}" is not possible`,
    );
  }
  return { row, def };
}

/** The tasks of the round the current step is in (the latest entry into it); empty outside approval steps. */
export async function currentRound(tx: Queryable, actor: Actor, row: CaseRow): Promise<ApprovalRow[]> {
  return latestRound(await listApprovals(tx, actor, row.id), row.state);
}

/** The tasks of a step's latest round among a case's approval tasks. */
export function latestRound(approvals: ApprovalRow[], step: string): ApprovalRow[] {
  const all = approvals.filter((a) => a.step === step);
  const latest = Math.max(0, ...all.map((a) => a.entered_seq));
  return all.filter((a) => a.entered_seq === latest);
}

export function inputError(message: { zh: string; en: string }, fields: FieldError[]): AppError {
  return new AppError('request.invalid', message.zh, message.en, fields);
}

/**
 * Approvers chosen for an approval step: the right shape, and each an active user holding the step's role for this
 * business line whose jurisdiction contains the case (so someone outside it cannot be asked to decide).
 */
export async function resolveApprovers(
  ctx: ActionContext,
  step: string,
  value: unknown,
  field = 'input.approvers',
): Promise<string[]> {
  const approval = ctx.def.states[step]?.approval;
  if (!approval) return [];
  const name = stepName(ctx.def, step);
  const { ids, errors } = checkApproverList(value, approval, name.zh, field);
  if (errors.length > 0) throw approverError(name, errors);
  const found = await findEligibleUsers(ctx.tx, {
    role: approval.role,
    businessLine: ctx.def.businessLine,
    caseRegion: ctx.row.region_code,
    ids,
  });
  const eligible = new Set(found.map((u) => u.id));
  const wrong = ids.flatMap((id, i) =>
    eligible.has(id)
      ? []
      : [
          {
            field: `${field}.${i}`,
            message_zh: `不是能办理本办件的「${roleName(approval.role).zh}」`,
            message_en: `not a ${roleName(approval.role).en} who may decide this case`,
          },
        ],
  );
  if (wrong.length > 0) throw approverError(name, wrong);
  return ids;
}

function approverError(step: { zh: string; en: string }, fields: FieldError[]): AppError {
  return inputError(
    { zh: `步骤「${step.zh}」的审批人选择有误`, en: `step "${step.en}": the chosen approvers are not valid` },
    fields,
  );
}

/**
 * Moves the case to a state: the conditional update (409 when someone else was first), the history row, the approval
 * tasks of the new step, the effect, audit and event — all in the caller's transaction.
 */
export async function enterState(
  ctx: ActionContext,
  p: {
    action: string;
    toState: string;
    input: Record<string, unknown> | null;
    comment: string | null;
    approvers?: readonly string[];
    effect?: (e: EffectContext) => Promise<void>;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  const { tx, actor, row, def } = ctx;
  const next = findState(def, p.toState);
  if (!next) throw new Error(`${def.code}: unknown state ${p.toState}`);
  const updated = await updateCaseIfVersion(tx, row.id, ctx.version, {
    state: p.toState,
    assigneeId: null,
    candidateRole: next.approval ? null : (next.candidateRole ?? null),
    stepDueOn: nextStepDueOn(def, { state: row.state, stepDueOn: row.step_due_on }, p.toState, ctx.today),
    closes: next.final === true,
  });
  if (!updated) throw conflict();
  const seq = ctx.version + 1;
  await appendAction(tx, {
    caseId: row.id,
    seq,
    action: p.action,
    fromState: row.state,
    toState: p.toState,
    actor,
    input: p.input,
    comment: p.comment,
  });
  if (next.approval && p.approvers && p.approvers.length > 0) {
    await insertApprovalTasks(tx, {
      caseId: row.id,
      step: p.toState,
      enteredSeq: seq,
      mode: next.approval.mode,
      role: next.approval.role,
      approverIds: p.approvers,
      origin: 'assigned',
      addedBy: actor.id,
    });
    await emitEvent(
      tx,
      'case.approvers_assigned',
      { caseId: row.id, step: p.toState, userIds: [...p.approvers], by: actor.id },
      row.region_code,
    );
  }
  if (p.effect) {
    await p.effect({
      tx,
      actor,
      caseId: row.id,
      regionCode: row.region_code,
      data: row.data,
      input: p.input ?? {},
      today: ctx.today,
    });
  }
  await recordAudit(tx, actor, {
    action: `case.${p.action}`,
    entityType: 'case',
    entityId: row.id,
    regionCode: row.region_code,
    reason: p.comment,
    detail: { from: row.state, to: p.toState, ...p.detail },
  });
  await emitEvent(
    tx,
    'case.transitioned',
    { caseId: row.id, workflow: def.code, action: p.action, from: row.state, to: p.toState },
    row.region_code,
  );
}

/** An action that keeps the case in its step (a 会签 vote that is not the last, 转办, 加签, 催办). Returns its seq. */
export async function stayInStep(
  ctx: ActionContext,
  p: {
    action: string;
    input: Record<string, unknown> | null;
    comment: string | null;
    assigneeId?: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<number> {
  const { tx, actor, row } = ctx;
  if (!(await touchCaseIfVersion(tx, row.id, ctx.version, p.assigneeId))) throw conflict();
  const seq = ctx.version + 1;
  await appendAction(tx, {
    caseId: row.id,
    seq,
    action: p.action,
    fromState: row.state,
    toState: row.state,
    actor,
    input: p.input,
    comment: p.comment,
  });
  await recordAudit(tx, actor, {
    action: `case.${p.action}`,
    entityType: 'case',
    entityId: row.id,
    regionCode: row.region_code,
    reason: p.comment,
    detail: { step: row.state, ...p.detail },
  });
  return seq;
}

/** Parses an action's input; errors name input.<field> and the step, like the transitions' own input checks. */
export function parseInput<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: Issue[] } } },
  input: Record<string, unknown> | undefined,
  ctx: ActionContext,
  action: { zh: string; en: string },
): T {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const step = stepName(ctx.def, ctx.row.state);
  throw inputError(
    {
      zh: `步骤「${step.zh}」的「${action.zh}」缺少或填错了必填信息`,
      en: `step "${step.en}": "${action.en}" is missing required input or has invalid input`,
    },
    parsed.error.issues.map((i) => ({
      field: ['input', ...i.path.map(String)].join('.'),
      message_zh: i.message,
      message_en: i.message,
    })),
  );
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** A reason of at least 2 characters, required by 驳回 and 转办 (they change who works on the case). */
export function requireReason(comment: string | undefined, ctx: ActionContext, action: { zh: string; en: string }) {
  const reason = comment?.trim() ?? '';
  if (reason.length >= 2) return reason;
  const step = stepName(ctx.def, ctx.row.state);
  throw inputError(
    {
      zh: `步骤「${step.zh}」的「${action.zh}」需要填写理由`,
      en: `step "${step.en}": "${action.en}" needs a reason`,
    },
    [
      {
        field: 'comment',
        message_zh: '请填写理由(至少2个字)',
        message_en: 'a reason of at least 2 characters is required',
      },
    ],
  );
}

/** 403 naming the step: the actor is in scope but this step is not theirs to act on. */
export function notYours(ctx: ActionContext, zh: string, en: string): AppError {
  const step = stepName(ctx.def, ctx.row.state);
  return new AppError('workflow.forbidden', `步骤「${step.zh}」${zh}`, `step "${step.en}": ${en}`);
}
