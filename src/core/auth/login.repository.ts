import type { Queryable } from '../../db/database.ts';

export interface LoginUserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  region_scope: string;
  is_active: boolean;
  failed_attempts: number;
  locked_until: Date | null;
}

export async function findLoginUser(db: Queryable, username: string): Promise<LoginUserRow | undefined> {
  const { rows } = await db.query<LoginUserRow>(
    `SELECT id, username, display_name, password_hash, region_scope, is_active, failed_attempts, locked_until
     FROM app_user WHERE username = $1`,
    [username],
  );
  return rows[0];
}

export async function saveFailedAttempts(
  tx: Queryable,
  userId: string,
  failedAttempts: number,
  lockedUntil: Date | null,
): Promise<void> {
  await tx.query('UPDATE app_user SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [
    userId,
    failedAttempts,
    lockedUntil,
  ]);
}

/** A new staff session (only the token's hash is stored); clears the failure count of the user. */
export async function openStaffSession(
  tx: Queryable,
  s: { tokenHash: string; userId: string; absoluteHours: number; ip?: string; userAgent?: string },
): Promise<void> {
  await tx.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [s.userId]);
  await tx.query(
    `INSERT INTO session (token_hash, kind, user_id, expires_at, ip, user_agent)
     VALUES ($1, 'staff', $2, now() + make_interval(hours => $3), $4, $5)`,
    [s.tokenHash, s.userId, s.absoluteHours, s.ip ?? null, s.userAgent?.slice(0, 500) ?? null],
  );
}
