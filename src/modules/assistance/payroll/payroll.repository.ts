import type { Queryable } from '../../../db/database.ts';
import type { MonthRates } from './monthly-amount.ts';

/**
 * Payroll SQL. The monthly lines are computed set-based (one INSERT … SELECT per township, each committed whole),
 * with the same arithmetic as monthly-amount.ts; a township that has lines in the run is done (hasLinesInRegion) and
 * payroll_line_live_uq refuses a second live line per enrollment and month, so a run interrupted between townships
 * completes on rerun with identical totals.
 */

export interface PayrollRunRow {
  id: string;
  district_code: string;
  programme: string;
  month: string;
  status: 'computing' | 'computed' | 'approved' | 'exported' | 'reconciled' | 'cancelled';
  line_count: number;
  total_fen: number;
  held_count: number;
  computed_by: string;
  computed_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  exported_at: string | null;
  reconciled_at: string | null;
  summary: Record<string, unknown>;
  created_at: string;
  version: number;
}

const RUN_COLUMNS = `id, district_code, programme, to_char(month, 'YYYY-MM') AS month, status, line_count,
  total_fen::float8 AS total_fen, held_count, computed_by, computed_at, approved_by, approved_at, exported_at,
  reconciled_at, summary, created_at, version`;

/** The run of a district, programme and month, created if absent (payroll_run_month_uq). */
export async function ensureRun(
  q: Queryable,
  district: string,
  programme: string,
  month: string,
  by: string,
): Promise<{ run: PayrollRunRow; created: boolean }> {
  const inserted = await q.query<PayrollRunRow>(
    `INSERT INTO payroll_run (district_code, programme, month, status, computed_by)
     VALUES ($1, $2, $3::date, 'computing', $4)
     ON CONFLICT (district_code, programme, month) DO NOTHING
     RETURNING ${RUN_COLUMNS}`,
    [district, programme, `${month}-01`, by],
  );
  if (inserted.rows[0]) return { run: inserted.rows[0], created: true };
  const { rows } = await q.query<PayrollRunRow>(
    `SELECT ${RUN_COLUMNS} FROM payroll_run WHERE district_code = $1 AND programme = $2 AND month = $3::date`,
    [district, programme, `${month}-01`],
  );
  return { run: rows[0], created: false };
}

/** lock: true holds the run FOR UPDATE (state changes); 'share' lets townships of one run insert side by side. */
export async function findRun(
  q: Queryable,
  id: string,
  lock: boolean | 'share' = false,
): Promise<PayrollRunRow | undefined> {
  const clause = lock === 'share' ? 'FOR SHARE' : lock ? 'FOR UPDATE' : '';
  const { rows } = await q.query<PayrollRunRow>(`SELECT ${RUN_COLUMNS} FROM payroll_run WHERE id = $1 ${clause}`, [id]);
  return rows[0];
}

/** Runs visible to a scope: the district's runs for district users, and for township users their district's. */
export async function listRuns(
  q: Queryable,
  scopePrefix: string,
  filter: { programme?: string; month?: string; status?: string },
  limit: number,
  offset: number,
): Promise<{ total: number; rows: PayrollRunRow[] }> {
  const where = [`(district_code LIKE $1 || '%' OR $1 LIKE district_code || '%')`];
  const params: unknown[] = [scopePrefix];
  if (filter.programme) {
    params.push(filter.programme);
    where.push(`programme = $${params.length}`);
  }
  if (filter.month) {
    params.push(`${filter.month}-01`);
    where.push(`month = $${params.length}::date`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`status = $${params.length}`);
  }
  const clause = where.join(' AND ');
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM payroll_run WHERE ${clause}`, params);
  const { rows } = await q.query<PayrollRunRow>(
    `SELECT ${RUN_COLUMNS} FROM payroll_run WHERE ${clause} ORDER BY month DESC, district_code, programme
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return { total: total.rows[0].n, rows };
}

/** Township (9-digit) codes with enrollments of the programme in the district. */
export async function listTownshipsWithEnrollments(q: Queryable, district: string, programme: string) {
  const { rows } = await q.query<{ township: string }>(
    `SELECT DISTINCT left(region_code, 9) AS township FROM assistance_enrollment
      WHERE region_code LIKE $1 AND programme = $2 ORDER BY 1`,
    [`${district}%`, programme],
  );
  return rows.map((r) => r.township);
}

/** Region codes below the district that carry their own assistance parameters (then rates are per village). */
export async function hasLocalParameters(q: Queryable, district: string): Promise<boolean> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM policy_parameter
      WHERE scheme = 'assistance' AND withdrawn_at IS NULL AND region_code LIKE $1 AND length(region_code) > 6`,
    [`${district}%`],
  );
  return rows[0].n > 0;
}

export async function listEnrollmentRegions(q: Queryable, district: string, programme: string) {
  const { rows } = await q.query<{ region_code: string }>(
    `SELECT DISTINCT region_code FROM assistance_enrollment WHERE region_code LIKE $1 AND programme = $2`,
    [`${district}%`, programme],
  );
  return rows.map((r) => r.region_code);
}

/** Rates keyed by a region (the district, or each village) and area, passed as parallel arrays to unnest. */
export interface KeyedRates extends MonthRates {
  region: string;
}

function rateArrays(rates: readonly KeyedRates[]): unknown[] {
  return [
    rates.map((r) => r.region),
    rates.map((r) => r.area),
    rates.map((r) => r.standardFen),
    rates.map((r) => r.topUpFen.elderly),
    rates.map((r) => r.topUpFen.disabled),
    rates.map((r) => r.topUpFen.seriouslyIll),
    rates.map((r) => r.topUpFen.child),
    rates.map((r) => r.tekunBasicFen),
    rates.map((r) => r.careFen.selfCare),
    rates.map((r) => r.careFen.partial),
    rates.map((r) => r.careFen.total),
    rates.map((r) => r.versionId),
  ];
}

/**
 * The monthly amount in SQL, the same arithmetic as monthlyAmountFen(): 补差 recomputed with the month's standard
 * plus top-ups, 特困 basic + care allowance; a 渐退 enrollment keeps its pre-change amount; no basis → stored amount.
 */
const AMOUNT_SQL = `CASE
    WHEN b.status = 'gradual_exit' THEN b.amount_fen
    WHEN b.basis->>'kind' = 'gap' THEN
      GREATEST(0, b.standard_fen * (b.basis->>'members')::int - (b.basis->>'monthlyIncomeFen')::int)
      + coalesce((b.basis->'topUps'->>'elderly')::int, 0) * b.top_elderly
      + coalesce((b.basis->'topUps'->>'disabled')::int, 0) * b.top_disabled
      + coalesce((b.basis->'topUps'->>'seriouslyIll')::int, 0) * b.top_ill
      + coalesce((b.basis->'topUps'->>'child')::int, 0) * b.top_child
    WHEN b.basis->>'kind' = 'tekun' THEN b.tekun_basic + CASE b.basis->>'careTier'
      WHEN 'total' THEN b.care_total WHEN 'partial' THEN b.care_partial WHEN 'self-care' THEN b.care_self ELSE 0 END
    WHEN b.basis->>'kind' = 'none' THEN 0
    ELSE b.amount_fen
  END`;

/** Whether a township (region prefix) already has lines in the run: townships commit whole, so it is done. */
export async function hasLinesInRegion(q: Queryable, runId: string, regionPrefix: string): Promise<boolean> {
  const { rows } = await q.query<{ done: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM payroll_line WHERE run_id = $1 AND region_code LIKE $2) AS done',
    [runId, `${regionPrefix}%`],
  );
  return rows[0].done;
}

export interface RegionLinesInput {
  runId: string;
  regionPrefix: string;
  programme: string;
  month: string;
  rates: readonly KeyedRates[];
  rateKeyLength: number;
  /**
   * Skip lines that would break payroll_line_live_uq instead of failing. The normal insert needs no arbiter (a
   * township is inserted once, see hasLinesInRegion) and is cheaper without one; this path is for the rare month
   * whose lines already exist elsewhere (an enrollment that moved to another district already paid this month).
   */
  skipExisting?: boolean;
}

/**
 * Inserts the lines of one township (or any region prefix) for the month: payable for active and 渐退 enrollments,
 * held for suspended ones, none after an exit's end month. The run row stands in for the foreign key: lines are only
 * written for a run that exists and is still computing (the caller holds it FOR SHARE; finishing takes FOR UPDATE). Enrollment order
 * keeps payroll_line_live_uq (month, enrollment) sweeping the month's key range instead of jumping around it.
 */
export async function insertLinesForRegion(q: Queryable, input: RegionLinesInput): Promise<number> {
  const { rowCount } = await q.query(
    `WITH rates AS (
       SELECT * FROM unnest($5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::int[], $11::int[],
                            $12::int[], $13::int[], $14::int[], $15::int[], $16::text[])
         AS r(region, area, standard_fen, top_elderly, top_disabled, top_ill, top_child, tekun_basic, care_self,
              care_partial, care_total, version_id)
     ),
     run AS (SELECT id FROM payroll_run WHERE id = $17::uuid AND status = 'computing'),
     due AS (
       SELECT e.id, e.household_id, e.region_code, e.status, e.amount_fen, e.basis, r.*
         FROM assistance_enrollment e
         JOIN rates r ON r.region = left(e.region_code, $4) AND r.area = e.area
        WHERE e.region_code LIKE $1 AND e.programme = $2 AND e.start_month <= $3::date
          AND (e.end_month IS NULL OR e.end_month >= $3::date)
          AND NOT (e.status = 'exited' AND e.end_month IS NULL)
     ),
     computed AS (
       SELECT b.*, ${AMOUNT_SQL} AS amount FROM due b
     )
     INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status,
                               standard_fen, members, income_fen, care_tier, gradual_exit, policy_version_id)
     SELECT run.id, c.id, c.household_id, c.region_code, $3::date, c.amount,
            CASE WHEN c.status = 'suspended' THEN 'held' ELSE 'payable' END,
            c.standard_fen, (c.basis->>'members')::smallint, (c.basis->>'monthlyIncomeFen')::int,
            CASE WHEN c.basis->>'kind' = 'tekun' THEN c.basis->>'careTier' END, c.status = 'gradual_exit', c.version_id
       FROM computed c CROSS JOIN run
      WHERE c.amount > 0
      ORDER BY c.id
     ${input.skipExisting ? 'ON CONFLICT DO NOTHING' : ''}`,
    [
      `${input.regionPrefix}%`,
      input.programme,
      `${input.month}-01`,
      input.rateKeyLength,
      ...rateArrays(input.rates),
      input.runId,
    ],
  );
  return rowCount;
}

/** Re-issues failed lines of earlier runs of the same district and programme into this run; marks them carried. */
export async function carryFailedLines(
  q: Queryable,
  run: Pick<PayrollRunRow, 'id' | 'district_code' | 'programme' | 'month'>,
): Promise<number> {
  const { rowCount } = await q.query(
    `WITH failed AS (
       SELECT l.* FROM payroll_line l JOIN payroll_run r ON r.id = l.run_id
        WHERE r.district_code = $2 AND r.programme = $3 AND r.month < $4::date AND l.status = 'failed'
        FOR UPDATE OF l
     ),
     ins AS (
       INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status,
                                 standard_fen, members, income_fen, care_tier, gradual_exit, policy_version_id,
                                 carried_from_line_id)
       SELECT $1::uuid, f.enrollment_id, f.household_id, f.region_code, f.for_month, f.amount_fen, 'payable',
              f.standard_fen, f.members, f.income_fen, f.care_tier, f.gradual_exit, f.policy_version_id, f.id
         FROM failed f
       ON CONFLICT DO NOTHING
       RETURNING carried_from_line_id
     )
     UPDATE payroll_line SET status = 'carried', updated_at = now()
      WHERE id IN (SELECT carried_from_line_id FROM ins)`,
    [run.id, run.district_code, run.programme, `${run.month}-01`],
  );
  return rowCount;
}

export interface TownshipTotal {
  township: string;
  payable: number;
  payableFen: number;
  held: number;
  paid: number;
  paidFen: number;
  failed: number;
}

/** Totals per township of one run, limited to a scope prefix. */
export async function townshipTotals(q: Queryable, runId: string, scopePrefix: string): Promise<TownshipTotal[]> {
  const { rows } = await q.query<TownshipTotal>(
    `SELECT left(region_code, 9) AS township,
            count(*) FILTER (WHERE status IN ('payable', 'paid', 'failed', 'carried'))::int AS payable,
            coalesce(sum(amount_fen) FILTER (WHERE status IN ('payable', 'paid', 'failed', 'carried')), 0)::float8
              AS "payableFen",
            count(*) FILTER (WHERE status = 'held')::int AS held,
            count(*) FILTER (WHERE status = 'paid')::int AS paid,
            coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0)::float8 AS "paidFen",
            count(*) FILTER (WHERE status IN ('failed', 'carried'))::int AS failed
       FROM payroll_line WHERE run_id = $1 AND region_code LIKE $2
      GROUP BY 1 ORDER BY 1`,
    [runId, `${scopePrefix}%`],
  );
  return rows;
}

/** Marks the run computed with its totals (payable lines, their sum, held lines) and the per-township summary. */
export async function finishRun(
  q: Queryable,
  runId: string,
  totals: { payable: number; totalFen: number; held: number },
  summary: Record<string, unknown>,
): Promise<void> {
  await q.query(
    `UPDATE payroll_run SET status = 'computed', computed_at = now(), summary = $2, version = version + 1,
            line_count = $3, total_fen = $4, held_count = $5
      WHERE id = $1`,
    [runId, JSON.stringify(summary), totals.payable, totals.totalFen, totals.held],
  );
}

/** Run totals from one pass over its lines: payable lines and their sum, held lines. */
export async function runTotals(q: Queryable, runId: string) {
  const { rows } = await q.query<{ payable: number; total_fen: number; held: number }>(
    `SELECT count(*) FILTER (WHERE status = 'payable')::int AS payable,
            coalesce(sum(amount_fen) FILTER (WHERE status = 'payable'), 0)::float8 AS total_fen,
            count(*) FILTER (WHERE status = 'held')::int AS held
       FROM payroll_line WHERE run_id = $1`,
    [runId],
  );
  return { payable: rows[0].payable, totalFen: rows[0].total_fen, held: rows[0].held };
}

export async function setRunStatus(
  q: Queryable,
  runId: string,
  status: PayrollRunRow['status'],
  fields: { approvedBy?: string; exported?: boolean; reconciled?: boolean } = {},
): Promise<void> {
  await q.query(
    `UPDATE payroll_run SET status = $2, version = version + 1,
            approved_by = coalesce($3, approved_by),
            approved_at = CASE WHEN $3::text IS NULL THEN approved_at ELSE now() END,
            exported_at = CASE WHEN $4 THEN coalesce(exported_at, now()) ELSE exported_at END,
            reconciled_at = CASE WHEN $5 THEN now() ELSE reconciled_at END
      WHERE id = $1`,
    [runId, status, fields.approvedBy ?? null, fields.exported ?? false, fields.reconciled ?? false],
  );
}
