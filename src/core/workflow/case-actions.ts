import { z } from 'zod';
import { emitEvent } from '../events/event-bus.ts';
import { AppError } from '../shared/errors.ts';
import { closePendingTasks, findEligibleUsers, hasAnyApproval, listApprovals } from './approval.repository.ts';
import { type ActionBody, withoutApprovers } from './approval-actions.ts';
import {
  type ActionContext,
  currentRound,
  enterState,
  inputError,
  latestRound,
  notYours,
  parseInput,
  requireReason,
  resolveApprovers,
  stayInStep,
  stepName,
} from './case-step.ts';
import { returnTargets } from './step-rules.ts';
import { availableActions } from './transition-plan.ts';
import { listCaseActions } from './workflow.repository.ts';
import { isKernelAction, KERNEL_ACTIONS, WITHDRAWN_STATE } from './workflow-definition.ts';

/** 驳回, 催办 and 撤销: actions on the case as a whole rather than on one approval task. */

const ReturnInput = z.strictObject({
  toState: z.string().min(1, '请选择驳回到的步骤 / choose the step to return to').max(100),
  approvers: z.array(z.string()).optional(),
});

/**
 * 驳回: whoever may decide the current step sends the case back to a step it was in before. The step reopens with
 * fresh approval tasks (the previous round's approvers unless others are chosen); history rows are only appended.
 */
export async function returnCase(ctx: ActionContext, body: ActionBody): Promise<void> {
  const { tx, actor, row, def } = ctx;
  const name = { zh: KERNEL_ACTIONS.return.nameZh, en: KERNEL_ACTIONS.return.nameEn };
  const input = parseInput(ReturnInput, body.input, ctx, name);
  const reason = requireReason(body.comment, ctx, name);
  const step = def.states[row.state];
  const round = step.approval ? await currentRound(tx, actor, row) : [];
  const mayDecide = step.approval
    ? round.some((a) => a.approver_id === actor.id && a.status === 'pending')
    : availableActions(def, { state: row.state, assigneeId: row.assignee_id, regionCode: row.region_code }, actor)
        .length > 0;
  if (!mayDecide) throw notYours(ctx, '不由您办理,不能驳回', 'is not yours to decide; you cannot return it');
  const history = await listCaseActions(tx, row.id);
  const targets = returnTargets(
    def,
    history.map((h) => ({ toState: h.to_state })),
    row.state,
  );
  const here = stepName(def, row.state);
  if (targets.length === 0) {
    throw new AppError(
      'workflow.transition_invalid',
      `步骤「${here.zh}」之前没有可驳回到的步骤`,
      `step "${here.en}" has no earlier step to return to`,
    );
  }
  if (!targets.includes(input.toState)) {
    const names = targets.map((s) => stepName(def, s));
    throw inputError(
      { zh: `步骤「${here.zh}」只能驳回到此前经过的步骤`, en: `step "${here.en}" can return only to an earlier step` },
      [
        {
          field: 'input.toState',
          message_zh: `应为${names.map((n) => `「${n.zh}」`).join('、')}之一`,
          message_en: `must be one of ${names.map((n) => n.en).join(', ')}`,
        },
      ],
    );
  }
  let approvers: string[] = [];
  if (def.states[input.toState].approval) {
    approvers = await resolveApprovers(
      ctx,
      input.toState,
      input.approvers ?? (await lastApprovers(ctx, input.toState)),
    );
  }
  await closePendingTasks(tx, row.id, 'skipped');
  await enterState(ctx, {
    action: 'return',
    toState: input.toState,
    input: { ...withoutApprovers(body.input), toState: input.toState, approvers },
    comment: reason,
    approvers,
  });
}

/** The approvers of a step's latest round, minus those who handed their task on (they are in it via the new task). */
async function lastApprovers(ctx: ActionContext, step: string): Promise<string[]> {
  const ids = latestRound(await listApprovals(ctx.tx, ctx.actor, ctx.row.id), step)
    .filter((a) => a.status !== 'transferred' && a.status !== 'withdrawn')
    .map((a) => a.approver_id);
  return [...new Set(ids)];
}

/**
 * 催办: anyone who can read the case reminds whoever has to act now — the pending approvers, the claimant, or else
 * everyone who could claim the step. The messaging capability turns the event into in-app messages.
 */
export async function remindCase(ctx: ActionContext, body: ActionBody): Promise<void> {
  const { tx, actor, row, def } = ctx;
  const step = def.states[row.state];
  let userIds: string[];
  if (step.approval) {
    userIds = (await currentRound(tx, actor, row)).filter((a) => a.status === 'pending').map((a) => a.approver_id);
  } else if (row.assignee_id) {
    userIds = [row.assignee_id];
  } else if (step.candidateRole) {
    const users = await findEligibleUsers(tx, {
      role: step.candidateRole,
      businessLine: def.businessLine,
      caseRegion: row.region_code,
    });
    userIds = users.map((u) => u.id);
  } else {
    userIds = [];
  }
  userIds = userIds.filter((id) => id !== actor.id);
  if (userIds.length === 0) {
    const here = stepName(def, row.state);
    throw new AppError(
      'workflow.transition_invalid',
      `步骤「${here.zh}」当前没有可催办的办理人`,
      `step "${here.en}" has nobody to remind right now`,
    );
  }
  await stayInStep(ctx, {
    action: 'remind',
    input: { userIds },
    comment: body.comment?.trim() || null,
    detail: { userIds },
  });
  await emitEvent(tx, 'case.reminded', { caseId: row.id, userIds, by: actor.id }, row.region_code);
}

/**
 * Whether anyone other than the opener has decided something yet: an approval task approved, or a step's transition
 * taken by someone else. After that the opener can no longer 撤销.
 */
export async function decidedByOthers(ctx: Pick<ActionContext, 'tx' | 'row'>): Promise<boolean> {
  if (await hasAnyApproval(ctx.tx, ctx.row.id)) return true;
  const history = await listCaseActions(ctx.tx, ctx.row.id);
  return history.some((h) => !isKernelAction(h.action) && h.actor_id !== ctx.row.created_by);
}

/** 撤销: the person who opened the case withdraws it while nobody has approved anything; it closes as withdrawn. */
export async function withdrawCase(ctx: ActionContext, body: ActionBody): Promise<void> {
  const { tx, actor, row, def } = ctx;
  if (row.created_by !== actor.id) {
    throw notYours(ctx, '只有受理该办件的人可以撤销', 'only the person who opened the case may withdraw it');
  }
  if (await decidedByOthers(ctx)) {
    const here = stepName(def, row.state);
    throw new AppError(
      'workflow.transition_invalid',
      `办件已有人审批同意,不能撤销(当前步骤「${here.zh}」)`,
      `the case has already been approved by someone (step "${here.en}"); it can no longer be withdrawn`,
    );
  }
  await closePendingTasks(tx, row.id, 'withdrawn');
  await enterState(ctx, {
    action: 'withdraw',
    toState: WITHDRAWN_STATE,
    input: null,
    comment: body.comment?.trim() || null,
  });
}
