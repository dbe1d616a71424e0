import type { Database, Queryable } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { hashToken, randomToken } from '../shared/crypto.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from './actor.ts';
import { findLoginUser, type LoginUserRow, openStaffSession, saveFailedAttempts } from './login.repository.ts';
import { verifyAgainstDummy, verifyPassword } from './password-hash.ts';
import { afterFailedLogin, LOCKOUT_MINUTES } from './password-policy.ts';
import { claimTotpStep, findTotp, insertLoginLog, type LoginOutcome } from './security.repository.ts';
import { verifyTotp } from './totp.ts';

export interface LoginAttempt {
  username: string;
  password: string;
  /** The 6-digit code of the user's authenticator app, needed once the user has enabled TOTP. */
  totpCode?: string;
  ip?: string;
  userAgent?: string;
}

export interface StaffLoginDeps {
  db: Database;
  cipher: FieldCipher;
  absoluteHours: number;
}

/**
 * Staff sign-in: password (argon2id), lockout after 5 failures, then the TOTP code when the user has enabled it.
 * Every attempt leaves a login_log row; failures on a known account are audited and count towards the lockout
 * (a wrong TOTP code too, so the 6 digits cannot be guessed). A missing code is not a failure: the client asks for it.
 */
export async function loginStaff(deps: StaffLoginDeps, a: LoginAttempt): Promise<{ token: string; userId: string }> {
  const { db } = deps;
  const user = await findLoginUser(db, a.username);
  const now = new Date();
  if (!user) {
    await verifyAgainstDummy(a.password);
    await db.transaction((tx) =>
      insertLoginLog(tx, { ...logBase(a), userId: null, regionScope: null, success: false, reason: 'unknown_user' }),
    );
    throw invalidCredentials();
  }
  const log = (tx: Queryable, reason: LoginOutcome) =>
    insertLoginLog(tx, {
      ...logBase(a),
      userId: user.id,
      regionScope: user.region_scope,
      success: reason === 'ok',
      reason,
    });

  if (user.locked_until && new Date(user.locked_until) > now) {
    await db.transaction((tx) => log(tx, 'locked'));
    throw lockedError();
  }
  const passwordOk = await verifyPassword(user.password_hash, a.password);
  if (!passwordOk || !user.is_active) {
    await fail(db, user, a, now, passwordOk ? 'inactive' : 'bad_password', log);
    throw invalidCredentials();
  }

  let secondFactor: 'totp' | undefined;
  const totp = await findTotp(db, user.id);
  if (totp?.enabled_at) {
    if (!a.totpCode) {
      await db.transaction((tx) => log(tx, 'totp_required'));
      throw new AppError(
        'auth.totp_required',
        '请输入身份验证器中的6位动态口令',
        'enter the 6-digit code from your authenticator app',
        [{ field: 'totpCode', message_zh: '请输入动态口令', message_en: 'the code is required' }],
      );
    }
    const step = verifyTotp(deps.cipher.decrypt(totp.secret_cipher), a.totpCode, now.getTime(), totp.last_used_step);
    // Marking the step used is atomic, so one code opens at most one session even when sent twice at once.
    if (step === undefined || !(await claimTotpStep(db, user.id, step))) {
      await fail(db, user, a, now, 'totp_invalid', log);
      throw new AppError('auth.otp_invalid', '动态口令错误或已使用', 'the code is wrong or was already used', [
        { field: 'totpCode', message_zh: '动态口令错误或已使用', message_en: 'wrong or already used code' },
      ]);
    }
    secondFactor = 'totp';
  }

  const token = randomToken();
  await db.transaction(async (tx) => {
    await openStaffSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      absoluteHours: deps.absoluteHours,
      ip: a.ip,
      userAgent: a.userAgent,
    });
    await recordAudit(tx, loginActor(user, a.ip), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      regionCode: user.region_scope,
      detail: secondFactor ? { secondFactor } : null,
    });
    await log(tx, 'ok');
  });
  return { token, userId: user.id };
}

/** Counts the failure (locking the account at the threshold), audits it and logs it; throws 423 when it locked. */
async function fail(
  db: Database,
  user: LoginUserRow,
  a: LoginAttempt,
  now: Date,
  reason: LoginOutcome,
  log: (tx: Queryable, reason: LoginOutcome) => Promise<void>,
): Promise<void> {
  const next = afterFailedLogin(user.failed_attempts, now);
  await db.transaction(async (tx) => {
    await saveFailedAttempts(tx, user.id, next.failedAttempts, next.lockedUntil);
    await recordAudit(tx, loginActor(user, a.ip), {
      action: next.lockedUntil ? 'auth.locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      regionCode: user.region_scope,
      detail: { reason },
    });
    await log(tx, reason);
  });
  if (next.lockedUntil) throw lockedError();
}

function logBase(a: LoginAttempt) {
  return { username: a.username, ip: a.ip, userAgent: a.userAgent };
}

export function invalidCredentials(): AppError {
  return new AppError('auth.invalid_credentials', '用户名或密码错误', 'wrong user name or password');
}

function lockedError(): AppError {
  return new AppError(
    'auth.locked',
    `连续登录失败次数过多,账号已锁定${LOCKOUT_MINUTES}分钟`,
    `too many failed logins; the account is locked for ${LOCKOUT_MINUTES} minutes`,
  );
}

/** The actor of a sign-in before the session exists: the user, with no permissions yet. */
function loginActor(user: LoginUserRow, ip: string | undefined): Actor {
  return {
    kind: 'staff',
    id: user.id,
    name: user.display_name,
    regionScope: user.region_scope,
    permissions: new Set(),
    businessLines: new Set(),
    roles: [],
    ip,
  };
}
