import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { assistanceEnrollment } from './assistance.ts';
import { household } from './registry.ts';

/**
 * Monthly payroll 资金发放 per district and programme. A run computes one line per enrollment due for the month;
 * maker-checker: the approver differs from whoever computed it. Never twice: payroll_line_paid_uq allows one live
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

export const payrollLine = pgTable(
  'payroll_line',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => payrollRun.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => assistanceEnrollment.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => household.id),
    regionCode: text('region_code').notNull(),
    /** The month this money is for (a carried line keeps its original month). */
    forMonth: date('for_month').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** payable | held (suspended) | paid | failed | carried (failed, re-issued in a later run) */
    status: text('status').notNull(),
    /** How the amount was computed (standard, per-capita income, members, snapshot). */
    basis: jsonb('basis').notNull().default({}),
    carriedFromLineId: uuid('carried_from_line_id'),
    failureReason: text('failure_reason'),
    bankReference: text('bank_reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payroll_line_region_idx').on(t.regionCode),
    uniqueIndex('payroll_line_paid_uq').on(t.enrollmentId, t.forMonth).where(sql`${t.status} IN ('payable', 'paid')`),
    // Also serves lookups by run (its leading column): a separate run_id index only slowed every line insert.
    uniqueIndex('payroll_line_run_uq').on(t.runId, t.enrollmentId, t.forMonth),
    check('payroll_line_status_ck', sql`${t.status} IN ('payable', 'held', 'paid', 'failed', 'carried')`),
  ],
);
