import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Code sets 字典 (GB/T 2261.1 sex, GB/T 3304 ethnicity, GB/T 4761 relation, GB/T 26341 disability, MZ/T 073-2024
 * means-check data elements, platform codes). National items are seeded from src/core/dictionary and read-only;
 * `editable` dictionaries also take local extensions maintained by administrators.
 */
export const dictionary = pgTable('dictionary', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  standard: text('standard').notNull(),
  editable: boolean('editable').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dictionaryItem = pgTable(
  'dictionary_item',
  {
    dictionaryCode: text('dictionary_code')
      .notNull()
      .references(() => dictionary.code),
    value: text('value').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    sort: integer('sort').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    isLocal: boolean('is_local').notNull().default(false),
    /** For data elements: how carefully the value must be handled (masking in exports, log redaction). */
    sensitivity: text('sensitivity'),
    remark: text('remark'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.dictionaryCode, t.value] }),
    check(
      'dictionary_item_sensitivity_ck',
      sql`${t.sensitivity} IS NULL OR ${t.sensitivity} IN ('public', 'internal', 'personal', 'sensitive_personal')`,
    ),
  ],
);
