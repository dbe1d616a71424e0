import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export interface CaseRow {
  id: string;
  case_no: string;
  workflow: string;
  business_line: string;
  state: string;
  region_code: string;
  subject_type: string | null;
  subject_id: string | null;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  candidate_role: string | null;
  data: Record<string, unknown>;
  received_on: string;
  due_on: string | null;
  step_due_on: string | null;
  opened_at: Date;
  closed_at: Date | null;
  created_by: string | null;
  version: number;
}

export interface ActionRow {
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
  comment: string | null;
  input: Record<string, unknown> | null;
}

const CASE_COLUMNS = `c.id, c.case_no, c.workflow, c.business_line, c.state, c.region_code, c.subject_type, c.subject_id,
  c.title, c.assignee_id, u.display_name AS assignee_name, c.candidate_role, c.data, c.received_on, c.due_on,
  c.step_due_on, c.opened_at, c.closed_at, c.created_by, c.version`;

/** Scope rule for cases: region prefix AND one of the actor's business lines. */
export function scopeClause(actor: Actor, params: unknown[]): string {
  params.push(`${actor.regionScope}%`);
  const region = `c.region_code LIKE $${params.length}`;
  if (actor.businessLines.has('*')) return region;
  params.push([...actor.businessLines]);
  return `${region} AND c.business_line = ANY($${params.length}::text[])`;
}

/** A case the actor may see, or undefined (outside scope looks like not found). */
export async function findCaseInScope(db: Queryable, actor: Actor, id: string): Promise<CaseRow | undefined> {
  const params: unknown[] = [id];
  const { rows } = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM wf_case c LEFT JOIN app_user u ON u.id = c.assignee_id
     WHERE c.id = $1 AND ${scopeClause(actor, params)}`,
    params,
  );
  return rows[0];
}

export async function listCaseActions(db: Queryable, caseId: string): Promise<ActionRow[]> {
  const { rows } = await db.query<ActionRow>(
    'SELECT seq, action, from_state, to_state, actor_id, actor_name, at, comment, input FROM wf_action WHERE case_id = $1 ORDER BY seq',
    [caseId],
  );
  return rows;
}

export async function insertCase(
  tx: Queryable,
  c: {
    workflow: string;
    businessLine: string;
    state: string;
    regionCode: string;
    subjectType: string | null;
    subjectId: string | null;
    title: string;
    candidateRole: string | null;
    data: Record<string, unknown>;
    receivedOn: string;
    dueOn: string | null;
    stepDueOn: string | null;
    createdBy: string;
    /** Counts for the one-open-case-per-subject index (WorkflowDef.oneOpenPerSubject). */
    exclusive: boolean;
    /**
     * Who opened it. The same statement writes the history row seq 1 ('open' → state) and the outbox event
     * 'case.opened' { caseId, workflow } (emitEvent's row), so opening a case costs one round trip.
     */
    openedBy: Actor;
  },
): Promise<{ id: string; case_no: string }> {
  const { rows } = await tx.query<{ id: string; case_no: string }>(
    `WITH created AS (
       INSERT INTO wf_case (case_no, workflow, business_line, state, region_code, subject_type, subject_id, title,
         candidate_role, data, received_on, due_on, step_due_on, created_by, exclusive)
       VALUES ('HM' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('case_no_seq')::text, 6, '0'),
         $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $16)
       RETURNING id, case_no),
     opening AS (
       INSERT INTO wf_action (case_id, seq, action, from_state, to_state, actor_id, actor_name)
       SELECT id, 1, 'open', NULL, $3, $14, $15 FROM created),
     announced AS (
       INSERT INTO event_outbox (type, payload, region_code)
       SELECT 'case.opened', jsonb_build_object('caseId', id, 'workflow', $1::text), $4 FROM created)
     SELECT id, case_no FROM created`,
    [
      c.workflow,
      c.businessLine,
      c.state,
      c.regionCode,
      c.subjectType,
      c.subjectId,
      c.title,
      c.candidateRole,
      JSON.stringify(c.data),
      c.receivedOn,
      c.dueOn,
      c.stepDueOn,
      c.createdBy,
      c.openedBy.id,
      c.openedBy.name,
      c.exclusive,
    ],
  );
  return rows[0];
}

/** The open case of an exclusive workflow for a subject (the one a second opening collided with). */
export async function findOpenExclusiveCase(
  q: Queryable,
  workflow: string,
  subjectType: string | null,
  subjectId: string | null,
): Promise<{ id: string; case_no: string } | undefined> {
  const { rows } = await q.query<{ id: string; case_no: string }>(
    `SELECT id, case_no FROM wf_case
      WHERE workflow = $1 AND subject_type IS NOT DISTINCT FROM $2 AND subject_id = $3 AND exclusive
        AND closed_at IS NULL`,
    [workflow, subjectType, subjectId],
  );
  return rows[0];
}

/** Optimistic concurrency: the update only lands when the version the actor saw is still current. */
export async function updateCaseIfVersion(
  tx: Queryable,
  id: string,
  expectedVersion: number,
  change: {
    state: string;
    assigneeId: string | null;
    candidateRole: string | null;
    stepDueOn: string | null;
    closes: boolean;
  },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE wf_case SET state = $3, assignee_id = $4, candidate_role = $5, step_due_on = $6,
       closed_at = CASE WHEN $7::boolean THEN now() ELSE closed_at END, version = version + 1
     WHERE id = $1 AND version = $2`,
    [id, expectedVersion, change.state, change.assigneeId, change.candidateRole, change.stepDueOn, change.closes],
  );
  return rowCount === 1;
}

/**
 * An action that keeps the case in its step (会签 vote, 转办, 加签, 催办) still takes the next version, so each history
 * row has its own seq and anyone who saw the case before it gets a 409. assigneeId undefined leaves the claim as is.
 */
export async function touchCaseIfVersion(
  tx: Queryable,
  id: string,
  expectedVersion: number,
  assigneeId?: string | null,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE wf_case SET version = version + 1,
       assignee_id = CASE WHEN $3::boolean THEN $4::uuid ELSE assignee_id END
     WHERE id = $1 AND version = $2 AND closed_at IS NULL`,
    [id, expectedVersion, assigneeId !== undefined, assigneeId ?? null],
  );
  return rowCount === 1;
}

export async function claimCaseIfVersion(tx: Queryable, id: string, expectedVersion: number, userId: string) {
  const { rowCount } = await tx.query(
    'UPDATE wf_case SET assignee_id = $3, version = version + 1 WHERE id = $1 AND version = $2 AND assignee_id IS NULL',
    [id, expectedVersion, userId],
  );
  return rowCount === 1;
}

export async function appendAction(
  tx: Queryable,
  a: {
    caseId: string;
    seq: number;
    action: string;
    fromState: string | null;
    toState: string;
    actor: Actor;
    input: Record<string, unknown> | null;
    comment: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO wf_action (case_id, seq, action, from_state, to_state, actor_id, actor_name, input, comment)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      a.caseId,
      a.seq,
      a.action,
      a.fromState,
      a.toState,
      a.actor.id,
      a.actor.name,
      a.input ? JSON.stringify(a.input) : null,
      a.comment,
    ],
  );
}

export type TaskScope = 'mine' | 'claimable' | 'all';

/** Open cases for a worklist, always within the actor's scope. */
export async function listTasks(db: Queryable, actor: Actor, scope: TaskScope, page: number, pageSize: number) {
  const params: unknown[] = [];
  const where = [scopeClause(actor, params), 'c.closed_at IS NULL'];
  if (scope === 'mine') {
    // my claims and the 会签/或签 steps waiting for my decision
    params.push(actor.id);
    where.push(`(c.assignee_id = $${params.length} OR EXISTS (SELECT 1 FROM wf_approval a
      WHERE a.case_id = c.id AND a.step = c.state AND a.approver_id = $${params.length} AND a.status = 'pending'))`);
  } else if (scope === 'claimable') {
    params.push([...actor.roles]);
    where.push(`c.assignee_id IS NULL AND c.candidate_role = ANY($${params.length}::text[])`);
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM wf_case c WHERE ${w}`, params);
  params.push(pageSize, (page - 1) * pageSize);
  const { rows } = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM wf_case c LEFT JOIN app_user u ON u.id = c.assignee_id WHERE ${w}
     ORDER BY coalesce(c.step_due_on, c.due_on) NULLS LAST, c.opened_at
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { total: total.rows[0].n, rows };
}
