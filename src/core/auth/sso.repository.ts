import type { Queryable } from '../../db/database.ts';

export interface SsoUserRow {
  id: string;
  username: string;
  display_name: string;
  region_scope: string;
  is_active: boolean;
  locked_until: Date | null;
}

/** The local account an external identity maps to, by user name. */
export async function findSsoUser(db: Queryable, username: string): Promise<SsoUserRow | undefined> {
  const { rows } = await db.query<SsoUserRow>(
    'SELECT id, username, display_name, region_scope, is_active, locked_until FROM app_user WHERE username = $1',
    [username],
  );
  return rows[0];
}

/**
 * A staff session opened by single sign-on: the same row the password login writes (only the token's SM3 hash,
 * kind 'staff', the absolute limit from now), so every session check, idle limit and logout applies unchanged.
 */
export async function openSsoSession(
  tx: Queryable,
  s: { tokenHash: string; userId: string; absoluteHours: number; ip?: string; userAgent?: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO session (token_hash, kind, user_id, expires_at, ip, user_agent)
     VALUES ($1, 'staff', $2, now() + make_interval(hours => $3), $4, $5)`,
    [s.tokenHash, s.userId, s.absoluteHours, s.ip ?? null, s.userAgent?.slice(0, 500) ?? null],
  );
}
