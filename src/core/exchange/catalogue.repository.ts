import type { Database, Queryable } from '../../db/database.ts';
import { CATEGORIES, type CategoryField, DEPARTMENTS } from './catalogue.ts';

export interface CategoryRow {
  code: string;
  departmentCode: string;
  departmentNameZh: string;
  departmentNameEn: string;
  nameZh: string;
  nameEn: string;
  fields: CategoryField[];
  enabled: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

const SELECT_CATEGORY = `
  SELECT c.code, c.department_code AS "departmentCode", d.name_zh AS "departmentNameZh",
         d.name_en AS "departmentNameEn", c.name_zh AS "nameZh", c.name_en AS "nameEn", c.fields, c.enabled,
         c.version, c.updated_by AS "updatedBy", c.updated_at AS "updatedAt"
  FROM exchange_category c JOIN exchange_department d ON d.code = c.department_code`;

/**
 * Stores the shipped catalogue once: departments and categories missing from the database are inserted, rows an
 * administrator changed (names, labels, enabled) are kept as they are. Safe to run at every start.
 */
export async function seedExchangeCatalogue(db: Database): Promise<{ departments: number; categories: number }> {
  return db.transaction(async (tx) => {
    const d = await tx.query(
      `INSERT INTO exchange_department (code, name_zh, name_en)
       SELECT x.code, x.name_zh, x.name_en FROM jsonb_to_recordset($1::jsonb) AS x(code text, name_zh text, name_en text)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(DEPARTMENTS.map((x) => ({ code: x.code, name_zh: x.nameZh, name_en: x.nameEn })))],
    );
    const c = await tx.query(
      `INSERT INTO exchange_category (code, department_code, name_zh, name_en, fields, updated_by)
       SELECT x.code, x.department_code, x.name_zh, x.name_en, x.fields, 'seed'
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, department_code text, name_zh text, name_en text, fields jsonb)
       ON CONFLICT (code) DO NOTHING`,
      [
        JSON.stringify(
          CATEGORIES.map((x) => ({
            code: x.code,
            department_code: x.departmentCode,
            name_zh: x.nameZh,
            name_en: x.nameEn,
            fields: x.fields,
          })),
        ),
      ],
    );
    return { departments: d.rowCount, categories: c.rowCount };
  });
}

export async function listCategories(db: Queryable): Promise<CategoryRow[]> {
  // Departments in the shipped order (公安 first), departments added later after them.
  const { rows } = await db.query<CategoryRow>(
    `${SELECT_CATEGORY} ORDER BY coalesce(array_position($1::text[], d.code), 999), d.code, c.code`,
    [DEPARTMENTS.map((d) => d.code)],
  );
  return rows;
}

export async function findCategory(db: Queryable, code: string): Promise<CategoryRow | undefined> {
  const { rows } = await db.query<CategoryRow>(`${SELECT_CATEGORY} WHERE c.code = $1`, [code]);
  return rows[0];
}

export async function listDepartments(db: Queryable) {
  const { rows } = await db.query<{ code: string; nameZh: string; nameEn: string; categories: number }>(
    `SELECT d.code, d.name_zh AS "nameZh", d.name_en AS "nameEn", count(c.code)::int AS categories
     FROM exchange_department d LEFT JOIN exchange_category c ON c.department_code = d.code
     GROUP BY d.code ORDER BY coalesce(array_position($1::text[], d.code), 999), d.code`,
    [DEPARTMENTS.map((d) => d.code)],
  );
  return rows;
}

/** Writes an administrator's change if the row is still at `version`; returns the new row or undefined (conflict). */
export async function updateCategory(
  tx: Queryable,
  code: string,
  version: number,
  change: { nameZh: string; nameEn: string; enabled: boolean; fields: CategoryField[] },
  updatedBy: string,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE exchange_category SET name_zh = $3, name_en = $4, enabled = $5, fields = $6, updated_by = $7,
       updated_at = now(), version = version + 1
     WHERE code = $1 AND version = $2`,
    [code, version, change.nameZh, change.nameEn, change.enabled, JSON.stringify(change.fields), updatedBy],
  );
  return r.rowCount === 1;
}
