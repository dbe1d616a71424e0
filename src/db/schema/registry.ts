import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Person: ID number and phone only as SM4 ciphertext plus a keyed SM3 blind index. */
export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idCipher: bytea('id_cipher').notNull(),
    idIndex: bytea('id_index').notNull(),
    idMasked: text('id_masked').notNull(),
    name: text('name').notNull(),
    sex: text('sex').notNull(),
    birthDate: date('birth_date').notNull(),
    ethnicity: text('ethnicity').notNull().default('01'),
    phoneCipher: bytea('phone_cipher'),
    phoneIndex: bytea('phone_index'),
    phoneMasked: text('phone_masked'),
    hukouRegionCode: text('hukou_region_code').notNull(),
    regionCode: text('region_code').notNull(),
    disabilityCategory: text('disability_category'),
    disabilityLevel: integer('disability_level'),
    healthStatus: text('health_status').notNull().default('healthy'),
    labourCapacity: text('labour_capacity').notNull().default('full'),
    employmentStatus: text('employment_status').notNull().default('unknown'),
    monthlyIncomeFen: integer('monthly_income_fen').notNull().default(0),
    deceasedOn: date('deceased_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('person_id_index_uq').on(t.idIndex),
    index('person_phone_index_idx').on(t.phoneIndex),
    // region_code is C-collated (migration 0009) so LIKE '<scope>%' is a range on this index; names match by prefix.
    index('person_region_name_prefix_idx').on(t.regionCode, sql`${t.name} text_pattern_ops`),
    index('person_name_idx').on(sql`${t.name} text_pattern_ops`),
  ],
);

export const household = pgTable(
  'household',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdNo: text('household_no').notNull().unique(),
    headPersonId: uuid('head_person_id').references(() => person.id),
    address: text('address').notNull(),
    regionCode: text('region_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('household_region_idx').on(t.regionCode)],
);

/** Membership with history: leaving closes valid_to, joining appends; the past is never rewritten. */
export const householdMember = pgTable(
  'household_member',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => household.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    relationCode: text('relation_code').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('household_member_household_idx').on(t.householdId),
    // A person's membership history (current and past), e.g. the household a death concerns.
    index('household_member_person_idx').on(t.personId, t.validFrom),
    uniqueIndex('household_member_current_uq').on(t.personId).where(sql`${t.validTo} is null`),
  ],
);
