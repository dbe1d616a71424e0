import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export interface HouseholdRow {
  id: string;
  household_no: string;
  head_person_id: string | null;
  head_name: string | null;
  address: string;
  region_code: string;
  member_count: number;
  version: number;
}

export interface MemberRow {
  person_id: string;
  name: string;
  sex: string;
  birth_date: string;
  id_masked: string;
  relation_code: string;
  valid_from: string;
  valid_to: string | null;
}

const SELECT = `SELECT h.id, h.household_no, h.head_person_id, hp.name AS head_name, h.address, h.region_code, h.version,
  (SELECT count(*)::int FROM household_member m WHERE m.household_id = h.id AND m.valid_to IS NULL) AS member_count
  FROM household h LEFT JOIN person hp ON hp.id = h.head_person_id`;

function householdWhere(actor: Actor, f: { q?: string; regionPrefix?: string }, params: unknown[]): string {
  params.push(`${actor.regionScope}%`);
  const where = [`h.region_code LIKE $${params.length}`];
  if (f.regionPrefix) {
    params.push(`${f.regionPrefix}%`);
    where.push(`h.region_code LIKE $${params.length}`);
  }
  if (f.q) {
    params.push(f.q);
    params.push(`${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(h.household_no = $${params.length - 1} OR hp.name LIKE $${params.length})`);
  }
  return where.join(' AND ');
}

export async function countHouseholds(db: Queryable, actor: Actor, f: { q?: string; regionPrefix?: string }) {
  const params: unknown[] = [];
  const w = householdWhere(actor, f, params);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM household h LEFT JOIN person hp ON hp.id = h.head_person_id WHERE ${w}`,
    params,
  );
  return rows[0].n;
}

export async function listHouseholds(
  db: Queryable,
  actor: Actor,
  f: { q?: string; regionPrefix?: string },
  limit: number,
  offset: number,
) {
  const params: unknown[] = [];
  const w = householdWhere(actor, f, params);
  params.push(limit, offset);
  const { rows } = await db.query<HouseholdRow>(
    `${SELECT} WHERE ${w} ORDER BY h.region_code, h.household_no LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows;
}

export async function findHouseholdInScope(db: Queryable, actor: Actor, id: string): Promise<HouseholdRow | undefined> {
  const { rows } = await db.query<HouseholdRow>(`${SELECT} WHERE h.id = $1 AND h.region_code LIKE $2`, [
    id,
    `${actor.regionScope}%`,
  ]);
  return rows[0];
}

/** Every membership the household ever had, current ones first. */
export async function listMemberships(db: Queryable, householdId: string): Promise<MemberRow[]> {
  const { rows } = await db.query<MemberRow>(
    `SELECT m.person_id, p.name, p.sex, p.birth_date, p.id_masked, m.relation_code, m.valid_from, m.valid_to
     FROM household_member m JOIN person p ON p.id = m.person_id
     WHERE m.household_id = $1 ORDER BY (m.valid_to IS NULL) DESC, m.valid_from, m.id`,
    [householdId],
  );
  return rows;
}

export async function insertHousehold(tx: Queryable, h: { address: string; regionCode: string; headPersonId: string }) {
  const { rows } = await tx.query<{ id: string; household_no: string }>(
    `INSERT INTO household (household_no, head_person_id, address, region_code)
     VALUES ($1 || lpad(nextval('household_no_seq')::text, 6, '0'), $2, $3, $4) RETURNING id, household_no`,
    [h.regionCode.slice(0, 9), h.headPersonId, h.address, h.regionCode],
  );
  return rows[0];
}

export async function findCurrentMembership(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ id: number; household_id: string; valid_from: string }>(
    'SELECT id, household_id, valid_from FROM household_member WHERE person_id = $1 AND valid_to IS NULL',
    [personId],
  );
  return rows[0];
}

export async function insertMembership(
  tx: Queryable,
  m: { householdId: string; personId: string; relationCode: string; validFrom: string },
) {
  await tx.query(
    'INSERT INTO household_member (household_id, person_id, relation_code, valid_from) VALUES ($1, $2, $3, $4)',
    [m.householdId, m.personId, m.relationCode, m.validFrom],
  );
}

/** Ends a membership; the row stays as history. */
export async function closeMembership(tx: Queryable, id: number, validTo: string) {
  await tx.query('UPDATE household_member SET valid_to = $2 WHERE id = $1 AND valid_to IS NULL', [id, validTo]);
}
