/** Staff sign-in rules beyond the session limits: password age, the administrators' second factor, request limits. */
export interface AuthPolicy {
  /** Days a staff password stays valid; 0 = it never expires. */
  passwordMaxAgeDays: number;
  /** Users with a role in ROLES_REQUIRING_TOTP must enrol TOTP before they can work, even if they never did. */
  requireAdminTotp: boolean;
  /** API requests one signed-in user (or department system) may make per minute. */
  requestsPerMinute: number;
  /** The same POST body from the same user to the same route within this window is a repeat submission. */
  repeatWindowMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  passwordMaxAgeDays: 90,
  requireAdminTotp: false,
  requestsPerMinute: 600,
  repeatWindowMs: 2000,
};

/** Roles whose holders must use a TOTP second factor once they enrolled, or always with HUIMIN_REQUIRE_ADMIN_TOTP=1. */
export const ROLES_REQUIRING_TOTP: readonly string[] = ['sys_admin'];

/**
 * The policy from the environment: HUIMIN_PASSWORD_MAX_AGE_DAYS (default 90, 0 = never), HUIMIN_REQUIRE_ADMIN_TOTP=1,
 * HUIMIN_RATE_LIMIT_PER_MINUTE (default 600). Unset or unreadable values keep the default.
 */
export function authPolicyFromEnv(env: NodeJS.ProcessEnv): AuthPolicy {
  const count = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  return {
    ...DEFAULT_AUTH_POLICY,
    passwordMaxAgeDays: count(env.HUIMIN_PASSWORD_MAX_AGE_DAYS, DEFAULT_AUTH_POLICY.passwordMaxAgeDays),
    requireAdminTotp: env.HUIMIN_REQUIRE_ADMIN_TOTP === '1' || env.HUIMIN_REQUIRE_ADMIN_TOTP === 'true',
    // 0 would refuse every request, so it falls back to the default too.
    requestsPerMinute:
      count(env.HUIMIN_RATE_LIMIT_PER_MINUTE, DEFAULT_AUTH_POLICY.requestsPerMinute) ||
      DEFAULT_AUTH_POLICY.requestsPerMinute,
  };
}

/** A password older than the maximum age (strictly) has expired; a maximum of 0 means passwords never expire. */
export function isPasswordExpired(passwordChangedAt: Date, now: Date, maxAgeDays: number): boolean {
  if (maxAgeDays <= 0) return false;
  return now.getTime() - passwordChangedAt.getTime() > maxAgeDays * 86_400_000;
}

/** What a signed-in user must do before the rest of the API opens to them. */
export type AccessRestriction = 'password_change_required' | 'password_expired' | 'totp_enrolment_required';

export function isTotpRequiredFor(roles: readonly string[], totpEnabled: boolean, policy: AuthPolicy): boolean {
  if (totpEnabled) return true;
  return policy.requireAdminTotp && roles.some((r) => ROLES_REQUIRING_TOTP.includes(r));
}

/**
 * The first thing the user must fix, in order: an initial (administrator-set) password, an expired password, then a
 * missing required second factor.
 */
export function sessionRestriction(
  user: { passwordChangedAt: Date; roles: readonly string[]; totpEnabled: boolean; mustChangePassword?: boolean },
  policy: AuthPolicy,
  now: Date,
): AccessRestriction | undefined {
  if (user.mustChangePassword) return 'password_change_required';
  if (isPasswordExpired(user.passwordChangedAt, now, policy.passwordMaxAgeDays)) return 'password_expired';
  if (!user.totpEnabled && isTotpRequiredFor(user.roles, false, policy)) return 'totp_enrolment_required';
  return undefined;
}

const ALWAYS_OPEN = ['GET /api/v1/auth/me', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password'];
const OPEN_WHILE: Record<AccessRestriction, ReadonlySet<string>> = {
  password_change_required: new Set(ALWAYS_OPEN),
  password_expired: new Set(ALWAYS_OPEN),
  totp_enrolment_required: new Set([
    ...ALWAYS_OPEN,
    'GET /api/v1/auth/totp',
    'POST /api/v1/auth/totp/enrol',
    'POST /api/v1/auth/totp/activate',
  ]),
};

/** The routes a restricted session may still call (method + route pattern, e.g. 'GET /api/v1/auth/me'). */
export function isOpenWhileRestricted(restriction: AccessRestriction, method: string, routeUrl: string): boolean {
  return OPEN_WHILE[restriction].has(`${method} ${routeUrl}`);
}
