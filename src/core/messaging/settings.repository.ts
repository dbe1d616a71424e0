import type { Queryable } from '../../db/database.ts';

export interface SettingRow {
  key: string;
  value: unknown;
  updated_by: string | null;
  updated_at: Date | string;
}

/** Stored settings of the installation (keys without a row use their coded default). */
export async function listStoredSettings(db: Queryable): Promise<SettingRow[]> {
  const { rows } = await db.query<SettingRow>('SELECT key, value, updated_by, updated_at FROM app_setting');
  return rows;
}

/** Stored values for the given keys, locked for the rest of the transaction so concurrent edits queue up. */
export async function lockStoredSettings(tx: Queryable, keys: string[]): Promise<Map<string, unknown>> {
  const { rows } = await tx.query<{ key: string; value: unknown }>(
    'SELECT key, value FROM app_setting WHERE key = ANY($1::text[]) FOR UPDATE',
    [keys],
  );
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function upsertSetting(tx: Queryable, key: string, value: unknown, updatedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO app_setting (key, value, updated_by, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (key) DO UPDATE SET value = $2, updated_by = $3, updated_at = now()`,
    [key, JSON.stringify(value), updatedBy],
  );
}

/** Back to the coded default. */
export async function deleteSetting(tx: Queryable, key: string): Promise<void> {
  await tx.query('DELETE FROM app_setting WHERE key = $1', [key]);
}
