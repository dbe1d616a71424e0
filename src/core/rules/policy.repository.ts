import type { Queryable } from '../../db/database.ts';
import type { Citation, ParameterRow } from './resolve-parameters.ts';

/** A policy_parameter row as the admin pages show it. */
export interface PolicyParameterRecord extends ParameterRow {
  scheme: string;
  source: string;
  createdBy: string;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

const RECORD_COLUMNS = `id, scheme, key, region_code AS "regionCode", effective_from AS "effectiveFrom", value, source,
  created_by AS "createdBy", created_at AS "createdAt", withdrawn_at AS "withdrawnAt", withdrawn_by AS "withdrawnBy"`;

/** Live rows of a scheme whose region is a prefix of regionCode (every row that may apply there). */
export async function listLiveRowsForRegion(q: Queryable, scheme: string, regionCode: string): Promise<ParameterRow[]> {
  const { rows } = await q.query<ParameterRow>(
    `SELECT id, key, region_code AS "regionCode", effective_from AS "effectiveFrom", value
       FROM policy_parameter
      WHERE scheme = $1 AND withdrawn_at IS NULL AND $2 LIKE region_code || '%'`,
    [scheme, regionCode],
  );
  return rows;
}

/**
 * Rows (withdrawn ones too) of a scheme that matter to a user scoped to `scopePrefix`: those for the scope's own
 * region and its ancestors (they apply inside it) and those for regions inside it.
 */
export async function listRowsVisibleToScope(
  q: Queryable,
  scheme: string,
  scopePrefix: string,
  key?: string,
): Promise<PolicyParameterRecord[]> {
  const params: unknown[] = [scheme, scopePrefix];
  let keyFilter = '';
  if (key) {
    params.push(key);
    keyFilter = `AND key = $${params.length}`;
  }
  const { rows } = await q.query<PolicyParameterRecord>(
    `SELECT ${RECORD_COLUMNS} FROM policy_parameter
      WHERE scheme = $1 AND ($2 LIKE region_code || '%' OR region_code LIKE $2 || '%') ${keyFilter}
      ORDER BY key, length(region_code), effective_from, created_at`,
    params,
  );
  return rows.map(normaliseTimes);
}

export async function findRowById(
  q: Queryable,
  scheme: string,
  id: string,
): Promise<PolicyParameterRecord | undefined> {
  const { rows } = await q.query<PolicyParameterRecord>(
    `SELECT ${RECORD_COLUMNS} FROM policy_parameter WHERE scheme = $1 AND id = $2 FOR UPDATE`,
    [scheme, id],
  );
  return rows[0] ? normaliseTimes(rows[0]) : undefined;
}

export interface NewParameterRow {
  scheme: string;
  key: string;
  regionCode: string;
  effectiveFrom: string;
  value: unknown;
  source: string;
  createdBy: string;
}

/** Inserts a row; undefined when a live row already has the same scheme, key, region and date. */
export async function insertRow(q: Queryable, row: NewParameterRow): Promise<PolicyParameterRecord | undefined> {
  const { rows } = await q.query<PolicyParameterRecord>(
    `INSERT INTO policy_parameter (scheme, key, region_code, effective_from, value, source, created_by)
     VALUES ($1,$2,$3,$4,$5::jsonb,$6,$7)
     ON CONFLICT (scheme, key, region_code, effective_from) WHERE withdrawn_at IS NULL DO NOTHING
     RETURNING ${RECORD_COLUMNS}`,
    [row.scheme, row.key, row.regionCode, row.effectiveFrom, JSON.stringify(row.value), row.source, row.createdBy],
  );
  return rows[0] ? normaliseTimes(rows[0]) : undefined;
}

/** Marks a live row withdrawn; returns false when it was not live. */
export async function markWithdrawn(q: Queryable, id: string, by: string): Promise<boolean> {
  const r = await q.query(
    'UPDATE policy_parameter SET withdrawn_at = now(), withdrawn_by = $2 WHERE id = $1 AND withdrawn_at IS NULL',
    [id, by],
  );
  return r.rowCount === 1;
}

/**
 * Seeds rows that never existed (not even withdrawn), so a default withdrawn by an administrator stays withdrawn.
 * Returns how many were inserted.
 */
export async function insertMissingRows(q: Queryable, rows: readonly NewParameterRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await q.query(
    `INSERT INTO policy_parameter (scheme, key, region_code, effective_from, value, source, created_by)
     SELECT s.scheme, s.key, s.region_code, s.effective_from::date, s.value::jsonb, s.source, s.created_by
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            AS s(scheme, key, region_code, effective_from, value, source, created_by)
      WHERE NOT EXISTS (SELECT 1 FROM policy_parameter p
                         WHERE p.scheme = s.scheme AND p.key = s.key AND p.region_code = s.region_code
                           AND p.effective_from = s.effective_from::date)`,
    [
      rows.map((r) => r.scheme),
      rows.map((r) => r.key),
      rows.map((r) => r.regionCode),
      rows.map((r) => r.effectiveFrom),
      rows.map((r) => JSON.stringify(r.value)),
      rows.map((r) => r.source),
      rows.map((r) => r.createdBy),
    ],
  );
  return r.rowCount;
}

export interface SnapshotInput {
  scheme: string;
  hash: string;
  regionCode: string;
  onDate: string;
  citations: Record<string, Citation>;
  values: Record<string, unknown>;
}

/**
 * Ids of the snapshots with these hashes, creating the missing ones (content-addressed, so safe to race). `committed`
 * lists the ids read as rows committed by other transactions (not written by this one, so they survive its
 * rollback): the only ones a caller may remember across transactions.
 */
export async function ensureSnapshots(
  q: Queryable,
  snapshots: readonly SnapshotInput[],
): Promise<{ ids: Map<string, string>; committed: Map<string, string> }> {
  const ids = new Map<string, string>();
  const committed = new Map<string, string>();
  if (snapshots.length === 0) return { ids, committed };
  const scheme = snapshots[0].scheme;
  const hashes = snapshots.map((s) => s.hash);
  const select = async () => {
    // xmin is this transaction's id only for rows it wrote itself (no savepoints are used around this)
    const { rows } = await q.query<{ id: string; hash: string; mine: boolean }>(
      `SELECT id, hash,
         xmin::text = coalesce((pg_current_xact_id_if_assigned()::text::bigint % 4294967296)::text, '') AS mine
       FROM policy_snapshot WHERE scheme = $1 AND hash = ANY($2::text[])`,
      [scheme, hashes],
    );
    for (const row of rows) {
      ids.set(row.hash, row.id);
      if (!row.mine) committed.set(row.hash, row.id);
    }
  };
  await select();
  const missing = snapshots.filter((s) => !ids.has(s.hash));
  if (missing.length === 0) return { ids, committed };
  await q.query(
    `INSERT INTO policy_snapshot (scheme, hash, region_code, on_date, citations, values)
     SELECT $1, s.hash, s.region_code, s.on_date::date, s.citations::jsonb, s.values::jsonb
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
            AS s(hash, region_code, on_date, citations, values)
     ON CONFLICT (scheme, hash) DO NOTHING`,
    [
      scheme,
      missing.map((s) => s.hash),
      missing.map((s) => s.regionCode),
      missing.map((s) => s.onDate),
      missing.map((s) => JSON.stringify(s.citations)),
      missing.map((s) => JSON.stringify(s.values)),
    ],
  );
  await select();
  return { ids, committed };
}

/** One snapshot as stored (for a decision's trace: which row each key came from). */
export async function findSnapshot(q: Queryable, id: string) {
  const { rows } = await q.query<{
    id: string;
    scheme: string;
    regionCode: string;
    onDate: string;
    citations: Record<string, Citation>;
    values: Record<string, unknown>;
  }>(
    `SELECT id, scheme, region_code AS "regionCode", on_date AS "onDate", citations, values
       FROM policy_snapshot WHERE id = $1`,
    [id],
  );
  return rows[0];
}

function normaliseTimes(row: PolicyParameterRecord): PolicyParameterRecord {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));
  return { ...row, createdAt: iso(row.createdAt) as string, withdrawnAt: iso(row.withdrawnAt) };
}
