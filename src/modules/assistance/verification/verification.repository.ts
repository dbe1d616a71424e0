import type { Queryable } from '../../../db/database.ts';
import type { FactCheck } from './verification.schema.ts';

/** SQL of visits and findings. Callers have already checked that the case is in the actor's scope. */

export interface VisitRow {
  id: string;
  case_id: string;
  kind: 'home_visit' | 'neighbour_interview';
  visited_on: string;
  investigator_ids: string[];
  notes: string;
  observations: Record<string, unknown>;
  created_by: string;
  created_at: Date;
}

export async function insertVisit(
  tx: Queryable,
  v: { caseId: string; kind: string; visitedOn: string; notes: string; observations: unknown; by: string },
): Promise<VisitRow> {
  const { rows } = await tx.query<VisitRow>(
    `INSERT INTO assistance_visit (case_id, kind, visited_on, investigator_ids, notes, observations, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
    [v.caseId, v.kind, v.visitedOn, JSON.stringify([v.by]), v.notes, JSON.stringify(v.observations), v.by],
  );
  return rows[0];
}

export async function findVisitForUpdate(tx: Queryable, id: string): Promise<VisitRow | undefined> {
  const { rows } = await tx.query<VisitRow>('SELECT * FROM assistance_visit WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

export async function setVisitInvestigators(tx: Queryable, id: string, ids: readonly string[]): Promise<VisitRow> {
  const { rows } = await tx.query<VisitRow>(
    'UPDATE assistance_visit SET investigator_ids = $2 WHERE id = $1 RETURNING *',
    [id, JSON.stringify(ids)],
  );
  return rows[0];
}

export async function listVisits(
  q: Queryable,
  caseId: string,
): Promise<(VisitRow & { investigator_names: string[] })[]> {
  const { rows } = await q.query<VisitRow & { investigator_names: string[] }>(
    `SELECT v.*, coalesce((SELECT array_agg(u.display_name ORDER BY x.ord) FROM jsonb_array_elements_text(v.investigator_ids)
         WITH ORDINALITY AS x(id, ord) JOIN app_user u ON u.id::text = x.id), '{}') AS investigator_names
     FROM assistance_visit v WHERE v.case_id = $1 ORDER BY v.created_at, v.id`,
    [caseId],
  );
  return rows;
}

export interface FindingRow {
  id: string;
  case_id: string;
  source: string;
  category: string;
  member_person_id: string | null;
  declared: unknown;
  found: { check: FactCheck; value: unknown; department?: string | null };
  status: 'open' | 'resolved';
  resolution: string | null;
  outcome: 'accept_found' | 'keep_declared' | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

export async function insertFinding(
  tx: Queryable,
  f: { caseId: string; source: string; check: FactCheck; declared: unknown; found: unknown; department?: string },
): Promise<FindingRow> {
  const memberId = 'memberId' in f.check ? (f.check.memberId ?? null) : null;
  const { rows } = await tx.query<FindingRow>(
    `INSERT INTO assistance_finding (case_id, source, category, member_person_id, declared, found)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
    [
      f.caseId,
      f.source,
      f.check.category,
      memberId,
      JSON.stringify(f.declared),
      JSON.stringify({ check: f.check, value: f.found, department: f.department ?? null }),
    ],
  );
  return rows[0];
}

export async function listFindings(q: Queryable, caseId: string): Promise<FindingRow[]> {
  const { rows } = await q.query<FindingRow>(
    // resolved ones in the order they were resolved: verified facts apply them in that order
    'SELECT * FROM assistance_finding WHERE case_id = $1 ORDER BY resolved_at NULLS LAST, created_at, id',
    [caseId],
  );
  return rows;
}

export async function findFindingForUpdate(tx: Queryable, id: string): Promise<FindingRow | undefined> {
  const { rows } = await tx.query<FindingRow>('SELECT * FROM assistance_finding WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

export async function resolveFinding(
  tx: Queryable,
  id: string,
  r: { outcome: string; note: string; by: string },
): Promise<FindingRow> {
  const { rows } = await tx.query<FindingRow>(
    `UPDATE assistance_finding SET status = 'resolved', outcome = $2, resolution = $3, resolved_by = $4,
       resolved_at = clock_timestamp() WHERE id = $1 RETURNING *`,
    [id, r.outcome, r.note, r.by],
  );
  return rows[0];
}
