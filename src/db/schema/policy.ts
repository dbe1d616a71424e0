import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Effective-dated policy parameters (DOMAIN.md: every amount, ratio and deadline), one row per value: scheme
 * ('assistance', later other business lines), key (e.g. 'dibaoStandardFen'), region prefix ('50' 重庆, '500156'
 * 武隆区), first day in force and the value. Rows are never edited: a new value is a new row; a row not yet in force
 * may be withdrawn (withdrawn_at), which keeps it for the record. Resolution is per key: the most specific region,
 * then the latest effective_from on or before the date.
 */
export const policyParameter = pgTable(
  'policy_parameter',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheme: text('scheme').notNull(),
    key: text('key').notNull(),
    regionCode: text('region_code').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    value: jsonb('value').notNull(),
    /** Where the value comes from: document number, [CQ]/[Ex] label, or the reason of a change. */
    source: text('source').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [
    uniqueIndex('policy_parameter_live_uq')
      .on(t.scheme, t.key, t.regionCode, t.effectiveFrom)
      .where(sql`${t.withdrawnAt} is null`),
    index('policy_parameter_lookup_idx').on(t.scheme, t.key, t.effectiveFrom),
  ],
);

/**
 * The exact set of parameter rows a decision was made under: values plus, per key, the policy_parameter row cited.
 * Content-addressed (hash of the citations), so every decision under the same rows cites the same snapshot id.
 */
export const policySnapshot = pgTable(
  'policy_snapshot',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheme: text('scheme').notNull(),
    hash: text('hash').notNull(),
    regionCode: text('region_code').notNull(),
    onDate: date('on_date').notNull(),
    citations: jsonb('citations').notNull(),
    values: jsonb('values').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('policy_snapshot_hash_uq').on(t.scheme, t.hash),
    check('policy_snapshot_scheme_ck', sql`${t.scheme} <> ''`),
  ],
);
