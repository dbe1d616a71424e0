import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation } from './access.ts';
import { wfCase } from './platform.ts';

/**
 * 好差评 (GB/T 39734 一事一评): one rating per closed case, by the resident in the portal or by the window clerk on
 * their behalf. Append-only (trigger in the rating migration): a submitted rating is evidence and is never edited.
 */
export const serviceRating = pgTable(
  'service_rating',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .unique()
      .references(() => wfCase.id),
    orgId: uuid('org_id').references(() => organisation.id),
    regionCode: text('region_code').notNull(),
    businessLine: text('business_line').notNull(),
    workflow: text('workflow').notNull(),
    grade: text('grade').notNull(),
    score: integer('score').notNull(),
    dimensions: text('dimensions').array().notNull().default(sql`'{}'::text[]`),
    comment: text('comment'),
    channel: text('channel').notNull(),
    ratedByType: text('rated_by_type').notNull(),
    ratedById: text('rated_by_id').notNull(),
    ratedOn: date('rated_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_rating_region_idx').on(t.regionCode),
    index('service_rating_org_grade_idx').on(t.orgId, t.grade),
    check(
      'service_rating_grade_ck',
      sql`${t.grade} IN ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')`,
    ),
    check('service_rating_score_ck', sql`${t.score} BETWEEN 1 AND 5`),
    check('service_rating_channel_ck', sql`${t.channel} IN ('portal', 'window')`),
  ],
);
