import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

/** Columns safe for lists: masked identifiers only. */
const LIST_COLUMNS = `p.id, p.name, p.sex, p.birth_date, p.id_masked, p.phone_masked, p.region_code, p.ethnicity,
  p.hukou_region_code, p.disability_category, p.disability_level, p.health_status, p.labour_capacity,
  p.employment_status, p.monthly_income_fen, p.deceased_on, p.created_at, p.updated_at, p.version,
  m.household_id, h.household_no, m.relation_code`;

export interface PersonRow {
  id: string;
  name: string;
  sex: string;
  birth_date: string;
  id_masked: string;
  phone_masked: string | null;
  region_code: string;
  ethnicity: string;
  hukou_region_code: string;
  disability_category: string | null;
  disability_level: number | null;
  health_status: string;
  labour_capacity: string;
  employment_status: string;
  monthly_income_fen: number;
  deceased_on: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  household_id: string | null;
  household_no: string | null;
  relation_code: string | null;
}

export interface PersonFilter {
  namePrefix?: string;
  idIndex?: Buffer;
  regionPrefix?: string;
  householdId?: string;
}

/** WHERE clause for persons: always the actor's region scope first, then the filters. */
function personWhere(actor: Actor, f: PersonFilter, params: unknown[]): string {
  const where: string[] = [];
  params.push(`${actor.regionScope}%`);
  where.push(`p.region_code LIKE $${params.length}`);
  if (f.regionPrefix) {
    params.push(`${f.regionPrefix}%`);
    where.push(`p.region_code LIKE $${params.length}`);
  }
  if (f.namePrefix) {
    params.push(`${f.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`p.name LIKE $${params.length}`);
  }
  if (f.idIndex) {
    params.push(f.idIndex);
    where.push(`p.id_index = $${params.length}`);
  }
  if (f.householdId) {
    params.push(f.householdId);
    where.push(`m.household_id = $${params.length}`);
  }
  return where.join(' AND ');
}

const FROM = `person p
  LEFT JOIN household_member m ON m.person_id = p.id AND m.valid_to IS NULL
  LEFT JOIN household h ON h.id = m.household_id`;

export async function countPersons(db: Queryable, actor: Actor, f: PersonFilter): Promise<number> {
  const params: unknown[] = [];
  const w = personWhere(actor, f, params);
  const from = f.householdId ? FROM : 'person p';
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${w}`, params);
  return rows[0].n;
}

export async function listPersons(db: Queryable, actor: Actor, f: PersonFilter, limit: number, offset: number) {
  const params: unknown[] = [];
  const w = personWhere(actor, f, params);
  params.push(limit, offset);
  const { rows } = await db.query<PersonRow>(
    `SELECT ${LIST_COLUMNS} FROM ${FROM} WHERE ${w} ORDER BY p.region_code, p.name, p.id
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows;
}

export async function findPersonInScope(db: Queryable, actor: Actor, id: string): Promise<PersonRow | undefined> {
  const { rows } = await db.query<PersonRow>(
    `SELECT ${LIST_COLUMNS} FROM ${FROM} WHERE p.id = $1 AND p.region_code LIKE $2`,
    [id, `${actor.regionScope}%`],
  );
  return rows[0];
}

export async function findSecretsInScope(db: Queryable, actor: Actor, id: string) {
  const { rows } = await db.query<{ id_cipher: Buffer; phone_cipher: Buffer | null; region_code: string }>(
    'SELECT id_cipher, phone_cipher, region_code FROM person WHERE id = $1 AND region_code LIKE $2',
    [id, `${actor.regionScope}%`],
  );
  return rows[0];
}

export interface PersonInsert {
  idCipher: Buffer;
  idIndex: Buffer;
  idMasked: string;
  name: string;
  sex: string;
  birthDate: string;
  ethnicity: string;
  phoneCipher: Buffer | null;
  phoneIndex: Buffer | null;
  phoneMasked: string | null;
  hukouRegionCode: string;
  regionCode: string;
  disabilityCategory: string | null;
  disabilityLevel: number | null;
  healthStatus: string;
  labourCapacity: string;
  employmentStatus: string;
  monthlyIncomeFen: number;
}

export const PERSON_INSERT_COLUMNS = [
  'id_cipher',
  'id_index',
  'id_masked',
  'name',
  'sex',
  'birth_date',
  'ethnicity',
  'phone_cipher',
  'phone_index',
  'phone_masked',
  'hukou_region_code',
  'region_code',
  'disability_category',
  'disability_level',
  'health_status',
  'labour_capacity',
  'employment_status',
  'monthly_income_fen',
] as const;

/** Inserts one person; returns undefined when the ID number (blind index) already exists. */
export async function insertPerson(tx: Queryable, p: PersonInsert): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person (${PERSON_INSERT_COLUMNS.join(', ')})
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)
     ON CONFLICT (id_index) DO NOTHING RETURNING id`,
    [
      p.idCipher,
      p.idIndex,
      p.idMasked,
      p.name,
      p.sex,
      p.birthDate,
      p.ethnicity,
      p.phoneCipher,
      p.phoneIndex,
      p.phoneMasked,
      p.hukouRegionCode,
      p.regionCode,
      p.disabilityCategory,
      p.disabilityLevel,
      p.healthStatus,
      p.labourCapacity,
      p.employmentStatus,
      p.monthlyIncomeFen,
    ],
  );
  return rows[0]?.id;
}

/** Applies a patch only if the version matches (optimistic concurrency). */
export async function updatePersonIfVersion(
  tx: Queryable,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  const cols = Object.keys(set);
  if (cols.length === 0) {
    const { rows } = await tx.query('SELECT 1 FROM person WHERE id = $1 AND version = $2', [id, version]);
    return rows.length === 1;
  }
  const assignments = cols.map((c, i) => `${c} = $${i + 3}`).join(', ');
  const { rowCount } = await tx.query(
    `UPDATE person SET ${assignments}, updated_at = now(), version = version + 1 WHERE id = $1 AND version = $2`,
    [id, version, ...cols.map((c) => set[c])],
  );
  return rowCount === 1;
}
