import type { Actor } from '../../../core/auth/actor.ts';
import { scopeClause } from '../../../core/workflow/workflow.repository.ts';
import type { Queryable } from '../../../db/database.ts';
import type { ApplicationFacts } from '../rules/facts.ts';

/** SQL of applications, their documents and transfers. Every read by an actor filters by scope and business line. */

export const APPLICATION_WORKFLOW = 'assistance.application';

export interface HouseholdMemberRow {
  person_id: string;
  name: string;
  birth_date: string;
  id_masked: string;
  relation_code: string;
}

/** A household in the actor's region scope, with its current members; undefined when not found or out of scope. */
export async function findHouseholdWithMembers(q: Queryable, scope: string, householdId: string) {
  // one round trip: the household and its current members (living, not moved out) in order
  const { rows } = await q.query<{
    id: string;
    region_code: string;
    head_person_id: string | null;
    members: HouseholdMemberRow[];
  }>(
    `SELECT h.id, h.region_code, h.head_person_id,
            coalesce((SELECT json_agg(json_build_object('person_id', m.person_id, 'name', p.name,
                        'birth_date', to_char(p.birth_date, 'YYYY-MM-DD'), 'id_masked', p.id_masked,
                        'relation_code', m.relation_code) ORDER BY m.valid_from, m.id)
                        FROM household_member m JOIN person p ON p.id = m.person_id
                       WHERE m.household_id = h.id AND m.valid_to IS NULL AND p.deceased_on IS NULL), '[]') AS members
       FROM household h WHERE h.id = $1 AND h.region_code LIKE $2`,
    [householdId, `${scope}%`],
  );
  return rows[0];
}

export interface ApplicationRow {
  case_id: string;
  case_no: string;
  state: string;
  version: number;
  region_code: string;
  household_id: string;
  applicant_person_id: string;
  applicant_name: string;
  area: 'urban' | 'rural';
  channel: string;
  requested: { programmes: string[]; needs: { need: string; note: string }[]; stagedMonths?: number };
  emergency: boolean;
  declared: ApplicationFacts;
  verified: ApplicationFacts | null;
  authorisation_document_id: string | null;
  decision: Record<string, unknown> | null;
  policy_snapshot_id: string | null;
  programme: string | null;
  amount_fen: number | null;
  extension_days: number;
  extension_reason: string | null;
  received_on: string;
  due_on: string | null;
  step_due_on: string | null;
  closed_at: Date | null;
}

const APPLICATION_COLUMNS = `a.case_id, c.case_no, c.state, c.version, a.region_code, a.household_id,
  a.applicant_person_id, p.name AS applicant_name, a.area, a.channel, a.requested, a.emergency, a.declared, a.verified,
  a.authorisation_document_id, a.decision, a.policy_snapshot_id, a.programme, a.amount_fen, a.extension_days,
  a.extension_reason, c.received_on, c.due_on, c.step_due_on, c.closed_at`;
const APPLICATION_FROM = `assistance_application a JOIN wf_case c ON c.id = a.case_id
  JOIN person p ON p.id = a.applicant_person_id`;

export async function findApplicationInScope(q: Queryable, actor: Actor, caseId: string) {
  const params: unknown[] = [caseId];
  const { rows } = await q.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM ${APPLICATION_FROM} WHERE a.case_id = $1 AND ${scopeClause(actor, params)}`,
    params,
  );
  return rows[0];
}

/** The application for a workflow effect (the kernel already checked scope), locked for the transaction. */
export async function getApplicationForUpdate(tx: Queryable, caseId: string): Promise<ApplicationRow> {
  await tx.query('SELECT 1 FROM assistance_application WHERE case_id = $1 FOR UPDATE', [caseId]);
  const { rows } = await tx.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM ${APPLICATION_FROM} WHERE a.case_id = $1`,
    [caseId],
  );
  if (!rows[0]) throw new Error(`case ${caseId} has no assistance_application row`);
  return rows[0];
}

export async function insertApplication(
  tx: Queryable,
  a: {
    caseId: string;
    householdId: string;
    applicantPersonId: string;
    regionCode: string;
    area: string;
    channel: string;
    requested: ApplicationRow['requested'];
    emergency: boolean;
    declared: ApplicationFacts;
    /** The proposal made on the declared facts, stored with the row (no second write). */
    proposal: {
      decision: Record<string, unknown>;
      programme: string | null;
      amountFen: number | null;
      policySnapshotId: string | null;
    };
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO assistance_application (case_id, household_id, applicant_person_id, region_code, area, channel,
       requested, emergency, declared, decision, programme, amount_fen, policy_snapshot_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [
      a.caseId,
      a.householdId,
      a.applicantPersonId,
      a.regionCode,
      a.area,
      a.channel,
      JSON.stringify(a.requested),
      a.emergency,
      JSON.stringify(a.declared),
      JSON.stringify(a.proposal.decision),
      a.proposal.programme,
      a.proposal.amountFen,
      a.proposal.policySnapshotId,
    ],
  );
}

/** Stores a decision (classification or refusal) with what it was made on. */
export async function updateDecision(
  tx: Queryable,
  caseId: string,
  d: {
    verified?: ApplicationFacts;
    decision: Record<string, unknown>;
    programme: string | null;
    amountFen: number | null;
    policySnapshotId: string | null;
  },
): Promise<void> {
  await tx.query(
    `UPDATE assistance_application SET verified = coalesce($2::jsonb, verified), decision = $3, programme = $4,
       amount_fen = $5, policy_snapshot_id = $6, updated_at = now(), version = version + 1 WHERE case_id = $1`,
    [
      caseId,
      d.verified ? JSON.stringify(d.verified) : null,
      JSON.stringify(d.decision),
      d.programme,
      d.amountFen,
      d.policySnapshotId,
    ],
  );
}

export interface ApplicationListRow {
  case_id: string;
  case_no: string;
  state: string;
  version: number;
  region_code: string;
  applicant_name: string;
  members: number;
  area: string;
  channel: string;
  programme: string | null;
  amount_fen: number | null;
  received_on: string;
  due_on: string | null;
  step_due_on: string | null;
  closed_at: Date | null;
}

export async function listApplications(
  q: Queryable,
  actor: Actor,
  f: { state?: string; overdue?: boolean; regionPrefix?: string; page: number; pageSize: number; today: string },
) {
  const params: unknown[] = [];
  const where = [scopeClause(actor, params), `c.workflow = '${APPLICATION_WORKFLOW}'`];
  if (f.state) {
    params.push(f.state);
    where.push(`c.state = $${params.length}`);
  }
  if (f.regionPrefix) {
    params.push(`${f.regionPrefix}%`);
    where.push(`c.region_code LIKE $${params.length}`);
  }
  if (f.overdue !== undefined) {
    params.push(f.today);
    const late = `(c.closed_at IS NULL AND coalesce(c.step_due_on, c.due_on) < $${params.length})`;
    where.push(f.overdue ? late : `NOT ${late}`);
  }
  const w = where.join(' AND ');
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${APPLICATION_FROM} WHERE ${w}`, params);
  params.push(f.pageSize, (f.page - 1) * f.pageSize);
  const { rows } = await q.query<ApplicationListRow>(
    `SELECT a.case_id, c.case_no, c.state, c.version, c.region_code, p.name AS applicant_name,
       jsonb_array_length(a.declared->'persons')::int AS members, a.area, a.channel, a.programme, a.amount_fen,
       c.received_on, c.due_on, c.step_due_on, c.closed_at
     FROM ${APPLICATION_FROM} WHERE ${w}
     ORDER BY c.closed_at IS NOT NULL, coalesce(c.step_due_on, c.due_on) NULLS LAST, c.opened_at DESC
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { total: total.rows[0].n, rows };
}

/** Extends the whole procedure once: moves wf_case.due_on and records days and reason; false if already extended. */
export async function extendApplication(
  tx: Queryable,
  caseId: string,
  e: { days: number; reason: string; newDueOn: string },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE assistance_application SET extension_days = $2, extension_reason = $3, updated_at = now(),
       version = version + 1 WHERE case_id = $1 AND extension_days = 0`,
    [caseId, e.days, e.reason],
  );
  if (rowCount !== 1) return false;
  await tx.query('UPDATE wf_case SET due_on = $2 WHERE id = $1', [caseId, e.newDueOn]);
  return true;
}

// ── documents ────────────────────────────────────────────────────────────────────────────────────────────────

export interface DocumentMeta {
  id: string;
  kind: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  created_at: Date;
}

export async function insertDocument(
  tx: Queryable,
  d: {
    caseId: string;
    kind: string;
    fileName: string;
    mimeType: string;
    content: Buffer;
    sha256: string;
    by: string;
    today: string;
  },
): Promise<DocumentMeta> {
  const { rows } = await tx.query<DocumentMeta>(
    `INSERT INTO assistance_document (case_id, kind, file_name, mime_type, size_bytes, sha256, content, uploaded_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     RETURNING id, kind, file_name, mime_type, size_bytes, sha256, uploaded_by, created_at`,
    [d.caseId, d.kind, d.fileName, d.mimeType, d.content.length, d.sha256, d.content, d.by],
  );
  if (d.kind === 'authorisation') {
    await tx.query(
      `UPDATE assistance_application SET authorisation_document_id = $2, authorised_on = $3,
         updated_at = now() WHERE case_id = $1`,
      [d.caseId, rows[0].id, d.today],
    );
  }
  return rows[0];
}

export async function listDocuments(q: Queryable, caseId: string): Promise<DocumentMeta[]> {
  const { rows } = await q.query<DocumentMeta>(
    `SELECT id, kind, file_name, mime_type, size_bytes, sha256, uploaded_by, created_at FROM assistance_document
     WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
  return rows;
}

export async function findDocumentContent(q: Queryable, caseId: string, documentId: string) {
  const { rows } = await q.query<DocumentMeta & { content: Buffer | Uint8Array }>(
    `SELECT id, kind, file_name, mime_type, size_bytes, sha256, uploaded_by, created_at, content
     FROM assistance_document WHERE case_id = $1 AND id = $2`,
    [caseId, documentId],
  );
  return rows[0];
}

export async function hasAuthorisation(q: Queryable, caseId: string): Promise<boolean> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assistance_document WHERE case_id = $1 AND kind = 'authorisation'`,
    [caseId],
  );
  return rows[0].n > 0;
}
