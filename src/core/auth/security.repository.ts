import type { Queryable } from '../../db/database.ts';
import type { Actor } from './actor.ts';

/** Why a sign-in attempt ended as it did (login_log.reason). */
export type LoginOutcome =
  | 'ok'
  | 'unknown_user'
  | 'bad_password'
  | 'inactive'
  | 'locked'
  | 'totp_required'
  | 'totp_invalid';

export async function insertLoginLog(
  tx: Queryable,
  row: {
    username: string;
    userId: string | null;
    success: boolean;
    reason: LoginOutcome;
    ip: string | undefined;
    userAgent: string | undefined;
    regionScope: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO login_log (username, user_id, success, reason, ip, user_agent, region_scope)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      row.username.slice(0, 64),
      row.userId,
      row.success,
      row.reason,
      row.ip ?? null,
      row.userAgent?.slice(0, 500) ?? null,
      row.regionScope,
    ],
  );
}

/** Rows without a scope (unknown user names) belong to the whole installation, as audit rows without a region do. */
const SCOPE_CLAUSE = "(l.region_scope LIKE $1 OR ($2 = '' AND l.region_scope IS NULL))";

export interface LoginLogSearch {
  username?: string;
  success?: boolean;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Sign-in attempts on accounts within the reader's scope, newest first. */
export async function searchLoginLog(db: Queryable, actor: Actor, q: LoginLogSearch) {
  const where = [SCOPE_CLAUSE];
  const params: unknown[] = [`${actor.regionScope}%`, actor.regionScope];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (q.username) add('l.username = ?', q.username);
  if (q.success !== undefined) add('l.success = ?', q.success);
  if (q.from) add('l.at >= ?::date', q.from);
  if (q.to) add("l.at < (?::date + interval '1 day')", q.to);
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM login_log l WHERE ${w}`, params);
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const { rows } = await db.query<{
    id: number;
    at: Date;
    username: string;
    user_id: string | null;
    display_name: string | null;
    success: boolean;
    reason: string;
    ip: string | null;
    user_agent: string | null;
    region_scope: string | null;
  }>(
    `SELECT l.id, l.at, l.username, l.user_id, u.display_name, l.success, l.reason, l.ip, l.user_agent, l.region_scope
     FROM login_log l LEFT JOIN app_user u ON u.id = l.user_id
     WHERE ${w} ORDER BY l.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { total: total.rows[0].n, rows };
}

/**
 * Users with at least one live staff session (not revoked, within the idle and absolute limits) whose scope lies
 * within the reader's, one row per user.
 */
export async function listOnlineUsers(
  db: Queryable,
  actor: Actor,
  limits: { idleMinutes: number; absoluteHours: number },
  page: { limit: number; offset: number },
) {
  const live = `s.kind = 'staff' AND s.revoked_at IS NULL AND u.is_active AND u.region_scope LIKE $1
    AND s.last_seen_at > now() - make_interval(mins => $2) AND s.created_at > now() - make_interval(hours => $3)`;
  const params: unknown[] = [`${actor.regionScope}%`, limits.idleMinutes, limits.absoluteHours];
  const total = await db.query<{ n: number }>(
    `SELECT count(DISTINCT u.id)::int AS n FROM session s JOIN app_user u ON u.id = s.user_id WHERE ${live}`,
    params,
  );
  const { rows } = await db.query<{
    user_id: string;
    username: string;
    display_name: string;
    org_name: string;
    region_scope: string;
    sessions: number;
    signed_in_at: Date;
    last_seen_at: Date;
    ip: string | null;
    user_agent: string | null;
  }>(
    `SELECT u.id AS user_id, u.username, u.display_name, o.name AS org_name, u.region_scope,
       count(*)::int AS sessions, min(s.created_at) AS signed_in_at, max(s.last_seen_at) AS last_seen_at,
       (array_agg(s.ip ORDER BY s.last_seen_at DESC))[1] AS ip,
       (array_agg(s.user_agent ORDER BY s.last_seen_at DESC))[1] AS user_agent
     FROM session s JOIN app_user u ON u.id = s.user_id JOIN organisation o ON o.id = u.org_id
     WHERE ${live}
     GROUP BY u.id, u.username, u.display_name, o.name, u.region_scope
     ORDER BY max(s.last_seen_at) DESC, u.username LIMIT $4 OFFSET $5`,
    [...params, page.limit, page.offset],
  );
  return { total: total.rows[0].n, rows };
}

/** Ends every open staff session of a user (force-logout 踢下线, password change, disabling); the number ended. */
export async function revokeUserSessions(tx: Queryable, userId: string, exceptTokenHash?: string): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE session SET revoked_at = now()
     WHERE user_id = $1 AND kind = 'staff' AND revoked_at IS NULL AND ($2::text IS NULL OR token_hash <> $2)`,
    [userId, exceptTokenHash ?? null],
  );
  return rowCount;
}

export interface TotpRow {
  secret_cipher: Buffer;
  enabled_at: Date | null;
  last_used_step: number | null;
}

export async function findTotp(db: Queryable, userId: string): Promise<TotpRow | undefined> {
  const { rows } = await db.query<TotpRow>(
    'SELECT secret_cipher, enabled_at, last_used_step FROM user_totp WHERE user_id = $1',
    [userId],
  );
  const r = rows[0];
  return r ? { ...r, last_used_step: r.last_used_step === null ? null : Number(r.last_used_step) } : undefined;
}

/** Starts (or restarts) an enrolment: a new secret, not yet enabled. Refuses to replace an enabled secret. */
export async function savePendingTotp(tx: Queryable, userId: string, secretCipher: Buffer): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO user_totp (user_id, secret_cipher) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET secret_cipher = EXCLUDED.secret_cipher, created_at = now(), last_used_step = NULL
     WHERE user_totp.enabled_at IS NULL`,
    [userId, secretCipher],
  );
  return rowCount === 1;
}

/**
 * Records that a code of this step was used (and enables a pending enrolment); false when another request used
 * this step or a later one first, so one code signs in once even under concurrency.
 */
export async function claimTotpStep(tx: Queryable, userId: string, step: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE user_totp SET last_used_step = $2, enabled_at = coalesce(enabled_at, now())
     WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)`,
    [userId, step],
  );
  return rowCount === 1;
}

export async function deleteTotp(tx: Queryable, userId: string): Promise<boolean> {
  const { rowCount } = await tx.query('DELETE FROM user_totp WHERE user_id = $1', [userId]);
  return rowCount === 1;
}
