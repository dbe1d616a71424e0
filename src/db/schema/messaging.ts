import { sql } from 'drizzle-orm';
import {
  check,
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
import { appUser, organisation } from './access.ts';

/** Runtime parameters 参数设置 changed by the system administrator; a key without a row has its coded default. */
export const appSetting = pgTable('app_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Notices 通知公告 to staff: addressed to one organisation or to everyone whose jurisdiction lies within a region
 * prefix. region_code is where the notice belongs (the target region, or the target organisation's region) and is
 * what publishers' scope filters on.
 */
export const notice = pgTable(
  'notice',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    targetOrgId: uuid('target_org_id').references(() => organisation.id),
    targetRegion: text('target_region'),
    regionCode: text('region_code').notNull(),
    publishOn: date('publish_on').notNull(),
    expireOn: date('expire_on'),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => appUser.id),
    publishedByName: text('published_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('notice_region_idx').on(t.regionCode),
    index('notice_publish_idx').on(t.publishOn),
    check('notice_one_target_ck', sql`(${t.targetOrgId} IS NULL) <> (${t.targetRegion} IS NULL)`),
    check('notice_dates_ck', sql`${t.expireOn} IS NULL OR ${t.expireOn} >= ${t.publishOn}`),
  ],
);

/** Read receipts 已读回执: the first time each staff member opened a notice. */
export const noticeRead = pgTable(
  'notice_read',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notice.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] })],
);

/**
 * In-app messages 站内信, one inbox per staff user, written by the platform. dedupe_key makes each producer
 * idempotent: an event's messages are keyed by the event id, deadline reminders by case and day.
 */
export const message = pgTable(
  'message',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    kind: text('kind').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh'),
    bodyEn: text('body_en'),
    caseId: uuid('case_id'),
    regionCode: text('region_code'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('message_user_dedupe_uq').on(t.userId, t.dedupeKey),
    index('message_inbox_idx').on(t.userId, t.createdAt),
  ],
);
