import type { Queryable } from '../../../db/database.ts';

/** SQL of 公示 notices and objections. */

export interface PublicityRow {
  id: string;
  case_id: string;
  village_code: string;
  masked_name: string;
  programme: string;
  members: number;
  amount_fen: number;
  starts_on: string;
  ends_on: string;
  status: 'open' | 'closed' | 'withdrawn';
  created_at: Date;
}

export interface ObjectionRow {
  id: string;
  publicity_id: string;
  received_on: string;
  content: string;
  contact: string | null;
  status: 'open' | 'resolved';
  outcome: 'upheld' | 'dismissed' | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  recorded_by: string;
  created_at: Date;
}

export async function insertPublicity(
  tx: Queryable,
  p: Omit<PublicityRow, 'id' | 'status' | 'created_at'>,
): Promise<PublicityRow> {
  const { rows } = await tx.query<PublicityRow>(
    `INSERT INTO assistance_publicity (case_id, village_code, masked_name, programme, members, amount_fen, starts_on,
       ends_on) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
    [p.case_id, p.village_code, p.masked_name, p.programme, p.members, p.amount_fen, p.starts_on, p.ends_on],
  );
  return rows[0];
}

/** The case's current notice (open), else its latest one. */
export async function findLatestPublicity(q: Queryable, caseId: string): Promise<PublicityRow | undefined> {
  const { rows } = await q.query<PublicityRow>(
    `SELECT * FROM assistance_publicity WHERE case_id = $1 ORDER BY status = 'open' DESC, created_at DESC LIMIT 1`,
    [caseId],
  );
  return rows[0];
}

export async function setPublicityStatus(tx: Queryable, caseId: string, status: 'closed' | 'withdrawn') {
  await tx.query(`UPDATE assistance_publicity SET status = $2 WHERE case_id = $1 AND status = 'open'`, [
    caseId,
    status,
  ]);
}

/** Notices of one village shown on a date: open, not past their last day, their case still open (not withdrawn). */
export async function listOpenPublicity(q: Queryable, village: string, today: string): Promise<PublicityRow[]> {
  const { rows } = await q.query<PublicityRow>(
    `SELECT p.* FROM assistance_publicity p JOIN wf_case c ON c.id = p.case_id
     WHERE p.village_code = $1 AND p.status = 'open' AND p.ends_on >= $2 AND c.closed_at IS NULL
     ORDER BY p.starts_on, p.masked_name LIMIT 500`,
    [village, today],
  );
  return rows;
}

export async function findPublicity(q: Queryable, id: string, lock = false): Promise<PublicityRow | undefined> {
  const { rows } = await q.query<PublicityRow>(
    `SELECT * FROM assistance_publicity WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

export async function insertObjection(
  tx: Queryable,
  o: { publicityId: string; receivedOn: string; content: string; contact: string | null; by: string },
): Promise<ObjectionRow> {
  const { rows } = await tx.query<ObjectionRow>(
    `INSERT INTO assistance_objection (publicity_id, received_on, content, contact, recorded_by)
     VALUES ($1,$2,$3,$4,$5) RETURNING *`,
    [o.publicityId, o.receivedOn, o.content, o.contact, o.by],
  );
  return rows[0];
}

export async function listObjections(q: Queryable, publicityId: string): Promise<ObjectionRow[]> {
  const { rows } = await q.query<ObjectionRow>(
    'SELECT * FROM assistance_objection WHERE publicity_id = $1 ORDER BY created_at, id',
    [publicityId],
  );
  return rows;
}

export async function countOpenObjections(q: Queryable, caseId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assistance_objection o JOIN assistance_publicity p ON p.id = o.publicity_id
     WHERE p.case_id = $1 AND o.status = 'open'`,
    [caseId],
  );
  return rows[0].n;
}

export async function findObjection(q: Queryable, id: string, lock = false) {
  const { rows } = await q.query<ObjectionRow & { case_id: string }>(
    `SELECT o.*, p.case_id FROM assistance_objection o JOIN assistance_publicity p ON p.id = o.publicity_id
     WHERE o.id = $1${lock ? ' FOR UPDATE OF o' : ''}`,
    [id],
  );
  return rows[0];
}

export async function resolveObjection(
  tx: Queryable,
  id: string,
  r: { outcome: 'upheld' | 'dismissed'; resolution: string; by: string },
): Promise<ObjectionRow> {
  const { rows } = await tx.query<ObjectionRow>(
    `UPDATE assistance_objection SET status = 'resolved', outcome = $2, resolution = $3, resolved_by = $4,
       resolved_at = now() WHERE id = $1 RETURNING *`,
    [id, r.outcome, r.resolution, r.by],
  );
  return rows[0];
}
