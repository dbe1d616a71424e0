import { sql } from 'drizzle-orm';
import {
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
import { wfCase } from './platform.ts';
import { household, person } from './registry.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Social assistance 社会救助 (issue 3). One application = one wf_case (workflow 'assistance.application'); this row
 * holds what the workflow's jsonb data should not: the declared and verified facts, the decision with its trace and
 * the policy snapshot it cites. region_code columns are 12-digit village codes, C-collated (migration) for LIKE scope.
 */
export const assistanceApplication = pgTable(
  'assistance_application',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => wfCase.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => household.id),
    applicantPersonId: uuid('applicant_person_id')
      .notNull()
      .references(() => person.id),
    regionCode: text('region_code').notNull(),
    area: text('area').notNull(),
    /** window 窗口 | portal 掌上办 | coordinator 入户 | discovery 主动发现 */
    channel: text('channel').notNull(),
    /** Programmes asked for ('auto' = let the system sort) and needs for other departments. */
    requested: jsonb('requested').notNull().default([]),
    emergency: boolean('emergency').notNull().default(false),
    /** What the household declared (members, incomes, assets), ApplicationFacts shape. */
    declared: jsonb('declared').notNull(),
    /** Verified facts after data checks, visits and findings (ApplicationFacts); null until verification ends. */
    verified: jsonb('verified'),
    authorisationDocumentId: uuid('authorisation_document_id'),
    authorisedOn: date('authorised_on'),
    /** The proposed/approved decision set (classify() output) and the snapshot cited. */
    decision: jsonb('decision'),
    policySnapshotId: uuid('policy_snapshot_id'),
    programme: text('programme'),
    amountFen: integer('amount_fen'),
    /** 延期: extension of the whole procedure (working days) and its reason. */
    extensionDays: integer('extension_days').notNull().default(0),
    extensionReason: text('extension_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assistance_application_region_idx').on(t.regionCode),
    index('assistance_application_household_idx').on(t.householdId),
    check('assistance_application_area_ck', sql`${t.area} IN ('urban', 'rural')`),
    check('assistance_application_channel_ck', sql`${t.channel} IN ('window', 'portal', 'coordinator', 'discovery')`),
  ],
);

/** Files attached to an application: signed authorisation, ID and income papers, phone photos. Content in the DB. */
export const assistanceDocument = pgTable(
  'assistance_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => wfCase.id),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistance_document_case_idx').on(t.caseId)],
);

/** 分办转办: a need that belongs to another department, sent to its organisation and tracked to its reply. */
export const assistanceTransfer = pgTable(
  'assistance_transfer',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => wfCase.id),
    regionCode: text('region_code').notNull(),
    /** medical | education | housing | employment | other */
    need: text('need').notNull(),
    toOrgId: uuid('to_org_id').notNull(),
    note: text('note').notNull(),
    status: text('status').notNull().default('sent'),
    dueOn: date('due_on').notNull(),
    reply: text('reply'),
    repliedBy: text('replied_by'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_transfer_case_idx').on(t.caseId),
    index('assistance_transfer_org_idx').on(t.toOrgId, t.status),
    check('assistance_transfer_status_ck', sql`${t.status} IN ('sent', 'accepted', 'replied', 'closed')`),
  ],
);

/** Verification: home visits (two investigators sign) and neighbour interviews. */
export const assistanceVisit = pgTable(
  'assistance_visit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => wfCase.id),
    kind: text('kind').notNull(),
    visitedOn: date('visited_on').notNull(),
    investigatorIds: jsonb('investigator_ids').notNull(),
    notes: text('notes').notNull(),
    observations: jsonb('observations').notNull().default({}),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_visit_case_idx').on(t.caseId),
    check('assistance_visit_kind_ck', sql`${t.kind} IN ('home_visit', 'neighbour_interview')`),
  ],
);

/** A mismatch between declared facts and a data check or visit; the investigator resolves it with a note. */
export const assistanceFinding = pgTable(
  'assistance_finding',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => wfCase.id),
    source: text('source').notNull(),
    category: text('category').notNull(),
    memberPersonId: uuid('member_person_id'),
    declared: jsonb('declared'),
    found: jsonb('found'),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    /** accept_found | keep_declared | other */
    outcome: text('outcome'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_finding_case_idx').on(t.caseId),
    check('assistance_finding_status_ck', sql`${t.status} IN ('open', 'resolved')`),
  ],
);

/** 公示: 7 days in the village, masked names and amounts on a public page; objections recorded and resolved. */
export const assistancePublicity = pgTable(
  'assistance_publicity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => wfCase.id),
    villageCode: text('village_code').notNull(),
    maskedName: text('masked_name').notNull(),
    programme: text('programme').notNull(),
    members: integer('members').notNull(),
    amountFen: integer('amount_fen').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_publicity_village_idx').on(t.villageCode, t.endsOn),
    uniqueIndex('assistance_publicity_open_uq').on(t.caseId).where(sql`${t.status} = 'open'`),
    check('assistance_publicity_status_ck', sql`${t.status} IN ('open', 'closed', 'withdrawn')`),
  ],
);

export const assistanceObjection = pgTable(
  'assistance_objection',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicityId: uuid('publicity_id')
      .notNull()
      .references(() => assistancePublicity.id),
    receivedOn: date('received_on').notNull(),
    content: text('content').notNull(),
    contact: text('contact'),
    status: text('status').notNull().default('open'),
    /** upheld (objection holds: the case goes back) | dismissed */
    outcome: text('outcome'),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistance_objection_publicity_idx').on(t.publicityId)],
);

/**
 * An enrolled household (or a one-person 单人保 household) in one programme. The current state lives here; every
 * change appends to assistance_enrollment_event. Months are the first day of the month (date).
 */
export const assistanceEnrollment = pgTable(
  'assistance_enrollment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => wfCase.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => household.id),
    /** For 单人保 and 特困: the person enrolled; null = the whole household. */
    personId: uuid('person_id'),
    regionCode: text('region_code').notNull(),
    area: text('area').notNull(),
    programme: text('programme').notNull(),
    status: text('status').notNull(),
    members: integer('members').notNull(),
    /** Per-capita counted income (fen/month) the benefit is computed from; recomputed when the standard changes. */
    perCapitaIncomeFen: integer('per_capita_income_fen').notNull().default(0),
    /** Monthly amount at approval; payroll recomputes from the standard in force for each month. */
    amountFen: integer('amount_fen').notNull(),
    /** Decision inputs needed to recompute the monthly amount (top-up members, care tier, ...). */
    basis: jsonb('basis').notNull().default({}),
    startMonth: date('start_month').notNull(),
    /** Last month paid (inclusive) once exited or in 渐退; null = open-ended. */
    endMonth: date('end_month'),
    exitReason: text('exit_reason'),
    reviewIntervalMonths: integer('review_interval_months').notNull().default(12),
    nextReviewOn: date('next_review_on'),
    policySnapshotId: uuid('policy_snapshot_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assistance_enrollment_region_idx').on(t.regionCode),
    index('assistance_enrollment_household_idx').on(t.householdId),
    index('assistance_enrollment_review_idx').on(t.nextReviewOn),
    // A death or departure finds the enrollments it concerns by person, household or counted member (never a scan).
    index('assistance_enrollment_person_idx').on(t.personId),
    index('assistance_enrollment_members_idx').using('gin', sql`(${t.basis} -> 'memberIds')`),
    check('assistance_enrollment_status_ck', sql`${t.status} IN ('active', 'suspended', 'gradual_exit', 'exited')`),
  ],
);

export const assistanceEnrollmentEvent = pgTable(
  'assistance_enrollment_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => assistanceEnrollment.id),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    effectiveMonth: date('effective_month'),
    amountFen: integer('amount_fen'),
    reason: text('reason').notNull(),
    details: jsonb('details').notNull().default({}),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistance_enrollment_event_enrollment_idx').on(t.enrollmentId)],
);

/** 定期报告 and change reports (by recipient on the portal or by staff). */
export const assistanceReport = pgTable(
  'assistance_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => assistanceEnrollment.id),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(),
    period: text('period'),
    content: jsonb('content').notNull(),
    status: text('status').notNull().default('submitted'),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    submittedBy: text('submitted_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_report_enrollment_idx').on(t.enrollmentId),
    index('assistance_report_region_idx').on(t.regionCode, t.status),
    check('assistance_report_kind_ck', sql`${t.kind} IN ('periodic', 'change')`),
  ],
);

/** Money paid that should not have been (fraud, late-reported death); recovery tracked, never deleted. */
export const assistanceOverpayment = pgTable(
  'assistance_overpayment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => assistanceEnrollment.id),
    regionCode: text('region_code').notNull(),
    amountFen: integer('amount_fen').notNull(),
    fineFen: integer('fine_fen').notNull().default(0),
    reason: text('reason').notNull(),
    recoveredFen: integer('recovered_fen').notNull().default(0),
    status: text('status').notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistance_overpayment_enrollment_idx').on(t.enrollmentId)],
);
