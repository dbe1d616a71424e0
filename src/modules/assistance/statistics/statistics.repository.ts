/**
 * The SQL of assistance statistics: set-based aggregates over enrollments, payroll lines and application cases.
 * Every query is bounded by the caller's region prefix (`region_code LIKE prefix%`; C-collated columns make it a
 * btree range) and, for cases, the assistance business line. Months are first-of-month dates in SQL.
 */
import type { Queryable } from '../../../db/database.ts';
import { monthsBetween } from './statistics-shaping.ts';

/** The workflow of an assistance application (one wf_case per application). */
export const APPLICATION_WORKFLOW = 'assistance.application';

/** Money that is owed or was paid for a month: held, failed and carried lines are not (yet) money out. */
const PAID_LINE = `l.status IN ('payable', 'paid')`;

/**
 * Lines for months from M on sit in runs of month M or later (a carried line keeps its month in a later run), so
 * the query starts from those runs and reads their lines by run id instead of scanning every line of the region.
 */
const RUNS_FROM = (fromParam: string) => `r.month >= ${fromParam}::date`;

/** First days of the months from one first day to another, inclusive. */
function firstDaysOfMonths(fromMonth: string, toMonth: string): string[] {
  return monthsBetween(fromMonth.slice(0, 7), toMonth.slice(0, 7)).map((m) => `${m}-01`);
}

export interface StatisticsFilter {
  /** Region prefix already checked against the caller's scope. */
  prefix: string;
  programme?: string;
  /** First day of the first month and of the last month of the window. */
  fromMonth: string;
  toMonth: string;
}

/**
 * An enrollment is in force in month M when it started on or before M and has not ended before M (end_month is
 * the last month paid). An 'exited' enrollment without an end month was never paid and is left out.
 */
const IN_FORCE = (month: string) =>
  `e.start_month <= ${month} AND (e.end_month IS NULL OR e.end_month >= ${month})
   AND NOT (e.status = 'exited' AND e.end_month IS NULL)`;

/**
 * A person enrollment (单人保, 特困: person_id set) whose person is also a counted member of a household enrollment
 * of the same household in force that month: the person is a recipient once, already counted with the household.
 * `sameProgramme` limits the household enrollments to the person enrollment's own programme (per-programme figures,
 * where each programme counts its own recipients); `programmeParam` to the filtered programme.
 */
const COUNTED_WITH_HOUSEHOLD = (month: string, programmeParam: string, sameProgramme = false) =>
  `(e.person_id IS NOT NULL AND EXISTS (
     SELECT 1 FROM assistance_enrollment h
      WHERE h.household_id = e.household_id AND h.person_id IS NULL AND h.basis->'memberIds' ? e.person_id::text
        AND h.start_month <= ${month} AND (h.end_month IS NULL OR h.end_month >= ${month})
        AND NOT (h.status = 'exited' AND h.end_month IS NULL)
        AND (${programmeParam}::text IS NULL OR h.programme = ${programmeParam})
        ${sameProgramme ? 'AND h.programme = e.programme' : ''}))`;

/**
 * Per month: households and recipients in force (a person enrolled twice, on their own and as a household member,
 * counts once), new enrollments, exits (by last month paid), money.
 */
export async function monthlyFigures(db: Queryable, f: StatisticsFilter) {
  const { rows } = await db.query<{
    month: string;
    households: number;
    recipients: number;
    new_count: number;
    exited_count: number;
    amount_fen: number;
    paid_lines: number;
  }>(
    // The months come as an array: generate_series is estimated at 1000 rows, which made PostgreSQL JIT-compile
    // (about 1 s) a query that runs in milliseconds.
    `WITH m AS (SELECT unnest($5::date[]) AS month),
     e AS (SELECT id, household_id, person_id, programme, members, status, start_month, end_month
           FROM assistance_enrollment WHERE region_code LIKE $1 AND ($4::text IS NULL OR programme = $4)),
     enrolled AS (
       SELECT m.month, count(DISTINCT e.household_id)::int AS households,
         coalesce(sum(e.members) FILTER (WHERE NOT ${COUNTED_WITH_HOUSEHOLD('m.month', '$4')}), 0)::int AS recipients
       FROM m LEFT JOIN e ON ${IN_FORCE('m.month')}
       GROUP BY m.month),
     started AS (SELECT e.start_month AS month, count(*)::int AS n FROM e
                 WHERE e.start_month BETWEEN $2::date AND $3::date GROUP BY 1),
     exited AS (SELECT e.end_month AS month, count(*)::int AS n FROM e
                WHERE e.status = 'exited' AND e.end_month BETWEEN $2::date AND $3::date GROUP BY 1),
     paid AS (
       SELECT l.for_month AS month, sum(l.amount_fen)::bigint AS amount_fen, count(*)::int AS lines
       FROM payroll_run r JOIN payroll_line l ON l.run_id = r.id
       WHERE ${RUNS_FROM('$2')} AND l.region_code LIKE $1 AND ${PAID_LINE} AND l.for_month BETWEEN $2::date AND $3::date
         AND ($4::text IS NULL OR r.programme = $4)
       GROUP BY l.for_month)
     SELECT to_char(en.month, 'YYYY-MM') AS month, en.households, en.recipients,
       coalesce(s.n, 0) AS new_count, coalesce(x.n, 0) AS exited_count,
       coalesce(p.amount_fen, 0)::bigint AS amount_fen, coalesce(p.lines, 0) AS paid_lines
     FROM enrolled en
     LEFT JOIN started s ON s.month = en.month
     LEFT JOIN exited x ON x.month = en.month
     LEFT JOIN paid p ON p.month = en.month
     ORDER BY en.month`,
    [`${f.prefix}%`, f.fromMonth, f.toMonth, f.programme ?? null, firstDaysOfMonths(f.fromMonth, f.toMonth)],
  );
  return rows.map((r) => ({
    month: r.month,
    households: r.households,
    recipients: r.recipients,
    newCount: r.new_count,
    exitedCount: r.exited_count,
    amountFen: Number(r.amount_fen),
    paidLines: r.paid_lines,
  }));
}

/**
 * Enrollment figures grouped by a region prefix of `groupLength` digits or by programme: households and
 * recipients in force in the last month of the window (a person counted once per group), new and exited within
 * the window.
 */
export async function enrollmentGroups(db: Queryable, f: StatisticsFilter, by: { regionLength: number } | 'programme') {
  const key = by === 'programme' ? 'e.programme' : `left(e.region_code, ${Number(by.regionLength)})`;
  const { rows } = await db.query<{
    key: string;
    households: number;
    recipients: number;
    new_count: number;
    exited_count: number;
  }>(
    `SELECT ${key} AS key,
       count(DISTINCT e.household_id) FILTER (WHERE ${IN_FORCE('$3::date')})::int AS households,
       coalesce(sum(e.members) FILTER (WHERE ${IN_FORCE('$3::date')}
         AND NOT ${COUNTED_WITH_HOUSEHOLD('$3::date', '$4', by === 'programme')}), 0)::int AS recipients,
       count(*) FILTER (WHERE e.start_month BETWEEN $2::date AND $3::date)::int AS new_count,
       count(*) FILTER (WHERE e.status = 'exited' AND e.end_month BETWEEN $2::date AND $3::date)::int AS exited_count
     FROM assistance_enrollment e
     WHERE e.region_code LIKE $1 AND ($4::text IS NULL OR e.programme = $4)
       AND e.start_month <= $3::date AND (e.end_month IS NULL OR e.end_month >= $2::date)
     GROUP BY 1`,
    [`${f.prefix}%`, f.fromMonth, f.toMonth, f.programme ?? null],
  );
  return rows.map((r) => ({
    key: r.key,
    households: r.households,
    recipients: r.recipients,
    newCount: r.new_count,
    exitedCount: r.exited_count,
  }));
}

/** Money (payable or paid lines) for the months of the window, grouped by region prefix or programme. */
export async function payrollGroups(db: Queryable, f: StatisticsFilter, by: { regionLength: number } | 'programme') {
  const key = by === 'programme' ? 'r.programme' : `left(l.region_code, ${Number(by.regionLength)})`;
  const { rows } = await db.query<{ key: string; amount_fen: number }>(
    `SELECT ${key} AS key, sum(l.amount_fen)::bigint AS amount_fen
     FROM payroll_run r JOIN payroll_line l ON l.run_id = r.id
     WHERE ${RUNS_FROM('$2')} AND l.region_code LIKE $1 AND ${PAID_LINE} AND l.for_month BETWEEN $2::date AND $3::date
       AND ($4::text IS NULL OR r.programme = $4)
     GROUP BY 1`,
    [`${f.prefix}%`, f.fromMonth, f.toMonth, f.programme ?? null],
  );
  return rows.map((r) => ({ key: r.key, amountFen: Number(r.amount_fen) }));
}

/** The date (China time) a case was closed, as SQL. */
const CLOSED_ON = `((c.closed_at AT TIME ZONE 'UTC') + interval '8 hours')::date`;

const APPLICATION_CASES = `c.workflow = '${APPLICATION_WORKFLOW}' AND c.business_line = 'assistance'
  AND c.region_code LIKE $1 AND ($2::text IS NULL OR a.programme = $2)`;

/** Earliest receipt date among applications closed in the window (the calendar the timing query needs). */
export async function earliestReceiptOfClosed(db: Queryable, f: StatisticsFilter, lastDay: string) {
  const { rows } = await db.query<{ first: string | null }>(
    `SELECT min(c.received_on)::text AS first
     FROM wf_case c LEFT JOIN assistance_application a ON a.case_id = c.id
     WHERE ${APPLICATION_CASES} AND c.closed_at IS NOT NULL AND ${CLOSED_ON} BETWEEN $3::date AND $4::date`,
    [`${f.prefix}%`, f.programme ?? null, f.fromMonth, lastDay],
  );
  return rows[0]?.first ?? null;
}

/**
 * Applications closed in the window per region prefix: count, total and longest working days from receipt to
 * closure (two equality joins on the calendar's running working-day count), and how many closed after due_on.
 */
export async function closedApplicationTimes(
  db: Queryable,
  f: StatisticsFilter,
  lastDay: string,
  regionLength: number,
  calendar: { dates: string[]; ordinals: number[] },
) {
  const { rows } = await db.query<{
    key: string;
    closed: number;
    total_days: number;
    max_days: number;
    closed_late: number;
  }>(
    `WITH cal AS (SELECT * FROM unnest($5::date[], $6::int[]) AS t(day, n)),
     closed AS (
       SELECT left(c.region_code, ${Number(regionLength)}) AS key, c.received_on, c.due_on, ${CLOSED_ON} AS closed_on
       FROM wf_case c LEFT JOIN assistance_application a ON a.case_id = c.id
       WHERE ${APPLICATION_CASES} AND c.closed_at IS NOT NULL AND ${CLOSED_ON} BETWEEN $3::date AND $4::date)
     SELECT x.key, count(*)::int AS closed, sum(greatest(cc.n - cr.n, 0))::int AS total_days,
       max(greatest(cc.n - cr.n, 0))::int AS max_days,
       count(*) FILTER (WHERE x.due_on IS NOT NULL AND x.closed_on > x.due_on)::int AS closed_late
     FROM closed x JOIN cal cr ON cr.day = x.received_on JOIN cal cc ON cc.day = x.closed_on
     GROUP BY x.key`,
    [`${f.prefix}%`, f.programme ?? null, f.fromMonth, lastDay, calendar.dates, calendar.ordinals],
  );
  return rows.map((r) => ({
    key: r.key,
    closed: r.closed,
    totalWorkingDays: r.total_days,
    maxWorkingDays: r.max_days,
    closedLate: r.closed_late,
  }));
}

/** Open applications now per region prefix, and those past their step or whole-procedure due date. */
export async function openApplicationCounts(db: Queryable, f: StatisticsFilter, today: string, regionLength: number) {
  const { rows } = await db.query<{ key: string; open: number; overdue: number }>(
    `SELECT left(c.region_code, ${Number(regionLength)}) AS key, count(*)::int AS open,
       count(*) FILTER (WHERE coalesce(c.step_due_on, c.due_on) < $3::date)::int AS overdue
     FROM wf_case c LEFT JOIN assistance_application a ON a.case_id = c.id
     WHERE ${APPLICATION_CASES} AND c.closed_at IS NULL
     GROUP BY 1`,
    [`${f.prefix}%`, f.programme ?? null, today],
  );
  return rows;
}

export interface OverdueApplicationRow {
  id: string;
  case_no: string;
  title: string;
  state: string;
  region_code: string;
  received_on: string;
  due_on: string;
  assignee_name: string | null;
}

/** Open applications past their due date, most overdue first (titles carry masked names only). */
export async function overdueApplications(db: Queryable, f: StatisticsFilter, today: string, limit: number) {
  const { rows } = await db.query<OverdueApplicationRow>(
    `SELECT c.id, c.case_no, c.title, c.state, c.region_code, c.received_on::text AS received_on,
       coalesce(c.step_due_on, c.due_on)::text AS due_on, u.display_name AS assignee_name
     FROM wf_case c LEFT JOIN assistance_application a ON a.case_id = c.id
     LEFT JOIN app_user u ON u.id = c.assignee_id
     WHERE ${APPLICATION_CASES} AND c.closed_at IS NULL AND coalesce(c.step_due_on, c.due_on) < $3::date
     ORDER BY coalesce(c.step_due_on, c.due_on), c.case_no
     LIMIT $4`,
    [`${f.prefix}%`, f.programme ?? null, today, limit],
  );
  return rows;
}
