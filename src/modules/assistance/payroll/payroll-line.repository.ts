import type { Queryable } from '../../../db/database.ts';

/** Payroll lines as people see them (payee masked by the service), the bank-file rows and reconciliation. */

export interface PayrollLineView {
  /** bigint as text (it is also the bank reference). */
  id: string;
  enrollment_id: string;
  household_id: string;
  region_code: string;
  for_month: string;
  amount_fen: number;
  status: string;
  standard_fen: number | null;
  members: number | null;
  income_fen: number | null;
  care_tier: string | null;
  gradual_exit: boolean;
  policy_version_id: string | null;
  carried_from_line_id: string | null;
  failure_reason: string | null;
  bank_reference: string | null;
  payee_name: string | null;
  payee_id_masked: string | null;
}

const LINE_VIEW = `SELECT l.id::text AS id, l.enrollment_id, l.household_id, l.region_code,
    to_char(l.for_month, 'YYYY-MM') AS for_month, l.amount_fen, l.status, l.standard_fen, l.members, l.income_fen,
    l.care_tier, l.gradual_exit, l.policy_version_id, l.carried_from_line_id::text AS carried_from_line_id,
    l.failure_reason, l.bank_reference,
    p.name AS payee_name, p.id_masked AS payee_id_masked
  FROM payroll_line l
  JOIN assistance_enrollment e ON e.id = l.enrollment_id
  LEFT JOIN household h ON h.id = l.household_id
  LEFT JOIN person p ON p.id = coalesce(e.person_id, h.head_person_id)`;

export async function listLines(
  q: Queryable,
  runId: string,
  scopePrefix: string,
  filter: { status?: string; regionCode?: string },
  limit: number,
  offset: number,
): Promise<{ total: number; rows: PayrollLineView[] }> {
  const where = ['l.run_id = $1', 'l.region_code LIKE $2'];
  const params: unknown[] = [runId, `${scopePrefix}%`];
  if (filter.status) {
    params.push(filter.status);
    where.push(`l.status = $${params.length}`);
  }
  if (filter.regionCode) {
    params.push(`${filter.regionCode}%`);
    where.push(`l.region_code LIKE $${params.length}`);
  }
  const clause = where.join(' AND ');
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM payroll_line l WHERE ${clause}`, params);
  const { rows } = await q.query<PayrollLineView>(
    `${LINE_VIEW} WHERE ${clause} ORDER BY l.region_code, l.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return { total: total.rows[0].n, rows };
}

/** Payable lines of a run for the bank file, in a stable order; the bank reference is the line id. */
export async function listPayableLines(q: Queryable, runId: string): Promise<PayrollLineView[]> {
  const { rows } = await q.query<PayrollLineView>(
    `${LINE_VIEW} WHERE l.run_id = $1 AND l.status IN ('payable', 'paid', 'failed', 'carried')
      ORDER BY l.region_code, l.id`,
    [runId],
  );
  return rows;
}

export async function setBankReferences(q: Queryable, runId: string): Promise<void> {
  await q.query(
    `UPDATE payroll_line SET bank_reference = id::text, updated_at = now()
      WHERE run_id = $1 AND bank_reference IS NULL AND status = 'payable'`,
    [runId],
  );
}

/**
 * 回盘 for a chunk of the bank's result rows, in file order, set-based: each reference finds its line of the run
 * (a numeric reference by primary key, the uuid text of a line exported before line ids were numbers by its
 * bank_reference), a payable line takes the outcome, and each row says what happened: 'changed', 'same' (already
 * that outcome or no longer payable, or a repeat of a reference earlier in the file) or 'unknown' (no such line).
 * The caller holds the run's row lock, so no other reconciliation of the run interleaves.
 */
export async function reconcileLines(
  q: Queryable,
  runId: string,
  rows: readonly { reference: string; outcome: 'paid' | 'failed'; reason: string | null }[],
): Promise<Array<'changed' | 'same' | 'unknown'>> {
  if (rows.length === 0) return [];
  const { rows: results } = await q.query<{ n: number; result: 'changed' | 'same' | 'unknown' }>(
    `WITH f AS (
       SELECT n::int, reference, outcome, reason, CASE WHEN reference ~ '^[0-9]{1,18}$' THEN reference::bigint END AS line_id
         FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS f(reference, outcome, reason, n)),
     found AS (
       SELECT f.n, f.reference, f.outcome, f.reason, p.id, p.status,
              row_number() OVER (PARTITION BY p.id ORDER BY f.n) AS nth
         FROM f LEFT JOIN LATERAL (
           SELECT l.id, l.status FROM payroll_line l
            WHERE l.id = f.line_id AND l.run_id = $1 AND l.bank_reference = f.reference
           UNION ALL
           SELECT l.id, l.status FROM payroll_line l
            WHERE f.line_id IS NULL AND l.run_id = $1 AND l.bank_reference = f.reference
         ) p ON true),
     changed AS (
       UPDATE payroll_line l SET status = found.outcome, failure_reason = found.reason, updated_at = now()
         FROM found
        WHERE l.id = found.id AND found.nth = 1 AND found.status = 'payable' AND found.outcome <> found.status
       RETURNING l.id)
     SELECT found.n,
            CASE WHEN found.id IS NULL THEN 'unknown'
                 WHEN found.nth = 1 AND found.id IN (SELECT id FROM changed) THEN 'changed'
                 ELSE 'same' END AS result
       FROM found ORDER BY found.n`,
    [runId, rows.map((r) => r.reference), rows.map((r) => r.outcome), rows.map((r) => r.reason)],
  );
  return results.map((r) => r.result);
}

export async function countLinesByStatus(q: Queryable, runId: string): Promise<Record<string, number>> {
  const { rows } = await q.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM payroll_line WHERE run_id = $1 GROUP BY status',
    [runId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
