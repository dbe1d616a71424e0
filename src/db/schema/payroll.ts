import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Monthly payroll 资金发放 per district and programme. A run computes one line per enrollment due for the month;
 * maker-checker: the approver differs from whoever computed it. Never twice: payroll_line_live_uq allows one live
 * line per enrollment and month across all runs (a failed line is superseded by its carried copy in a later run).
 */
export const payrollRun = pgTable(
  'payroll_run',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    districtCode: text('district_code').notNull(),
    programme: text('programme').notNull(),
    month: date('month').notNull(),
    status: text('status').notNull().default('computing'),
    lineCount: integer('line_count').notNull().default(0),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    heldCount: integer('held_count').notNull().default(0),
    computedBy: text('computed_by').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    exportedAt: timestamp('exported_at', { withTimezone: true }),
    reconciledAt: timestamp('reconciled_at', { withTimezone: true }),
    summary: jsonb('summary').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('payroll_run_month_uq').on(t.districtCode, t.programme, t.month),
    check(
      'payroll_run_status_ck',
      sql`${t.status} IN ('computing', 'computed', 'approved', 'exported', 'reconciled', 'cancelled')`,
    ),
  ],
);

/**
 * One line per enrollment and month of a run. Built for the monthly bulk insert (1,000,000 lines a month):
 * - the key is a bigint identity (time-ordered, appended at the end of its index; it is also the bank reference);
 * - no foreign keys: each one is a per-row trigger, and together they cost more than the insert itself. The service
 *   guarantees them instead: lines are only inserted by INSERT … SELECT from assistance_enrollment (enrollment and
 *   household taken from that row) joined to the payroll_run row locked FOR UPDATE in the same transaction, and
 *   runs, enrollments and households are never deleted (a run is cancelled, an enrollment exits);
 * - how the amount was computed is a few narrow columns instead of a jsonb per line (the API rebuilds `basis`);
 * - two secondary indexes: payroll_line_live_uq (never paid twice, idempotent re-run) and payroll_line_run_idx
 *   (lookups by run and township).
 */
export const payrollLine = pgTable(
  'payroll_line',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** payroll_run.id (no FK, see above). */
    runId: uuid('run_id').notNull(),
    /** assistance_enrollment.id (no FK, see above). */
    enrollmentId: uuid('enrollment_id').notNull(),
    /** household.id of the enrollment (no FK, see above). */
    householdId: uuid('household_id').notNull(),
    regionCode: text('region_code').notNull(),
    /** The month this money is for (a carried line keeps its original month). */
    forMonth: date('for_month').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** payable | held (suspended) | paid | failed | carried (failed, re-issued in a later run) */
    status: text('status').notNull(),
    /** Basis of the amount: the month's standard for the area (全额/差额 standard), fen. */
    standardFen: integer('standard_fen'),
    /** Basis: household members counted and their monthly income (低保/单人保 补差). */
    members: smallint('members'),
    incomeFen: integer('income_fen'),
    /** Basis: 特困 care tier (self-care | partial | total). */
    careTier: text('care_tier'),
    /** Basis: paid at the pre-change amount during 渐退. */
    gradualExit: boolean('gradual_exit').notNull().default(false),
    /** Basis: the policy parameter version in force on the month's first day. */
    policyVersionId: text('policy_version_id'),
    carriedFromLineId: bigint('carried_from_line_id', { mode: 'number' }),
    failureReason: text('failure_reason'),
    bankReference: text('bank_reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Never paid twice: one live line per enrollment and month across all runs (a failed line is superseded by its
    // carried copy in a later run). Held lines count as live, so a resumed or concurrent compute never adds a second.
    // Month first: a month's lines go into their own key range (in enrollment order), not all over the index of every
    // past month. A lookup of one enrollment's payments uses it by naming the months (for_month = ANY(...)).
    uniqueIndex('payroll_line_live_uq')
      .on(t.forMonth, t.enrollmentId)
      .where(sql`${t.status} IN ('payable', 'paid', 'held')`),
    // Lookups by run, and by township within a run (lines are inserted township by township in region order).
    index('payroll_line_run_idx').on(t.runId, t.regionCode),
    check('payroll_line_status_ck', sql`${t.status} IN ('payable', 'held', 'paid', 'failed', 'carried')`),
  ],
);
