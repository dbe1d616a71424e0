import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { safeRegionName } from '../region/region-name.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { hashToken, randomToken } from '../shared/crypto.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from './actor.ts';
import {
  type AuthPolicy,
  authPolicyFromEnv,
  isPasswordExpired,
  isTotpRequiredFor,
  sessionRestriction,
} from './auth-policy.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { checkPasswordComplexity, isSessionAlive } from './password-policy.ts';
import { revokeUserSessions } from './security.repository.ts';
import { type LoginAttempt, loginStaff } from './staff-login.ts';

export { hashPassword } from './password-hash.ts';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

/** Staff login, sessions and bearer clients. */
export class AuthService {
  private readonly db: Database;
  private readonly cipher: FieldCipher;
  readonly settings: SessionSettings;
  /** Password age, the administrators' second factor and request limits (environment, overridable per platform). */
  readonly policy: AuthPolicy;
  private readonly actorCache = new Map<string, Actor>();

  constructor(db: Database, settings: SessionSettings, cipher: FieldCipher, policy: Partial<AuthPolicy> = {}) {
    this.db = db;
    this.settings = settings;
    this.cipher = cipher;
    this.policy = { ...authPolicyFromEnv(process.env), ...policy };
  }

  /** Signs a staff member in (password, lockout, TOTP when enabled); every attempt is written to the login log. */
  login(attempt: LoginAttempt): Promise<{ token: string; userId: string }> {
    return loginStaff({ db: this.db, cipher: this.cipher, absoluteHours: this.settings.absoluteHours }, attempt);
  }

  /** The actor behind a session token, or undefined when the session is unknown, idle too long, or revoked. */
  async authenticate(token: string, ip: string | undefined): Promise<Actor | undefined> {
    const tokenHash = hashToken(token);
    // One query per request: the session and the user's current state (active, version, password age, TOTP).
    const { rows } = await this.db.query<{
      user_id: string;
      created_at: Date;
      last_seen_at: Date;
      revoked_at: Date | null;
      is_active: boolean;
      version: number;
      password_changed_at: Date;
      must_change_password: boolean;
      totp_enabled: boolean;
    }>(
      `SELECT s.user_id, s.created_at, s.last_seen_at, s.revoked_at, u.is_active, u.version, u.password_changed_at,
         u.must_change_password,
         EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS totp_enabled
       FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.kind = 'staff'`,
      [tokenHash],
    );
    const s = rows[0];
    const now = new Date();
    if (!s?.is_active) return undefined;
    if (
      !isSessionAlive(
        { createdAt: new Date(s.created_at), lastSeenAt: new Date(s.last_seen_at), revokedAt: s.revoked_at },
        now,
        this.settings.idleMinutes,
        this.settings.absoluteHours,
      )
    ) {
      return undefined;
    }
    // Roles and scope are cached per user version: every change to them bumps app_user.version.
    const key = `${s.user_id}:${s.version}`;
    let actor = this.actorCache.get(key);
    if (!actor) {
      actor = await this.loadStaffActor(s.user_id);
      if (!actor) return undefined;
      if (this.actorCache.size > 10_000) this.actorCache.clear();
      this.actorCache.set(key, actor);
    }
    if (now.getTime() - new Date(s.last_seen_at).getTime() > 15_000) {
      await this.db.query('UPDATE session SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
    }
    // Computed per request, never cached: the password ages and TOTP may be enabled while the session lives.
    const restriction = sessionRestriction(
      {
        passwordChangedAt: new Date(s.password_changed_at),
        roles: actor.roles,
        totpEnabled: s.totp_enabled,
        mustChangePassword: s.must_change_password,
      },
      this.policy,
      now,
    );
    return restriction ? { ...actor, ip, restriction } : { ...actor, ip };
  }

  async loadStaffActor(userId: string, ip?: string): Promise<Actor | undefined> {
    const { rows } = await this.db.query<{
      id: string;
      display_name: string;
      region_scope: string;
      org_id: string;
      is_active: boolean;
      roles: string[] | null;
      permissions: string[] | null;
      lines: string[] | null;
    }>(
      `SELECT u.id, u.display_name, u.region_scope, u.org_id, u.is_active,
         array_agg(DISTINCT r.code) AS roles,
         array_agg(DISTINCT p) AS permissions,
         array_agg(DISTINCT l) AS lines
       FROM app_user u
       LEFT JOIN user_role ur ON ur.user_id = u.id
       LEFT JOIN role r ON r.code = ur.role_code
       LEFT JOIN LATERAL unnest(r.permissions) AS p ON true
       LEFT JOIN LATERAL unnest(r.business_lines) AS l ON true
       WHERE u.id = $1
       GROUP BY u.id`,
      [userId],
    );
    const u = rows[0];
    if (!u?.is_active) return undefined;
    return {
      kind: 'staff',
      id: u.id,
      name: u.display_name,
      regionScope: u.region_scope,
      orgId: u.org_id,
      roles: (u.roles ?? []).filter(Boolean),
      permissions: new Set((u.permissions ?? []).filter(Boolean)),
      businessLines: new Set((u.lines ?? []).filter(Boolean)),
      ip,
    };
  }

  /** The signed-in user as the web app needs it: identity, organisation, scope, roles and effective permissions. */
  async describeUser(userId: string) {
    const { rows } = await this.db.query<{
      id: string;
      username: string;
      display_name: string;
      org_id: string;
      org_name: string;
      region_scope: string;
      must_change_password: boolean;
      password_changed_at: Date;
      totp_enabled: boolean;
    }>(
      `SELECT u.id, u.username, u.display_name, u.org_id, o.name AS org_name, u.region_scope, u.must_change_password,
         u.password_changed_at,
         EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS totp_enabled
       FROM app_user u JOIN organisation o ON o.id = u.org_id WHERE u.id = $1`,
      [userId],
    );
    const roles = await this.db.query<{ code: string; name_zh: string; name_en: string }>(
      'SELECT r.code, r.name_zh, r.name_en FROM user_role ur JOIN role r ON r.code = ur.role_code WHERE ur.user_id = $1 ORDER BY r.code',
      [userId],
    );
    const actor = await this.loadStaffActor(userId);
    const u = rows[0];
    const changedAt = new Date(u.password_changed_at);
    const maxAgeDays = this.policy.passwordMaxAgeDays;
    const passwordExpired = isPasswordExpired(changedAt, new Date(), maxAgeDays);
    const roleCodes = roles.rows.map((r) => r.code);
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      orgId: u.org_id,
      orgName: u.org_name,
      regionScope: u.region_scope,
      regionScopeName: safeRegionName(u.region_scope),
      roles: roles.rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en })),
      permissions: [...(actor?.permissions ?? [])].sort(),
      businessLines: [...(actor?.businessLines ?? [])].sort(),
      // An expired password is changed on the same page as the initial one.
      mustChangePassword: u.must_change_password || passwordExpired,
      passwordExpired,
      passwordExpiresAt: maxAgeDays > 0 ? new Date(changedAt.getTime() + maxAgeDays * 86_400_000).toISOString() : null,
      totpEnabled: u.totp_enabled,
      totpRequired: isTotpRequiredFor(roleCodes, u.totp_enabled, this.policy),
      mustEnrolTotp: !u.totp_enabled && isTotpRequiredFor(roleCodes, false, this.policy),
    };
  }

  async logout(token: string): Promise<void> {
    await this.db.query('UPDATE session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [
      hashToken(token),
    ]);
  }

  /** Changing the password ends every other session of the user. */
  async changePassword(actor: Actor, token: string, oldPassword: string, newPassword: string): Promise<void> {
    const { rows } = await this.db.query<{ username: string; password_hash: string }>(
      'SELECT username, password_hash FROM app_user WHERE id = $1',
      [actor.id],
    );
    const user = rows[0];
    if (!user || !(await verifyPassword(user.password_hash, oldPassword))) {
      throw new AppError('request.invalid', '原密码不正确', 'the current password is wrong', [
        { field: 'oldPassword', message_zh: '原密码不正确', message_en: 'the current password is wrong' },
      ]);
    }
    const check = checkPasswordComplexity(newPassword, user.username);
    if (!check.ok) {
      throw new AppError('auth.password_weak', check.zh, check.en, [
        { field: 'newPassword', message_zh: check.zh, message_en: check.en },
      ]);
    }
    // An expiry that can be answered with the same password again would expire nothing.
    if (await verifyPassword(user.password_hash, newPassword)) {
      throw new AppError(
        'auth.password_weak',
        '新密码不能与原密码相同',
        'the new password must differ from the current one',
        [{ field: 'newPassword', message_zh: '不能与原密码相同', message_en: 'must differ from the current password' }],
      );
    }
    const hashed = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await tx.query(
        'UPDATE app_user SET password_hash = $2, must_change_password = false, password_changed_at = now() WHERE id = $1',
        [actor.id, hashed],
      );
      const ended = await revokeUserSessions(tx, actor.id, hashToken(token));
      await recordAudit(tx, actor, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: actor.id,
        regionCode: actor.regionScope,
        detail: { otherSessionsEnded: ended },
      });
    });
  }

  /** Registers a department system; returns its bearer key, shown once (only its hash is stored). */
  async createClient(
    actor: Actor,
    c: { name: string; orgId: string; scopes: string[]; regionScope: string },
  ): Promise<{ id: string; key: string }> {
    const key = `hm_${randomToken(24)}`;
    const id = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        'INSERT INTO api_client (name, org_id, key_hash, scopes, region_scope) VALUES ($1,$2,$3,$4,$5) RETURNING id',
        [c.name, c.orgId, hashToken(key), c.scopes, c.regionScope],
      );
      await recordAudit(tx, actor, {
        action: 'api_client.create',
        entityType: 'api_client',
        entityId: rows[0].id,
        regionCode: c.regionScope,
        detail: { name: c.name, scopes: c.scopes },
      });
      return rows[0].id;
    });
    return { id, key };
  }

  /** A system client's bearer key → an actor limited to its scopes and region. */
  async authenticateClient(key: string, ip: string | undefined): Promise<Actor | undefined> {
    const { rows } = await this.db.query<{
      id: string;
      name: string;
      org_id: string;
      scopes: string[];
      region_scope: string;
      is_active: boolean;
    }>('SELECT id, name, org_id, scopes, region_scope, is_active FROM api_client WHERE key_hash = $1', [
      hashToken(key),
    ]);
    const c = rows[0];
    if (!c?.is_active) return undefined;
    return {
      kind: 'client',
      id: c.id,
      name: c.name,
      regionScope: c.region_scope,
      orgId: c.org_id,
      roles: ['api_client'],
      permissions: new Set(c.scopes),
      businessLines: new Set(['registry']),
      ip,
    };
  }
}
