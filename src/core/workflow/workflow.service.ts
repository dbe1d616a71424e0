import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, coversBusinessLine, hasPermission, isInScope } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import { safeRegionName } from '../region/region-name.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { availableActions, planTransition } from './transition-plan.ts';
import {
  appendAction,
  type CaseRow,
  claimCaseIfVersion,
  findCaseInScope,
  insertCase,
  listCaseActions,
  listTasks,
  type TaskScope,
  updateCaseIfVersion,
} from './workflow.repository.ts';
import type { WorkflowDef } from './workflow-definition.ts';
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
    return this.db.transaction(async (tx) => {
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
      });
      await appendAction(tx, {
        caseId: created.id,
        seq: 1,
        action: 'open',
        fromState: null,
        toState: def.initial,
        actor,
        input: null,
        comment: null,
      });
      await recordAudit(tx, actor, {
        action: 'case.open',
        entityType: 'case',
        entityId: created.id,
        regionCode: input.regionCode,
        detail: { workflow: def.code, caseNo: created.case_no },
      });
      await emitEvent(tx, 'case.opened', { caseId: created.id, workflow: def.code }, input.regionCode);
      return created;
    });
  }

  async get(actor: Actor, id: string) {
    const row = await findCaseInScope(this.db, actor, id);
    if (!row) throw notFound('case', '办件');
    const def = this.getDefinition(row.workflow);
    const history = await listCaseActions(this.db, id);
    return {
      ...this.present(row),
      data: row.data,
      version: row.version,
      history: history.map((h) => ({
        seq: h.seq,
        action: h.action,
        actionName:
          h.action === 'open'
            ? '受理'
            : h.action === 'claim'
              ? '认领'
              : (def.transitions[h.action]?.nameZh ?? h.action),
        fromState: h.from_state,
        fromStateName: h.from_state ? (def.states[h.from_state]?.nameZh ?? h.from_state) : null,
        toState: h.to_state,
        toStateName: def.states[h.to_state]?.nameZh ?? h.to_state,
        actorName: h.actor_name,
        at: new Date(h.at).toISOString(),
        comment: h.comment,
      })),
      actions: row.closed_at
        ? []
        : availableActions(def, { state: row.state, assigneeId: row.assignee_id, regionCode: row.region_code }, actor),
      claimable:
        !row.closed_at &&
        row.assignee_id === null &&
        row.candidate_role !== null &&
        actor.roles.includes(row.candidate_role),
    };
  }

  /** Takes one action; a stale version (someone acted first) is a 409 and changes nothing. */
  async act(
    actor: Actor,
    id: string,
    action: string,
    body: { version: number; comment?: string; input?: Record<string, unknown> },
  ) {
    await this.db.transaction(async (tx) => {
      const row = await findCaseInScope(tx, actor, id);
      if (!row) throw notFound('case', '办件');
      if (row.version !== body.version) throw conflict();
      if (row.closed_at) {
        const step = this.defs.get(row.workflow)?.states[row.state];
        throw new AppError(
          'workflow.transition_invalid',
          `办件已办结(「${step?.nameZh ?? row.state}」),不能再执行「${action}」`,
          `the case is closed ("${step?.nameEn ?? row.state}"); "${action}" is not possible`,
        );
      }
      const def = this.getDefinition(row.workflow);
      const plan = planTransition(
        def,
        { state: row.state, assigneeId: row.assignee_id, regionCode: row.region_code },
        action,
        actor,
        body.input ?? {},
        body.comment,
        this.today(),
      );
      if (!plan.ok) {
        const code =
          plan.reason === 'role' || plan.reason === 'assignee'
            ? 'workflow.forbidden'
            : plan.reason === 'input'
              ? 'request.invalid'
              : 'workflow.transition_invalid';
        throw new AppError(code, plan.messageZh, plan.messageEn, plan.fields);
      }
      const next = def.states[plan.toState];
      const updated = await updateCaseIfVersion(tx, id, body.version, {
        state: plan.toState,
        assigneeId: null,
        candidateRole: next.candidateRole ?? null,
        stepDueOn: plan.stepDueOn,
        closes: plan.closes,
      });
      if (!updated) throw conflict();
      await appendAction(tx, {
        caseId: id,
        seq: body.version + 1,
        action,
        fromState: row.state,
        toState: plan.toState,
        actor,
        input: body.input ?? null,
        comment: body.comment ?? null,
      });
      if (plan.transition.effect) {
        await plan.transition.effect({
          tx,
          actor,
          caseId: id,
          regionCode: row.region_code,
          data: row.data,
          input: body.input ?? {},
        });
      }
      await recordAudit(tx, actor, {
        action: `case.${action}`,
        entityType: 'case',
        entityId: id,
        regionCode: row.region_code,
        reason: body.comment ?? null,
        detail: { from: row.state, to: plan.toState },
      });
      await emitEvent(
        tx,
        'case.transitioned',
        { caseId: id, workflow: def.code, action, from: row.state, to: plan.toState },
        row.region_code,
      );
    });
    return this.get(actor, id);
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
      stateName: def?.states[row.state]?.nameZh ?? row.state,
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

function conflict(): AppError {
  return new AppError(
    'workflow.conflict',
    '该办件已被他人处理,请刷新后重试',
    'someone else acted on this case first; reload and try again',
  );
}
