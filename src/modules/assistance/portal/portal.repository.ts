import type { Queryable } from '../../../db/database.ts';
import type { ApplicationRow } from '../application/application.repository.ts';

/**
 * SQL of the resident portal's assistance pages. A resident reads only applications of the household they belong to
 * now, or made by them; anything else is "not found", the same as a missing id.
 */

const OWN = `(a.applicant_person_id = $1 OR a.household_id IN (
  SELECT household_id FROM household_member WHERE person_id = $1 AND valid_to IS NULL))`;

const COLUMNS = `a.case_id, c.case_no, c.state, c.version, a.region_code, a.household_id,
  a.applicant_person_id, p.name AS applicant_name, a.area, a.channel, a.requested, a.emergency, a.declared, a.verified,
  a.authorisation_document_id, a.decision, a.policy_snapshot_id, a.programme, a.amount_fen, a.extension_days,
  a.extension_reason, c.received_on, c.due_on, c.step_due_on, c.closed_at`;

const FROM = `assistance_application a JOIN wf_case c ON c.id = a.case_id JOIN person p ON p.id = a.applicant_person_id`;

/** One of the resident's own applications, or undefined. */
export async function findOwnApplication(
  q: Queryable,
  personId: string,
  caseId: string,
): Promise<ApplicationRow | undefined> {
  const { rows } = await q.query<ApplicationRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.case_id = $2 AND ${OWN}`, [
    personId,
    caseId,
  ]);
  return rows[0];
}

export interface OwnApplicationRow {
  case_id: string;
  case_no: string;
  state: string;
  programme: string | null;
  amount_fen: number | null;
  received_on: string;
  due_on: string | null;
  step_due_on: string | null;
  closed_at: Date | null;
}

/** The resident's applications, newest first. */
export async function listOwnApplications(q: Queryable, personId: string): Promise<OwnApplicationRow[]> {
  const { rows } = await q.query<OwnApplicationRow>(
    `SELECT a.case_id, c.case_no, c.state, a.programme, a.amount_fen, c.received_on, c.due_on, c.step_due_on,
       c.closed_at
     FROM assistance_application a JOIN wf_case c ON c.id = a.case_id
     WHERE ${OWN} ORDER BY c.opened_at DESC LIMIT 50`,
    [personId],
  );
  return rows;
}

export interface OwnEnrollmentRow {
  id: string;
  programme: string;
  status: string;
  members: number;
  amount_fen: number;
  start_month: string;
  end_month: string | null;
  next_review_on: string | null;
}

/** Enrollments of the resident's current household (or their own one-person enrollment). */
export async function listOwnEnrollments(q: Queryable, personId: string): Promise<OwnEnrollmentRow[]> {
  const { rows } = await q.query<OwnEnrollmentRow>(
    `SELECT e.id, e.programme, e.status, e.members, e.amount_fen, to_char(e.start_month, 'YYYY-MM') AS start_month,
       to_char(e.end_month, 'YYYY-MM') AS end_month, to_char(e.next_review_on, 'YYYY-MM-DD') AS next_review_on
     FROM assistance_enrollment e
     WHERE e.person_id = $1 OR e.household_id IN (
       SELECT household_id FROM household_member WHERE person_id = $1 AND valid_to IS NULL)
     ORDER BY e.created_at DESC`,
    [personId],
  );
  return rows;
}

export interface OwnReportRow {
  id: string;
  enrollment_id: string;
  kind: string;
  period: string | null;
  status: string;
  review_note: string | null;
  created_at: Date;
}

/** Reports the household filed (定期报告 and 变更报告), newest first. */
export async function listOwnReports(q: Queryable, enrollmentIds: readonly string[]): Promise<OwnReportRow[]> {
  if (enrollmentIds.length === 0) return [];
  const { rows } = await q.query<OwnReportRow>(
    `SELECT id, enrollment_id, kind, period, status, review_note, created_at FROM assistance_report
     WHERE enrollment_id = ANY($1::uuid[]) ORDER BY created_at DESC LIMIT 50`,
    [enrollmentIds],
  );
  return rows;
}
