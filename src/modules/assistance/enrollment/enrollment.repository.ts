import type { Actor } from '../../../core/auth/actor.ts';
import type { Queryable } from '../../../db/database.ts';

/** Months are stored as the first day of the month; code uses 'YYYY-MM'. */
export function monthToDate(month: string): string {
  return `${month}-01`;
}

export function dateToMonth(value: string | Date | null): string | null {
  if (value === null) return null;
  const text = typeof value === 'string' ? value : value.toISOString();
  return text.slice(0, 7);
}

export interface EnrollmentRow {
  id: string;
  case_id: string | null;
  household_id: string;
  person_id: string | null;
  region_code: string;
  area: 'urban' | 'rural';
  programme: string;
  status: 'active' | 'suspended' | 'gradual_exit' | 'exited';
  members: number;
  per_capita_income_fen: number;
  amount_fen: number;
  basis: Record<string, unknown>;
  start_month: string;
  end_month: string | null;
  exit_reason: string | null;
  review_interval_months: number;
  next_review_on: string | null;
  policy_snapshot_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const ENROLLMENT_COLUMNS = `e.id, e.case_id, e.household_id, e.person_id, e.region_code, e.area, e.programme, e.status,
  e.members, e.per_capita_income_fen, e.amount_fen, e.basis, to_char(e.start_month, 'YYYY-MM') AS start_month,
  to_char(e.end_month, 'YYYY-MM') AS end_month, e.exit_reason, e.review_interval_months,
  to_char(e.next_review_on, 'YYYY-MM-DD') AS next_review_on, e.policy_snapshot_id, e.created_at, e.updated_at, e.version`;

/** Serialises enrollment creation per case, so a repeated approval effect cannot enrol twice. */
export async function lockCaseEnrollment(tx: Queryable, caseId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('assistance.enroll:' || $1))", [caseId]);
}

export async function findEnrollmentForCase(
  tx: Queryable,
  caseId: string,
  programme: string,
  personId: string | null,
): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM assistance_enrollment
      WHERE case_id = $1 AND programme = $2 AND person_id IS NOT DISTINCT FROM $3::uuid`,
    [caseId, programme, personId],
  );
  return rows[0]?.id;
}

export interface NewEnrollment {
  caseId: string | null;
  householdId: string;
  personId: string | null;
  regionCode: string;
  area: 'urban' | 'rural';
  programme: string;
  members: number;
  perCapitaIncomeFen: number;
  amountFen: number;
  basis: Record<string, unknown>;
  startMonth: string;
  endMonth: string | null;
  reviewIntervalMonths: number;
  nextReviewOn: string | null;
  policySnapshotId: string | null;
}

export async function insertEnrollment(tx: Queryable, e: NewEnrollment): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO assistance_enrollment (case_id, household_id, person_id, region_code, area, programme, status,
       members, per_capita_income_fen, amount_fen, basis, start_month, end_month, review_interval_months,
       next_review_on, policy_snapshot_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9, $10, $11, $12, $13, $14, $15)
     RETURNING id`,
    [
      e.caseId,
      e.householdId,
      e.personId,
      e.regionCode,
      e.area,
      e.programme,
      e.members,
      e.perCapitaIncomeFen,
      e.amountFen,
      JSON.stringify(e.basis),
      monthToDate(e.startMonth),
      e.endMonth === null ? null : monthToDate(e.endMonth),
      e.reviewIntervalMonths,
      e.nextReviewOn,
      e.policySnapshotId,
    ],
  );
  return rows[0].id;
}

export interface NewEnrollmentEvent {
  enrollmentId: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  effectiveMonth: string | null;
  amountFen: number | null;
  reason: string;
  details?: Record<string, unknown>;
}

export async function insertEnrollmentEvent(tx: Queryable, actor: Actor, e: NewEnrollmentEvent): Promise<void> {
  await tx.query(
    `INSERT INTO assistance_enrollment_event (enrollment_id, kind, from_status, to_status, effective_month,
       amount_fen, reason, details, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.enrollmentId,
      e.kind,
      e.fromStatus,
      e.toStatus,
      e.effectiveMonth === null ? null : monthToDate(e.effectiveMonth),
      e.amountFen,
      e.reason,
      JSON.stringify(e.details ?? {}),
      actor.id,
    ],
  );
}

/** One enrollment in the actor's scope (404 material otherwise); FOR UPDATE when about to change it. */
export async function findEnrollmentInScope(
  q: Queryable,
  scopePrefix: string,
  id: string,
  forUpdate = false,
): Promise<EnrollmentRow | undefined> {
  const { rows } = await q.query<EnrollmentRow>(
    `SELECT ${ENROLLMENT_COLUMNS} FROM assistance_enrollment e
      WHERE e.id = $1 AND e.region_code LIKE $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id, `${scopePrefix}%`],
  );
  return rows[0];
}

export { ENROLLMENT_COLUMNS };

export interface EnrollmentListRow extends EnrollmentRow {
  payee_name: string | null;
  payee_id_masked: string | null;
}

const LIST_FROM = `FROM assistance_enrollment e
  LEFT JOIN household h ON h.id = e.household_id
  LEFT JOIN person p ON p.id = coalesce(e.person_id, h.head_person_id)`;

export interface EnrollmentFilter {
  status?: string;
  programme?: string;
  regionCode?: string;
}

function listWhere(scopePrefix: string, f: EnrollmentFilter): { clause: string; params: unknown[] } {
  const where = ['e.region_code LIKE $1'];
  const params: unknown[] = [`${scopePrefix}%`];
  if (f.regionCode) {
    params.push(`${f.regionCode}%`);
    where.push(`e.region_code LIKE $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`e.status = $${params.length}`);
  }
  if (f.programme) {
    params.push(f.programme);
    where.push(`e.programme = $${params.length}`);
  }
  return { clause: where.join(' AND '), params };
}

export async function countEnrollments(q: Queryable, scopePrefix: string, f: EnrollmentFilter): Promise<number> {
  const { clause, params } = listWhere(scopePrefix, f);
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assistance_enrollment e WHERE ${clause}`,
    params,
  );
  return rows[0].n;
}

export async function listEnrollments(
  q: Queryable,
  scopePrefix: string,
  f: EnrollmentFilter,
  limit: number,
  offset: number,
): Promise<EnrollmentListRow[]> {
  const { clause, params } = listWhere(scopePrefix, f);
  const { rows } = await q.query<EnrollmentListRow>(
    `SELECT ${ENROLLMENT_COLUMNS}, p.name AS payee_name, p.id_masked AS payee_id_masked ${LIST_FROM}
      WHERE ${clause} ORDER BY e.region_code, e.created_at, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return rows;
}

export async function findEnrollmentView(
  q: Queryable,
  scopePrefix: string,
  id: string,
): Promise<EnrollmentListRow | undefined> {
  const { rows } = await q.query<EnrollmentListRow>(
    `SELECT ${ENROLLMENT_COLUMNS}, p.name AS payee_name, p.id_masked AS payee_id_masked ${LIST_FROM}
      WHERE e.id = $1 AND e.region_code LIKE $2`,
    [id, `${scopePrefix}%`],
  );
  return rows[0];
}

export async function listEnrollmentEvents(q: Queryable, enrollmentId: string) {
  const { rows } = await q.query<{
    id: number;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    effective_month: string | null;
    amount_fen: number | null;
    reason: string;
    details: Record<string, unknown>;
    actor: string;
    created_at: string;
  }>(
    `SELECT id::int AS id, kind, from_status, to_status, to_char(effective_month, 'YYYY-MM') AS effective_month,
            amount_fen, reason, details, actor, created_at
       FROM assistance_enrollment_event WHERE enrollment_id = $1 ORDER BY id`,
    [enrollmentId],
  );
  return rows;
}

export async function updateEnrollmentState(
  tx: Queryable,
  id: string,
  set: {
    status: string;
    endMonth?: string | null;
    exitReason?: string | null;
    amountFen?: number;
    basis?: Record<string, unknown>;
    perCapitaIncomeFen?: number;
    members?: number;
    nextReviewOn?: string | null;
  },
): Promise<void> {
  await tx.query(
    `UPDATE assistance_enrollment SET status = $2,
        end_month = CASE WHEN $3::boolean THEN $4::date ELSE end_month END,
        exit_reason = CASE WHEN $5::boolean THEN $6 ELSE exit_reason END,
        amount_fen = coalesce($7, amount_fen),
        basis = coalesce($8::jsonb, basis),
        per_capita_income_fen = coalesce($9, per_capita_income_fen),
        members = coalesce($10, members),
        next_review_on = CASE WHEN $11::boolean THEN $12::date ELSE next_review_on END,
        updated_at = now(), version = version + 1
      WHERE id = $1`,
    [
      id,
      set.status,
      set.endMonth !== undefined,
      set.endMonth ? monthToDate(set.endMonth) : null,
      set.exitReason !== undefined,
      set.exitReason ?? null,
      set.amountFen ?? null,
      set.basis ? JSON.stringify(set.basis) : null,
      set.perCapitaIncomeFen ?? null,
      set.members ?? null,
      set.nextReviewOn !== undefined,
      set.nextReviewOn ?? null,
    ],
  );
}

/** Enrollments not yet exited that a person's death or departure concerns: their own, or their household's. */
export async function listOpenEnrollmentsOfPerson(tx: Queryable, personId: string, householdId: string | null) {
  const { rows } = await tx.query<EnrollmentRow>(
    // Three index lookups (person, household, counted member: GIN on basis->'memberIds') instead of one OR that
    // scanned every enrollment per death (migration 0012).
    `SELECT ${ENROLLMENT_COLUMNS} FROM assistance_enrollment e
      WHERE e.id IN (
          SELECT id FROM assistance_enrollment WHERE person_id = $1
          UNION SELECT id FROM assistance_enrollment WHERE person_id IS NULL AND household_id = $2::uuid
          UNION SELECT id FROM assistance_enrollment WHERE person_id IS NULL AND basis->'memberIds' ? $1::text)
        AND e.status <> 'exited'
      FOR UPDATE`,
    [personId, householdId],
  );
  return rows;
}

/**
 * Enrollments whose re-check is due on or before the date and that have no open re-check case. A 临时救助 grant
 * (review interval 0) is never re-checked, even when a member's death brought its review date forward.
 */
export async function listDueRechecks(q: Queryable, today: string, limit: number) {
  const { rows } = await q.query<{ id: string; region_code: string; programme: string }>(
    `SELECT e.id, e.region_code, e.programme FROM assistance_enrollment e
      WHERE e.next_review_on <= $1::date AND e.status IN ('active', 'suspended') AND e.review_interval_months > 0
        AND NOT EXISTS (SELECT 1 FROM wf_case c WHERE c.workflow = 'assistance.recheck' AND c.subject_id = e.id
                          AND c.closed_at IS NULL)
      ORDER BY e.next_review_on, e.id LIMIT $2`,
    [today, limit],
  );
  return rows;
}

export async function findPersonHousehold(q: Queryable, personId: string): Promise<string | null> {
  const { rows } = await q.query<{ household_id: string }>(
    // The current membership first (its partial unique index), else the latest past one.
    `SELECT household_id FROM household_member WHERE person_id = $1
      ORDER BY (valid_to IS NULL) DESC, valid_from DESC LIMIT 1`,
    [personId],
  );
  return rows[0]?.household_id ?? null;
}

/** Enrollments of a resident: their own (单人保, 特困) and those of the household they are a counted member of. */
export async function listEnrollmentsOfResident(q: Queryable, personId: string, householdId: string | null) {
  const { rows } = await q.query<EnrollmentListRow>(
    `SELECT ${ENROLLMENT_COLUMNS}, p.name AS payee_name, p.id_masked AS payee_id_masked ${LIST_FROM}
      WHERE e.person_id = $1 OR (e.person_id IS NULL AND (e.household_id = $2::uuid OR e.basis->'memberIds' ? $1::text))
      ORDER BY e.start_month DESC, e.id`,
    [personId, householdId],
  );
  return rows;
}
