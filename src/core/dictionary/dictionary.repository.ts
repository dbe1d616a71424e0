import type { Queryable } from '../../db/database.ts';
import type { DictionaryDef, DictionaryEntry, DictionaryMeta, Sensitivity } from './dictionary-types.ts';

/*
 * Code sets are installation-wide reference data (like roles), not records of a jurisdiction: no region filter.
 * Only administrators with admin:dicts change them, and every change is audited.
 */

/**
 * Upserts the shipped code sets: dictionaries and their national items. Local items are never touched, and a
 * shipped value that an installation already holds as a local item stays local.
 */
export async function upsertShippedDictionaries(tx: Queryable, defs: readonly DictionaryDef[]): Promise<void> {
  await tx.query(
    `INSERT INTO dictionary (code, name_zh, name_en, standard, editable)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[])
     ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
       standard = excluded.standard, editable = excluded.editable, updated_at = now()
     WHERE (dictionary.name_zh, dictionary.name_en, dictionary.standard, dictionary.editable)
       IS DISTINCT FROM (excluded.name_zh, excluded.name_en, excluded.standard, excluded.editable)`,
    [
      defs.map((d) => d.code),
      defs.map((d) => d.nameZh),
      defs.map((d) => d.nameEn),
      defs.map((d) => d.standard),
      defs.map((d) => d.editable),
    ],
  );
  const items = defs.flatMap((d) => d.items.map((i, n) => ({ code: d.code, sort: (n + 1) * 10, ...i })));
  await tx.query(
    `INSERT INTO dictionary_item (dictionary_code, value, label_zh, label_en, sort, sensitivity, remark)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])
     ON CONFLICT (dictionary_code, value) DO UPDATE SET label_zh = excluded.label_zh, label_en = excluded.label_en,
       sort = excluded.sort, sensitivity = excluded.sensitivity, remark = excluded.remark, updated_at = now()
     WHERE NOT dictionary_item.is_local
       AND (dictionary_item.label_zh, dictionary_item.label_en, dictionary_item.sort, dictionary_item.sensitivity,
            dictionary_item.remark)
       IS DISTINCT FROM (excluded.label_zh, excluded.label_en, excluded.sort, excluded.sensitivity, excluded.remark)`,
    [
      items.map((i) => i.code),
      items.map((i) => i.value),
      items.map((i) => i.labelZh),
      items.map((i) => i.labelEn),
      items.map((i) => i.sort),
      items.map((i) => i.sensitivity ?? null),
      items.map((i) => i.remark ?? null),
    ],
  );
}

interface ItemRow {
  dictionary_code: string;
  value: string;
  label_zh: string;
  label_en: string;
  sort: number;
  is_active: boolean;
  is_local: boolean;
  sensitivity: Sensitivity | null;
  remark: string | null;
  version: number;
}

const toEntry = (r: ItemRow): DictionaryEntry => ({
  value: r.value,
  labelZh: r.label_zh,
  labelEn: r.label_en,
  sort: r.sort,
  isActive: r.is_active,
  isLocal: r.is_local,
  sensitivity: r.sensitivity,
  remark: r.remark,
  version: r.version,
});

/** Every dictionary with all its items (the cache is built from this). */
export async function loadAllDictionaries(
  db: Queryable,
): Promise<Array<{ meta: DictionaryMeta; items: DictionaryEntry[] }>> {
  const dicts = await db.query<{ code: string; name_zh: string; name_en: string; standard: string; editable: boolean }>(
    'SELECT code, name_zh, name_en, standard, editable FROM dictionary ORDER BY code',
  );
  const items = await db.query<ItemRow>(
    `SELECT dictionary_code, value, label_zh, label_en, sort, is_active, is_local, sensitivity, remark, version
     FROM dictionary_item ORDER BY dictionary_code, sort, value`,
  );
  const byCode = new Map<string, DictionaryEntry[]>();
  for (const r of items.rows) {
    const list = byCode.get(r.dictionary_code) ?? [];
    list.push(toEntry(r));
    byCode.set(r.dictionary_code, list);
  }
  return dicts.rows.map((d) => ({
    meta: { code: d.code, nameZh: d.name_zh, nameEn: d.name_en, standard: d.standard, editable: d.editable },
    items: byCode.get(d.code) ?? [],
  }));
}

export async function findDictionary(db: Queryable, code: string): Promise<DictionaryMeta | undefined> {
  const { rows } = await db.query<{
    code: string;
    name_zh: string;
    name_en: string;
    standard: string;
    editable: boolean;
  }>('SELECT code, name_zh, name_en, standard, editable FROM dictionary WHERE code = $1 FOR UPDATE', [code]);
  const d = rows[0];
  return d && { code: d.code, nameZh: d.name_zh, nameEn: d.name_en, standard: d.standard, editable: d.editable };
}

export async function findDictionaryItem(
  db: Queryable,
  code: string,
  value: string,
): Promise<DictionaryEntry | undefined> {
  const { rows } = await db.query<ItemRow>(
    `SELECT dictionary_code, value, label_zh, label_en, sort, is_active, is_local, sensitivity, remark, version
     FROM dictionary_item WHERE dictionary_code = $1 AND value = $2 FOR UPDATE`,
    [code, value],
  );
  return rows[0] && toEntry(rows[0]);
}

export interface LocalItemInsert {
  value: string;
  labelZh: string;
  labelEn: string;
  sort: number;
  sensitivity: Sensitivity | null;
  remark: string | null;
}

/** Adds a local item; false when the value is taken. */
export async function insertLocalItem(tx: Queryable, code: string, item: LocalItemInsert): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO dictionary_item (dictionary_code, value, label_zh, label_en, sort, is_local, sensitivity, remark)
     VALUES ($1, $2, $3, $4, $5, true, $6, $7)
     ON CONFLICT (dictionary_code, value) DO NOTHING RETURNING value`,
    [code, item.value, item.labelZh, item.labelEn, item.sort, item.sensitivity, item.remark],
  );
  return rows.length === 1;
}

export interface LocalItemPatch {
  labelZh?: string;
  labelEn?: string;
  sort?: number;
  isActive?: boolean;
  sensitivity?: Sensitivity | null;
  remark?: string | null;
}

const PATCH_COLUMNS: Record<keyof LocalItemPatch, string> = {
  labelZh: 'label_zh',
  labelEn: 'label_en',
  sort: 'sort',
  isActive: 'is_active',
  sensitivity: 'sensitivity',
  remark: 'remark',
};

/** Updates a local item if its version matches; national items never match (is_local guard in SQL too). */
export async function updateLocalItemIfVersion(
  tx: Queryable,
  code: string,
  value: string,
  version: number,
  patch: LocalItemPatch,
): Promise<boolean> {
  const keys = (Object.keys(PATCH_COLUMNS) as Array<keyof LocalItemPatch>).filter((k) => patch[k] !== undefined);
  const sets = keys.map((k, i) => `${PATCH_COLUMNS[k]} = $${i + 4}`);
  const { rowCount } = await tx.query(
    `UPDATE dictionary_item SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
     WHERE dictionary_code = $1 AND value = $2 AND version = $3 AND is_local`,
    [code, value, version, ...keys.map((k) => patch[k])],
  );
  return rowCount === 1;
}

/** Next sort position after the last item, so a new local item lists last. */
export async function nextSort(tx: Queryable, code: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    'SELECT coalesce(max(sort), 0)::int + 10 AS n FROM dictionary_item WHERE dictionary_code = $1',
    [code],
  );
  return rows[0].n;
}
