import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
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

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Department data exchange (issue 4, DOMAIN §1.5): 13 departments, 36 data categories. The catalogue is seeded
 * from code and editable by administrators (enabled, names, field list); every record a department sends is kept
 * once (category + record_key) with the person it is about as a blind index (never the plain ID number).
 */
export const exchangeDepartment = pgTable('exchange_department', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const exchangeCategory = pgTable(
  'exchange_category',
  {
    code: text('code').primaryKey(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => exchangeDepartment.code),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** Field list: [{ key, labelZh, labelEn, type: 'text'|'date'|'money'|'int'|'code', required, sensitive }]. */
    fields: jsonb('fields').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('exchange_category_department_idx').on(t.departmentCode)],
);

/** One file, API push or simulator feed. content_hash makes the same file twice a no-op. */
export const exchangeBatch = pgTable(
  'exchange_batch',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => exchangeCategory.code),
    source: text('source').notNull(),
    clientId: text('client_id'),
    fileName: text('file_name'),
    contentHash: text('content_hash').notNull(),
    status: text('status').notNull().default('running'),
    totalRows: integer('total_rows').notNull().default(0),
    storedRows: integer('stored_rows').notNull().default(0),
    duplicateRows: integer('duplicate_rows').notNull().default(0),
    badRows: integer('bad_rows').notNull().default(0),
    /** First bad rows with line numbers and reasons. */
    errors: jsonb('errors').notNull().default([]),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('exchange_batch_content_uq').on(t.categoryCode, t.contentHash),
    check('exchange_batch_source_ck', sql`${t.source} IN ('file', 'api', 'simulator')`),
    check('exchange_batch_status_ck', sql`${t.status} IN ('running', 'done', 'failed')`),
  ],
);

export const exchangeRecord = pgTable(
  'exchange_record',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    categoryCode: text('category_code').notNull(),
    /** The department's own key for the record, or a hash of its content: the same record twice is stored once. */
    recordKey: text('record_key').notNull(),
    /** HMAC-SM3 blind index of the subject's ID number (same key as person.id_index). */
    subjectIndex: bytea('subject_index').notNull(),
    occurredOn: date('occurred_on'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    payload: jsonb('payload').notNull(),
    batchId: uuid('batch_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exchange_record_key_uq').on(t.categoryCode, t.recordKey),
    index('exchange_record_subject_idx').on(t.subjectIndex, t.categoryCode),
    index('exchange_record_batch_idx').on(t.batchId),
  ],
);

/** Each household verification (核对) keeps every category's answer with the case. */
export const exchangeVerification = pgTable(
  'exchange_verification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id'),
    householdId: uuid('household_id').notNull(),
    regionCode: text('region_code').notNull(),
    /** Per category: records found (ids and payload summaries) and the summary (income by type, assets, …). */
    answers: jsonb('answers').notNull(),
    summary: jsonb('summary').notNull(),
    requestedBy: text('requested_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('exchange_verification_case_idx').on(t.caseId),
    index('exchange_verification_hh_idx').on(t.householdId),
  ],
);

/** Monitoring warning rules 预警规则: configurable severity, due days and the role that acts. */
export const monitoringRule = pgTable('monitoring_rule', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  severity: text('severity').notNull(),
  dueWorkingDays: integer('due_working_days').notNull(),
  actRole: text('act_role').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  params: jsonb('params').notNull().default({}),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** People flagged at risk (besides everyone enrolled), so they are monitored too. */
export const monitoringFlag = pgTable(
  'monitoring_flag',
  {
    personId: uuid('person_id').primaryKey(),
    regionCode: text('region_code').notNull(),
    reason: text('reason').notNull(),
    flaggedBy: text('flagged_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_flag_region_idx').on(t.regionCode)],
);

/**
 * A warning 预警 (or a proactive-discovery task 主动发现): de-duplicated by dedup_key, assigned to the village
 * coordinator, escalated when overdue, closed with an outcome.
 */
export const monitoringWarning = pgTable(
  'monitoring_warning',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleCode: text('rule_code').notNull(),
    kind: text('kind').notNull().default('warning'),
    dedupKey: text('dedup_key').notNull(),
    personId: uuid('person_id'),
    householdId: uuid('household_id'),
    regionCode: text('region_code').notNull(),
    severity: text('severity').notNull(),
    evidence: jsonb('evidence').notNull(),
    status: text('status').notNull().default('open'),
    assigneeRole: text('assignee_role').notNull(),
    assigneeId: uuid('assignee_id'),
    dueOn: date('due_on').notNull(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** visited | assistance_started | dismissed | benefit_stopped | recheck_opened */
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    caseId: uuid('case_id'),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('monitoring_warning_dedup_uq').on(t.dedupKey),
    index('monitoring_warning_region_idx').on(t.regionCode, t.status),
    index('monitoring_warning_due_idx').on(t.dueOn).where(sql`${t.status} <> 'closed'`),
    check('monitoring_warning_kind_ck', sql`${t.kind} IN ('warning', 'outreach', 'recheck')`),
    check('monitoring_warning_status_ck', sql`${t.status} IN ('open', 'in_progress', 'closed')`),
  ],
);

/** Visits and notes on a warning (the coordinator's record). */
export const monitoringWarningNote = pgTable(
  'monitoring_warning_note',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warningId: uuid('warning_id')
      .notNull()
      .references(() => monitoringWarning.id),
    kind: text('kind').notNull(),
    visitedOn: date('visited_on'),
    note: text('note').notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_warning_note_warning_idx').on(t.warningId)],
);
