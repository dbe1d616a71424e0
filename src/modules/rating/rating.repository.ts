import type { Actor } from '../../core/auth/actor.ts';
import type { Queryable } from '../../db/database.ts';
import type { GradeCode } from './rating-grades.ts';

/** The fields of a case a rating needs. */
export interface RatedCaseRow {
  id: string;
  case_no: string;
  title: string;
  workflow: string;
  state: string;
  business_line: string;
  region_code: string;
  closed_at: Date | null;
  created_by: string | null;
}

export interface RatingRow {
  id: string;
  case_id: string;
  org_id: string | null;
  region_code: string;
  grade: GradeCode;
  score: number;
  dimensions: string[];
  comment: string | null;
  channel: 'portal' | 'window';
  rated_on: string;
  created_at: Date;
}

const CASE_COLUMNS =
  'c.id, c.case_no, c.title, c.workflow, c.state, c.business_line, c.region_code, c.closed_at, c.created_by';

// A resident's own cases: those about them or about their current household (as the portal lists them).
const RESIDENT_CASES = `((c.subject_type = 'person' AND c.subject_id = $1)
  OR (c.subject_type = 'household' AND c.subject_id IN
      (SELECT m.household_id FROM household_member m WHERE m.person_id = $1 AND m.valid_to IS NULL)))`;

export async function findResidentCase(db: Queryable, personId: string, caseId: string) {
  const { rows } = await db.query<RatedCaseRow>(
    `SELECT ${CASE_COLUMNS} FROM wf_case c WHERE ${RESIDENT_CASES} AND c.id = $2`,
    [personId, caseId],
  );
  return rows[0];
}

/** Scope rule for staff: region prefix and one of the actor's business lines (as for cases). */
function staffScope(actor: Actor, params: unknown[], alias: string): string {
  params.push(`${actor.regionScope}%`);
  const region = `${alias}.region_code LIKE $${params.length}`;
  if (actor.businessLines.has('*')) return region;
  params.push([...actor.businessLines]);
  return `${region} AND ${alias}.business_line = ANY($${params.length}::text[])`;
}

export async function findCaseInStaffScope(db: Queryable, actor: Actor, caseId: string) {
  const params: unknown[] = [caseId];
  const { rows } = await db.query<RatedCaseRow>(
    `SELECT ${CASE_COLUMNS} FROM wf_case c WHERE c.id = $1 AND ${staffScope(actor, params, 'c')}`,
    params,
  );
  return rows[0];
}

/**
 * The organisation that served the case: the one of the staff member who received it, else the most local
 * non-department organisation whose region contains the case's region.
 */
export async function findServingOrganisation(db: Queryable, c: RatedCaseRow): Promise<string | null> {
  const { rows } = await db.query<{ org_id: string | null }>(
    `SELECT coalesce(
       (SELECT u.org_id FROM app_user u WHERE u.id::text = $1),
       (SELECT o.id FROM organisation o WHERE $2 LIKE o.region_code || '%' AND o.kind <> 'department'
        ORDER BY length(o.region_code) DESC LIMIT 1)) AS org_id`,
    [c.created_by, c.region_code],
  );
  return rows[0]?.org_id ?? null;
}

export async function findRatingByCase(db: Queryable, caseId: string): Promise<RatingRow | undefined> {
  const { rows } = await db.query<RatingRow>('SELECT * FROM service_rating WHERE case_id = $1', [caseId]);
  return rows[0];
}

export async function findRating(db: Queryable, id: string): Promise<RatingRow | undefined> {
  const { rows } = await db.query<RatingRow>('SELECT * FROM service_rating WHERE id = $1', [id]);
  return rows[0];
}

export async function insertRating(
  tx: Queryable,
  r: {
    id: string;
    case: RatedCaseRow;
    orgId: string | null;
    grade: GradeCode;
    score: number;
    dimensions: string[];
    comment: string | null;
    channel: 'portal' | 'window';
    ratedByType: 'resident' | 'staff';
    ratedById: string;
    ratedOn: string;
  },
): Promise<RatingRow> {
  const { rows } = await tx.query<RatingRow>(
    `INSERT INTO service_rating (id, case_id, org_id, region_code, business_line, workflow, grade, score, dimensions,
       comment, channel, rated_by_type, rated_by_id, rated_on)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING *`,
    [
      r.id,
      r.case.id,
      r.orgId,
      r.case.region_code,
      r.case.business_line,
      r.case.workflow,
      r.grade,
      r.score,
      r.dimensions,
      r.comment,
      r.channel,
      r.ratedByType,
      r.ratedById,
      r.ratedOn,
    ],
  );
  return rows[0];
}

/** The resident's closed cases, newest first, each with its rating when there is one. */
export async function listResidentClosedCases(db: Queryable, personId: string) {
  const { rows } = await db.query<RatedCaseRow & { grade: GradeCode | null; rated_on: string | null }>(
    `SELECT ${CASE_COLUMNS}, r.grade, r.rated_on
     FROM wf_case c LEFT JOIN service_rating r ON r.case_id = c.id
     WHERE ${RESIDENT_CASES} AND c.closed_at IS NOT NULL
     ORDER BY c.closed_at DESC LIMIT 50`,
    [personId],
  );
  return rows;
}

export async function findFollowUpCaseId(db: Queryable, ratingId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM wf_case WHERE workflow = 'rating.follow_up' AND subject_type = 'rating' AND subject_id = $1`,
    [ratingId],
  );
  return rows[0]?.id;
}

/** Counts per serving organisation and grade within the actor's scope, plus each organisation's open follow-ups. */
export async function countRatingsByOrganisation(db: Queryable, actor: Actor, q: { from?: string; to?: string }) {
  const params: unknown[] = [];
  const where = [staffScope(actor, params, 'r')];
  if (q.from) {
    params.push(q.from);
    where.push(`r.rated_on >= $${params.length}::date`);
  }
  if (q.to) {
    params.push(q.to);
    where.push(`r.rated_on <= $${params.length}::date`);
  }
  const { rows } = await db.query<{
    org_id: string | null;
    org_name: string | null;
    grade: GradeCode;
    n: number;
    open_follow_ups: number;
  }>(
    `SELECT r.org_id, o.name AS org_name, r.grade, count(*)::int AS n,
       count(f.id) FILTER (WHERE f.closed_at IS NULL)::int AS open_follow_ups
     FROM service_rating r
     LEFT JOIN organisation o ON o.id = r.org_id
     LEFT JOIN wf_case f ON f.workflow = 'rating.follow_up' AND f.subject_type = 'rating' AND f.subject_id = r.id
     WHERE ${where.join(' AND ')}
     GROUP BY r.org_id, o.name, r.grade
     ORDER BY o.name NULLS LAST, r.grade`,
    params,
  );
  return rows;
}
