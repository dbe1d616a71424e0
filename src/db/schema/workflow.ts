import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './access.ts';
import { wfCase } from './platform.ts';

/**
 * Approval tasks of 会签 (all must approve) and 或签 (any one approves) steps: one row per approver and round.
 * A round starts each time the case enters the step (entered_seq = the wf_action seq that entered it), so a step
 * reopened by 驳回 gets fresh tasks while the old round's decisions stay as they were. The decisions themselves are
 * also written to the append-only wf_action history; this table is the current state of who still has to act.
 */
export const wfApproval = pgTable(
  'wf_approval',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => wfCase.id),
    step: text('step').notNull(),
    enteredSeq: integer('entered_seq').notNull(),
    mode: text('mode').notNull(),
    role: text('role').notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => appUser.id),
    status: text('status').notNull().default('pending'),
    /** How the task came about: chosen when the step was entered, 加签 (added) or 转办 (transferred). */
    origin: text('origin').notNull(),
    addedBy: text('added_by'),
    transferredFrom: uuid('transferred_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
  },
  (t) => [
    index('wf_approval_case_idx').on(t.caseId, t.step, t.enteredSeq),
    index('wf_approval_pending_idx').on(t.approverId).where(sql`${t.status} = 'pending'`),
    uniqueIndex('wf_approval_pending_uq').on(t.caseId, t.enteredSeq, t.approverId).where(sql`${t.status} = 'pending'`),
    check('wf_approval_mode_ck', sql`${t.mode} IN ('all', 'any')`),
    check(
      'wf_approval_status_ck',
      sql`${t.status} IN ('pending', 'approved', 'rejected', 'transferred', 'skipped', 'withdrawn')`,
    ),
    check('wf_approval_origin_ck', sql`${t.origin} IN ('assigned', 'added', 'transferred')`),
  ],
);
