import { bigint, bigserial, boolean, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './access.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Every staff sign-in attempt, successful or not (登录日志). `region_scope` is the user's scope so administrators see
 * the attempts on accounts within their jurisdiction; attempts on unknown user names have none and are seen only by
 * installation-wide administrators. Append-only (trigger in the auth_append_only migration).
 */
export const loginLog = pgTable(
  'login_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    username: text('username').notNull(),
    userId: uuid('user_id'),
    success: boolean('success').notNull(),
    reason: text('reason').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    regionScope: text('region_scope'),
  },
  (t) => [
    index('login_log_scope_at_idx').on(t.regionScope, t.at),
    index('login_log_user_idx').on(t.userId),
    index('login_log_at_idx').on(t.at),
  ],
);

/**
 * A staff user's TOTP second factor (RFC 6238). The secret is stored only as SM4 ciphertext (FieldCipher); a row
 * without `enabled_at` is an enrolment that has not been confirmed with a code yet. `last_used_step` refuses a code
 * a second time (RFC 6238 §5.2).
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => appUser.id),
  secretCipher: bytea('secret_cipher').notNull(),
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
