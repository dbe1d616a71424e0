import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { ApprovalStatus } from './step-rules.ts';
import { scopeClause } from './workflow.repository.ts';

export interface ApprovalRow {
  id: string;
  step: string;
  entered_seq: number;
  mode: 'all' | 'any';
  role: string;
  approver_id: string;
  approver_name: string;
  status: ApprovalStatus;
  origin: 'assigned' | 'added' | 'transferred';
  added_by: string | null;
  transferred_from: string | null;
  created_at: Date;
  decided_at: Date | null;
  comment: string | null;
}

export interface EligibleUser {
  id: string;
  display_name: string;
  org_name: string;
}

/** Every approval task of a case the actor may see (all steps and rounds, oldest first). */
export async function listApprovals(db: Queryable, actor: Actor, caseId: string): Promise<ApprovalRow[]> {
  const params: unknown[] = [caseId];
  const { rows } = await db.query<ApprovalRow>(
    `SELECT a.id, a.step, a.entered_seq, a.mode, a.role, a.approver_id, u.display_name AS approver_name, a.status,
       a.origin, a.added_by, a.transferred_from, a.created_at, a.decided_at, a.comment
     FROM wf_approval a JOIN wf_case c ON c.id = a.case_id JOIN app_user u ON u.id = a.approver_id
     WHERE a.case_id = $1 AND ${scopeClause(actor, params)}
     ORDER BY a.entered_seq, a.created_at, u.display_name`,
    params,
  );
  return rows;
}

/**
 * Active users holding a role, covering a business line, whose own jurisdiction contains the case's region — the
 * only people who could see the case and so the only ones who may be asked to decide it. ids narrows the list.
 */
export async function findEligibleUsers(
  db: Queryable,
  f: { role: string; businessLine: string; caseRegion: string; ids?: readonly string[] },
): Promise<EligibleUser[]> {
  const params: unknown[] = [f.role, f.businessLine, f.caseRegion];
  let ids = '';
  if (f.ids) {
    params.push(f.ids);
    ids = `AND u.id = ANY($${params.length}::uuid[])`;
  }
  const { rows } = await db.query<EligibleUser>(
    `SELECT u.id, u.display_name, o.name AS org_name
     FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.code = ur.role_code
       JOIN organisation o ON o.id = u.org_id
     WHERE ur.role_code = $1 AND ($2 = ANY(r.business_lines) OR '*' = ANY(r.business_lines))
       AND u.is_active AND $3 LIKE u.region_scope || '%' ${ids}
     ORDER BY length(u.region_scope) DESC, u.display_name
     LIMIT 200`,
    params,
  );
  return rows;
}

export async function insertApprovalTasks(
  tx: Queryable,
  t: {
    caseId: string;
    step: string;
    enteredSeq: number;
    mode: 'all' | 'any';
    role: string;
    approverIds: readonly string[];
    origin: 'assigned' | 'added' | 'transferred';
    addedBy: string;
    transferredFrom?: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO wf_approval (case_id, step, entered_seq, mode, role, approver_id, origin, added_by, transferred_from)
     SELECT $1, $2, $3, $4, $5, approver, $7, $8, $9 FROM unnest($6::uuid[]) AS approver`,
    [t.caseId, t.step, t.enteredSeq, t.mode, t.role, t.approverIds, t.origin, t.addedBy, t.transferredFrom ?? null],
  );
}

/** Records one approver's decision; false when the task was no longer pending. */
export async function decideTask(
  tx: Queryable,
  id: string,
  status: Exclude<ApprovalStatus, 'pending'>,
  comment: string | null,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE wf_approval SET status = $2, comment = $3, decided_at = now() WHERE id = $1 AND status = 'pending'`,
    [id, status, comment],
  );
  return rowCount === 1;
}

/** Closes every still-pending task of the case (the step ended another way, or the case was withdrawn). */
export async function closePendingTasks(tx: Queryable, caseId: string, status: 'skipped' | 'withdrawn') {
  await tx.query(`UPDATE wf_approval SET status = $2, decided_at = now() WHERE case_id = $1 AND status = 'pending'`, [
    caseId,
    status,
  ]);
}

/** Whether anyone has approved anything in this case yet (撤销 is possible only before). */
export async function hasAnyApproval(tx: Queryable, caseId: string): Promise<boolean> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM wf_approval WHERE case_id = $1 AND status = 'approved'`,
    [caseId],
  );
  return rows[0].n > 0;
}
