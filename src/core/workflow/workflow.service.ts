import type { Database, Queryable } from '../../db/database.ts';
import { uniqueViolation } from '../../db/pg-errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, coversBusinessLine, hasPermission, isInScope } from '../auth/actor.ts';
import { safeRegionName } from '../region/region-name.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import { findEligibleUsers, listApprovals } from './approval.repository.ts';
import {
  type ActionBody,
  addApprover,
  planError,
  transferTask,
  voteOnStep,
  withoutApprovers,
} from './approval-actions.ts';
import { decidedByOthers, remindCase, returnCase, withdrawCase } from './case-actions.ts';
import {
  type ActionContext,
  conflict,
  enterState,
  latestRound,
  loadCaseForAction,
  resolveApprovers,
} from './case-step.ts';
import { presentActions, presentApprovals, presentCurrentApproval, presentHistory } from './case-view.ts';
import { isVote, planTransition } from './transition-plan.ts';
import {
  appendAction,
  type CaseRow,
  claimCaseIfVersion,
  findCaseInScope,
  findOpenExclusiveCase,
  insertCase,
  listCaseActions,
  listTasks,
  type TaskScope,
} from './workflow.repository.ts';
import { findState, isKernelAction, KERNEL_ACTIONS, type WorkflowDef } from './workflow-definition.ts';
import { addWorkingDays, todayInChina } from './working-days.ts';

/** The workflow kernel: every business line registers its case types here and moves cases only through it. */
export class WorkflowService {
  private readonly db: Database;
  private readonly defs = new Map<string, WorkflowDef>();
  private readonly today: () => string;

  constructor(db: Database, today: () => string = () => todayInChina()) {
    this.db = db;
    this.today = today;
  }

  register(def: WorkflowDef): void {
    this.defs.set(def.code, def);
  }

  getDefinition(code: string): WorkflowDef {
    const def = this.defs.get(code);
    if (!def)
      throw new AppError('request.invalid', `未知的业务类型 ${code}`, `unknown workflow ${code}`, [
        { field: 'workflow', message_zh: '未知的业务类型', message_en: 'unknown workflow' },
      ]);
    return def;
  }

  /** Opens a case in the workflow's initial state; the receipt date starts the SLA clock. */
  async open(
    actor: Actor,
    input: {
      workflow: string;
      regionCode: string;
      title: string;
      subjectType?: string;
      subjectId?: string;
      data: Record<string, unknown>;
      receivedOn?: string;
      /** Writes of the business line that belong to the new case, in the same transaction (e.g. its detail row). */
      afterOpen?: (tx: Queryable, created: { id: string; case_no: string }) => Promise<void>;
      /** More to say in the case.open audit row (e.g. the intake channel), instead of a second audit row. */
      auditDetail?: Record<string, unknown>;
    },
  ) {
    const def = this.getDefinition(input.workflow);
    if (!hasPermission(actor, 'case:act') || !coversBusinessLine(actor, def.businessLine)) {
      throw new AppError('auth.forbidden', '无权办理该业务', 'not allowed to open cases of this business line');
    }
    if (!isInScope(actor, input.regionCode)) throw notFound('region', '区划');
    const receivedOn = input.receivedOn ?? this.today();
    const initial = def.states[def.initial];
    let data = input.data;
    if (def.data) {
      const parsed = def.data.safeParse(input.data);
      if (!parsed.success) {
        throw new AppError(
          'request.invalid',
          `「${def.nameZh}」的办件信息不完整或有误`,
          `the case data of "${def.nameEn}" is incomplete or invalid`,
          parsed.error.issues.map((i) => ({
            field: ['data', ...i.path.map(String)].join('.'),
            message_zh: i.message,
            message_en: i.message,
          })),
        );
      }
      data = parsed.data;
    }
    const opening = this.db.transaction(async (tx) => {
      await def.checkOpen?.({
        tx,
        actor,
        regionCode: input.regionCode,
        subjectType: input.subjectType ?? null,
        subjectId: input.subjectId ?? null,
        data,
      });
      const created = await insertCase(tx, {
        workflow: def.code,
        businessLine: def.businessLine,
        state: def.initial,
        regionCode: input.regionCode,
        subjectType: input.subjectType ?? null,
        subjectId: input.subjectId ?? null,
        title: input.title,
        candidateRole: initial.candidateRole ?? null,
        data,
        receivedOn,
        dueOn: def.totalWorkingDays ? addWorkingDays(receivedOn, def.totalWorkingDays) : null,
        stepDueOn: initial.stepWorkingDays ? addWorkingDays(receivedOn, initial.stepWorkingDays) : null,
        createdBy: actor.id,
        exclusive: def.oneOpenPerSubject !== undefined,
        openedBy: actor,
      });
      // the case's opening action and its 'case.opened' event were written with it
      await input.afterOpen?.(tx, created);
      await recordAudit(tx, actor, {
        action: 'case.open',
        entityType: 'case',
        entityId: created.id,
        regionCode: input.regionCode,
        detail: { ...input.auditDetail, workflow: def.code, caseNo: created.case_no },
      });
      return created;
    });
    const exclusive = def.oneOpenPerSubject;
    if (!exclusive) return opening;
    return opening.catch(async (err) => {
      if (uniqueViolation(err) !== 'wf_case_one_open_per_subject_uq') throw err;
      const open = await findOpenExclusiveCase(this.db, def.code, input.subjectType ?? null, input.subjectId ?? null);
      const caseNo = open?.case_no ?? '—';
      throw new AppError('conflict.duplicate', exclusive.messageZh(caseNo), exclusive.messageEn(caseNo), [
        { field: exclusive.field, message_zh: '已有办理中的办件', message_en: 'an open case exists' },
      ]);
    });
  }

  /** The case as listed (no history, approvals or actions): one read, for whoever only needs its facts. */
  async summary(actor: Actor, id: string) {
    const row = await findCaseInScope(this.db, actor, id);
    if (!row) throw notFound('case', '办件');
    return this.present(row);
  }

  async get(actor: Actor, id: string) {
    const row = await findCaseInScope(this.db, actor, id);
    if (!row) throw notFound('case', '办件');
    const def = this.getDefinition(row.workflow);
    const [history, approvals] = await Promise.all([listCaseActions(this.db, id), listApprovals(this.db, actor, id)]);
    const round = latestRound(approvals, row.state);
    const mayWithdraw = !row.closed_at && row.created_by === actor.id && !(await decidedByOthers({ tx: this.db, row }));
    return {
      ...this.present(row),
      data: row.data,
      version: row.version,
      history: presentHistory(def, history),
      approvals: presentApprovals(def, approvals),
      approval: presentCurrentApproval(def, row, round),
      ...presentActions(def, row, actor, round, history, mayWithdraw),
      claimable:
        !row.closed_at &&
        row.assignee_id === null &&
        row.candidate_role !== null &&
        actor.roles.includes(row.candidate_role),
    };
  }

  /**
   * Takes one action: a transition of the step, an approver's 会签/或签 decision, or one of the kernel's 驳回 (return),
   * 转办 (transfer), 加签 (add_approver), 催办 (remind), 撤销 (withdraw). A stale version is a 409 and changes nothing.
   */
  async act(actor: Actor, id: string, action: string, body: ActionBody) {
    const needs = action === 'remind' ? 'case:read' : 'case:act';
    if (!hasPermission(actor, needs)) {
      throw new AppError('auth.forbidden', '您没有该操作的权限', `permission ${needs} is required`);
    }
    const name = isKernelAction(action) ? KERNEL_ACTIONS[action] : { nameZh: action, nameEn: action };
    await this.db.transaction(async (tx) => {
      const { row, def } = await loadCaseForAction(tx, actor, id, body.version, (c) => this.getDefinition(c), {
        zh: name.nameZh,
        en: name.nameEn,
      });
      const ctx: ActionContext = { tx, actor, row, def, version: body.version, today: this.today() };
      // own keys only: an action named like a prototype member (constructor, __proto__) is just unknown
      const kernel = Object.hasOwn(KERNEL_HANDLERS, action) ? KERNEL_HANDLERS[action] : undefined;
      if (kernel) return kernel(ctx, body);
      if (isVote(def, row.state, action)) return voteOnStep(ctx, action, body);
      const plan = planTransition(
        def,
        { state: row.state, assigneeId: row.assignee_id, regionCode: row.region_code },
        action,
        actor,
        withoutApprovers(body.input),
        body.comment,
        ctx.today,
      );
      if (!plan.ok) throw planError(plan);
      const approvers = await resolveApprovers(ctx, plan.toState, body.input?.approvers);
      await enterState(ctx, {
        action,
        toState: plan.toState,
        input: body.input ?? null,
        comment: body.comment ?? null,
        approvers,
        effect: plan.transition.effect,
      });
    });
    return this.get(actor, id);
  }

  /** Users who may be chosen as approvers, or take over by 转办, for a role the case's workflow uses. */
  async candidates(actor: Actor, id: string, role: string) {
    const row = await findCaseInScope(this.db, actor, id);
    if (!row) throw notFound('case', '办件');
    const def = this.getDefinition(row.workflow);
    const roles = new Set(
      Object.values(def.states).flatMap((s) => [s.candidateRole, s.approval?.role].filter((r) => r !== undefined)),
    );
    if (!roles.has(role)) {
      throw invalidField('role', `「${def.nameZh}」不使用该角色`, `${def.nameEn} does not use this role`);
    }
    const users = await findEligibleUsers(this.db, {
      role,
      businessLine: def.businessLine,
      caseRegion: row.region_code,
    });
    return users.map((u) => ({ id: u.id, displayName: u.display_name, orgName: u.org_name }));
  }

  async claim(actor: Actor, id: string, version: number) {
    await this.db.transaction(async (tx) => {
      const row = await findCaseInScope(tx, actor, id);
      if (!row) throw notFound('case', '办件');
      if (row.version !== version) throw conflict();
      if (
        row.closed_at ||
        row.assignee_id !== null ||
        !row.candidate_role ||
        !actor.roles.includes(row.candidate_role)
      ) {
        throw new AppError('workflow.forbidden', '该办件当前不能由您认领', 'you cannot claim this case now');
      }
      if (!(await claimCaseIfVersion(tx, id, version, actor.id))) throw conflict();
      await appendAction(tx, {
        caseId: id,
        seq: version + 1,
        action: 'claim',
        fromState: row.state,
        toState: row.state,
        actor,
        input: null,
        comment: null,
      });
      await recordAudit(tx, actor, {
        action: 'case.claim',
        entityType: 'case',
        entityId: id,
        regionCode: row.region_code,
      });
    });
    return this.get(actor, id);
  }

  async tasks(actor: Actor, scope: TaskScope, page: number, pageSize: number) {
    const { total, rows } = await listTasks(this.db, actor, scope, page, pageSize);
    return { total, items: rows.map((r) => this.present(r)) };
  }

  private present(row: CaseRow) {
    const def = this.defs.get(row.workflow);
    const today = this.today();
    const due = row.step_due_on ?? row.due_on;
    return {
      id: row.id,
      caseNo: row.case_no,
      workflow: row.workflow,
      workflowName: def?.nameZh ?? row.workflow,
      title: row.title,
      state: row.state,
      stateName: def ? (findState(def, row.state)?.nameZh ?? row.state) : row.state,
      regionCode: row.region_code,
      regionName: safeRegionName(row.region_code),
      assigneeId: row.assignee_id,
      assigneeName: row.assignee_name,
      receivedOn: row.received_on,
      dueOn: row.due_on,
      stepDueOn: row.step_due_on,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      overdue: !row.closed_at && due !== null && due < today,
    };
  }
}

const KERNEL_HANDLERS: Partial<Record<string, (ctx: ActionContext, body: ActionBody) => Promise<void>>> = {
  return: returnCase,
  transfer: transferTask,
  add_approver: addApprover,
  remind: remindCase,
  withdraw: withdrawCase,
};
