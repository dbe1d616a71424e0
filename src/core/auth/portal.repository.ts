import type { Queryable } from '../../db/database.ts';

/** A resident's own record, household and cases: the portal reads nothing else. */
export async function findResidentSelf(db: Queryable, personId: string) {
  const { rows } = await db.query<{ name: string; id_masked: string; phone_masked: string | null }>(
    'SELECT name, id_masked, phone_masked FROM person WHERE id = $1',
    [personId],
  );
  return rows[0];
}

export async function findResidentHousehold(db: Queryable, personId: string) {
  const { rows } = await db.query<{ id: string; household_no: string; address: string; region_code: string }>(
    `SELECT h.id, h.household_no, h.address, h.region_code FROM household_member m JOIN household h ON h.id = m.household_id
     WHERE m.person_id = $1 AND m.valid_to IS NULL`,
    [personId],
  );
  return rows[0];
}

export async function listHouseholdMembersForResident(db: Queryable, householdId: string) {
  const { rows } = await db.query<{ name: string; relation_code: string; birth_date: string; person_id: string }>(
    `SELECT p.name, m.relation_code, p.birth_date, p.id AS person_id FROM household_member m JOIN person p ON p.id = m.person_id
     WHERE m.household_id = $1 AND m.valid_to IS NULL ORDER BY m.relation_code`,
    [householdId],
  );
  return rows;
}

export async function listResidentCases(db: Queryable, personId: string, householdId: string | null) {
  const { rows } = await db.query<{
    case_no: string;
    title: string;
    state: string;
    workflow: string;
    received_on: string;
    due_on: string | null;
  }>(
    `SELECT case_no, title, state, workflow, received_on, due_on FROM wf_case
     WHERE (subject_type = 'person' AND subject_id = $1) OR (subject_type = 'household' AND subject_id = $2)
     ORDER BY opened_at DESC LIMIT 50`,
    [personId, householdId],
  );
  return rows;
}
