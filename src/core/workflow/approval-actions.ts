import { z } from 'zod';
import { emitEvent } from '../events/event-bus.ts';
import { AppError } from '../shared/errors.ts';
import {
  type ApprovalRow,
  closePendingTasks,
  decideTask,
  findEligibleUsers,
  insertApprovalTasks,
} from './approval.repository.ts';
import {
  type ActionContext,
  conflict,
  currentRound,
  enterState,
  inputError,
  notYours,
  parseInput,
  requireReason,
  resolveApprovers,
  roleName,
  stayInStep,
  stepName,
} from './case-step.ts';
import { planVote, voteAction } from './step-rules.ts';
import { planTransition, type TransitionPlan } from './transition-plan.ts';
import { KERNEL_ACTIONS } from './workflow-definition.ts';

/**
 * 会签/或签 decisions, 转办 and 加签: the actions on a step's approval tasks. Each is one history row; a decision that
 * completes (or rejects) the step also moves the case, runs the transition's effect and closes the other tasks.
 */

export interface ActionBody {
  version: number;
  comment?: string;
  input?: Record<string, unknown>;
}

/** Turns a failed plan into the error the route returns (403 for role/assignee, 400 for input, 422 otherwise). */
export function planError(plan: Extract<TransitionPlan, { ok: false }>): AppError {
  const code =
    plan.reason === 'role' || plan.reason === 'assignee'
      ? 'workflow.forbidden'
      : plan.reason === 'input'
        ? 'request.invalid'
        : 'workflow.transition_invalid';
  return new AppError(code, plan.messageZh, plan.messageEn, plan.fields);
}

/** The transition's own input, without the kernel's approver choice. */
export function withoutApprovers(input: Record<string, unknown> | undefined): Record<string, unknown> {
  const { approvers: _approvers, ...rest } = input ?? {};
  return rest;
}

function myPendingTask(round: ApprovalRow[], userId: string): ApprovalRow | undefined {
  return round.find((a) => a.approver_id === userId && a.status === 'pending');
}

/** One approver approves or rejects in a 会签/或签 step (action = the step's approve or reject transition). */
export async function voteOnStep(ctx: ActionContext, action: string, body: ActionBody): Promise<void> {
  const { tx, actor, row, def } = ctx;
  const approval = def.states[row.state].approval;
  if (!approval) throw new Error(`${def.code}.${row.state} is not an approval step`);
  const round = await currentRound(tx, actor, row);
  const mine = myPendingTask(round, actor.id);
  const plan = planTransition(
    def,
    { state: row.state, assigneeId: row.assignee_id, regionCode: row.region_code, hasPendingTask: mine !== undefined },
    action,
    actor,
    withoutApprovers(body.input),
    body.comment,
    ctx.today,
  );
  if (!plan.ok) throw planError(plan);
  if (!mine) throw new Error('unreachable: the plan requires a pending task');
  if (!actor.roles.includes(approval.role)) {
    const role = roleName(approval.role);
    throw notYours(ctx, `需要角色「${role.zh}」才能审批`, `deciding needs the role ${role.en}`);
  }
  const decision = action === approval.approve ? 'approve' : 'reject';
  const outcome = planVote(
    approval.mode,
    round.map((a) => ({ id: a.id, approverId: a.approver_id, status: a.status })),
    mine.id,
    decision,
  );
  const comment = body.comment?.trim() || null;
  const approvers =
    outcome.kind === 'stay' ? [] : await resolveApprovers(ctx, plan.toState, body.input?.approvers, 'input.approvers');
  if (!(await decideTask(tx, mine.id, decision === 'approve' ? 'approved' : 'rejected', comment))) throw conflict();
  const history = decision === 'approve' ? voteAction(approval.mode) : action;
  if (outcome.kind === 'stay') {
    await stayInStep(ctx, {
      action: history,
      input: body.input ?? null,
      comment,
      detail: { vote: decision, pendingLeft: outcome.pendingLeft },
    });
    return;
  }
  await closePendingTasks(tx, row.id, 'skipped');
  await enterState(ctx, {
    action: history,
    toState: plan.toState,
    input: body.input ?? null,
    comment,
    approvers,
    effect: plan.transition.effect,
    detail: { vote: decision, transition: action, skipped: outcome.skip.length },
  });
}

const TransferInput = z.strictObject({ toUserId: z.uuid('应为用户ID / must be a user id') });

/** 转办: hand my pending approval task, or my claim, to another user of the same role who can see the case. */
export async function transferTask(ctx: ActionContext, body: ActionBody): Promise<void> {
  const { tx, actor, row, def } = ctx;
  const name = KERNEL_ACTIONS.transfer;
  const { toUserId } = parseInput(TransferInput, body.input, ctx, { zh: name.nameZh, en: name.nameEn });
  const reason = requireReason(body.comment, ctx, { zh: name.nameZh, en: name.nameEn });
  const round = await currentRound(tx, actor, row);
  const mine = myPendingTask(round, actor.id);
  const claimed = row.assignee_id === actor.id;
  if (!mine && !claimed) {
    throw notYours(ctx, '没有您的待审批任务或认领,不能转办', 'you have no pending task or claim here to transfer');
  }
  const role = mine ? mine.role : def.states[row.state].candidateRole;
  if (!role) throw notYours(ctx, '没有可转办的角色', 'has no role to transfer to');
  const taken = round.some((a) => a.approver_id === toUserId && a.status === 'pending');
  const [target] = await eligibleOrFail(ctx, role, toUserId, 'input.toUserId', toUserId === actor.id || taken);
  const input = { toUserId, toUserName: target, role };
  await stayInStep(ctx, {
    action: 'transfer',
    input,
    comment: reason,
    assigneeId: mine ? undefined : toUserId,
    detail: { to: toUserId, task: mine?.id ?? null },
  });
  if (mine) {
    if (!(await decideTask(tx, mine.id, 'transferred', reason))) throw conflict();
    await insertApprovalTasks(tx, {
      caseId: row.id,
      step: row.state,
      enteredSeq: mine.entered_seq,
      mode: mine.mode,
      role: mine.role,
      approverIds: [toUserId],
      origin: 'transferred',
      addedBy: actor.id,
      transferredFrom: mine.id,
    });
  }
  await emitEvent(tx, 'case.transferred', { caseId: row.id, userIds: [toUserId], by: actor.id }, row.region_code);
}

const AddApproverInput = z.strictObject({ userId: z.uuid('应为用户ID / must be a user id') });

/** 加签: one more approver for the open 会签/或签 round; by one of its pending approvers or whoever chose them. */
export async function addApprover(ctx: ActionContext, body: ActionBody): Promise<void> {
  const { tx, actor, row, def } = ctx;
  const name = KERNEL_ACTIONS.add_approver;
  const approval = def.states[row.state].approval;
  if (!approval) {
    const step = stepName(def, row.state);
    throw new AppError(
      'workflow.transition_invalid',
      `步骤「${step.zh}」不是会签或或签步骤,不能加签`,
      `step "${step.en}" is not a countersign or any-one step; no approver can be added`,
    );
  }
  const { userId } = parseInput(AddApproverInput, body.input, ctx, { zh: name.nameZh, en: name.nameEn });
  const round = await currentRound(tx, actor, row);
  const mayAdd =
    myPendingTask(round, actor.id) !== undefined ||
    round.some((a) => a.origin === 'assigned' && a.added_by === actor.id);
  if (!mayAdd) {
    throw notYours(
      ctx,
      '只有待审批人或选定审批人的人可以加签',
      'only a pending approver or whoever chose them may add one',
    );
  }
  const inRound = round.some((a) => a.approver_id === userId && (a.status === 'pending' || a.status === 'approved'));
  const [target] = await eligibleOrFail(ctx, approval.role, userId, 'input.userId', inRound);
  await stayInStep(ctx, {
    action: 'add_approver',
    input: { userId, userName: target },
    comment: body.comment?.trim() || null,
    detail: { approver: userId },
  });
  await insertApprovalTasks(tx, {
    caseId: row.id,
    step: row.state,
    enteredSeq: round[0]?.entered_seq ?? ctx.version,
    mode: approval.mode,
    role: approval.role,
    approverIds: [userId],
    origin: 'added',
    addedBy: actor.id,
  });
  await emitEvent(
    tx,
    'case.approvers_assigned',
    { caseId: row.id, step: row.state, userIds: [userId], by: actor.id },
    row.region_code,
  );
}

/** The display name of a user who may take over (or join) the step, or a 400 naming the field. */
async function eligibleOrFail(ctx: ActionContext, role: string, userId: string, field: string, excluded: boolean) {
  const ok = excluded ? [] : await resolveEligible(ctx, role, userId);
  if (ok.length === 0) {
    const step = stepName(ctx.def, ctx.row.state);
    throw inputError({ zh: `步骤「${step.zh}」不能交给该用户`, en: `step "${step.en}": not a valid user for this` }, [
      {
        field,
        message_zh: `应为能办理本办件、尚未参与本轮的「${roleName(role).zh}」`,
        message_en: `must be a ${roleName(role).en} who can see this case and is not already in this round`,
      },
    ]);
  }
  return ok;
}

async function resolveEligible(ctx: ActionContext, role: string, userId: string): Promise<string[]> {
  const users = await findEligibleUsers(ctx.tx, {
    role,
    businessLine: ctx.def.businessLine,
    caseRegion: ctx.row.region_code,
    ids: [userId],
  });
  return users.map((u) => u.display_name);
}
