import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Append-only audit log. Rows are written in the business transaction without taking any lock; the chain that makes
 * them tamper-evident lives in audit_seal, added after commit by the sealer (ADR 0005).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    regionCode: text('region_code'),
    ip: text('ip'),
    reason: text('reason'),
    detail: jsonb('detail'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/**
 * The audit chain, append-only: seal n links audit row audit_id with hash_n = SM3(hash_{n-1} + the row's canonical
 * content). Seals are numbered in the order the sealer found the rows committed (not necessarily id order).
 */
export const auditSeal = pgTable(
  'audit_seal',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    auditId: bigint('audit_id', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('audit_seal_audit_uq').on(t.auditId)],
);

/** Audit rows committed but not yet sealed; written with the row, removed by the sealer. */
export const auditPending = pgTable('audit_pending', {
  auditId: bigint('audit_id', { mode: 'number' }).primaryKey(),
});

/** Cases 办件 of every business line, driven by typed workflow definitions. */
export const wfCase = pgTable(
  'wf_case',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNo: text('case_no').notNull().unique(),
    workflow: text('workflow').notNull(),
    businessLine: text('business_line').notNull(),
    state: text('state').notNull(),
    regionCode: text('region_code').notNull(),
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    title: text('title').notNull(),
    assigneeId: uuid('assignee_id'),
    candidateRole: text('candidate_role'),
    data: jsonb('data').notNull().default({}),
    receivedOn: date('received_on').notNull(),
    dueOn: date('due_on'),
    stepDueOn: date('step_due_on'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    /** Of a workflow allowing one open case per subject (WorkflowDef.oneOpenPerSubject): the index below holds it. */
    exclusive: boolean('exclusive').notNull().default(false),
  },
  (t) => [
    index('wf_case_region_idx').on(t.regionCode),
    index('wf_case_assignee_idx').on(t.assigneeId),
    index('wf_case_state_idx').on(t.workflow, t.state),
    uniqueIndex('wf_case_one_open_per_subject_uq')
      .on(t.workflow, t.subjectType, t.subjectId)
      .where(sql`${t.exclusive} AND ${t.closedAt} IS NULL`),
  ],
);

/** Append-only history of case actions. */
export const wfAction = pgTable(
  'wf_action',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => wfCase.id),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    input: jsonb('input'),
    comment: text('comment'),
  },
  (t) => [uniqueIndex('wf_action_case_seq_uq').on(t.caseId, t.seq)],
);

/** Transactional outbox: events written with the change, delivered at least once to each subscriber. */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    regionCode: text('region_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [index('event_outbox_pending_idx').on(t.dispatchedAt, t.id)],
);

export const eventDelivery = pgTable(
  'event_delivery',
  {
    eventId: integer('event_id').notNull(),
    subscriber: text('subscriber').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.subscriber] })],
);

/** Status, progress and errors of queued and scheduled jobs, shown in the admin UI and CLI. */
export const jobRun = pgTable(
  'job_run',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    progress: integer('progress').notNull().default(0),
    total: integer('total'),
    message: text('message'),
    error: text('error'),
    params: jsonb('params'),
    result: jsonb('result'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('job_run_created_idx').on(t.createdAt)],
);
