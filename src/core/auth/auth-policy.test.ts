import { describe, expect, it } from 'vitest';
import {
  authPolicyFromEnv,
  DEFAULT_AUTH_POLICY,
  isOpenWhileRestricted,
  isPasswordExpired,
  sessionRestriction,
} from './auth-policy.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-01T08:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('auth policy', () => {
  it('a password expires strictly after 90 days: 90 days old is valid, 90 days + 1 s is expired; 0 = never', () => {
    expect(isPasswordExpired(ago(90 * DAY), now, 90)).toBe(false);
    expect(isPasswordExpired(ago(90 * DAY + 1000), now, 90)).toBe(true);
    expect(isPasswordExpired(ago(3650 * DAY), now, 0)).toBe(false);
  });

  it('environment: HUIMIN_PASSWORD_MAX_AGE_DAYS=30, HUIMIN_REQUIRE_ADMIN_TOTP=1, HUIMIN_RATE_LIMIT_PER_MINUTE=120', () => {
    expect(authPolicyFromEnv({})).toEqual(DEFAULT_AUTH_POLICY);
    expect(DEFAULT_AUTH_POLICY).toMatchObject({
      passwordMaxAgeDays: 90,
      requireAdminTotp: false,
      requestsPerMinute: 600,
    });
    expect(
      authPolicyFromEnv({
        HUIMIN_PASSWORD_MAX_AGE_DAYS: '30',
        HUIMIN_REQUIRE_ADMIN_TOTP: '1',
        HUIMIN_RATE_LIMIT_PER_MINUTE: '120',
      }),
    ).toMatchObject({ passwordMaxAgeDays: 30, requireAdminTotp: true, requestsPerMinute: 120 });
    // unreadable values keep the defaults rather than disabling the rule
    expect(
      authPolicyFromEnv({ HUIMIN_PASSWORD_MAX_AGE_DAYS: 'ninety', HUIMIN_RATE_LIMIT_PER_MINUTE: '0' }),
    ).toMatchObject({ passwordMaxAgeDays: 90, requestsPerMinute: 600 });
  });

  it('restriction order: an expired password first, then a sys_admin without TOTP when it is required; a clerk never needs TOTP', () => {
    const required = { ...DEFAULT_AUTH_POLICY, requireAdminTotp: true };
    const admin = { passwordChangedAt: ago(DAY), roles: ['sys_admin'], totpEnabled: false };
    expect(sessionRestriction(admin, DEFAULT_AUTH_POLICY, now)).toBeUndefined();
    expect(sessionRestriction(admin, required, now)).toBe('totp_enrolment_required');
    expect(sessionRestriction({ ...admin, totpEnabled: true }, required, now)).toBeUndefined();
    expect(sessionRestriction({ ...admin, passwordChangedAt: ago(91 * DAY) }, required, now)).toBe('password_expired');
    expect(sessionRestriction({ ...admin, roles: ['township_clerk'] }, required, now)).toBeUndefined();
    // an administrator-set initial password comes before everything else
    const fresh = { ...admin, passwordChangedAt: ago(91 * DAY), mustChangePassword: true };
    expect(sessionRestriction(fresh, required, now)).toBe('password_change_required');
    expect(sessionRestriction({ ...fresh, mustChangePassword: false }, required, now)).toBe('password_expired');
    expect(isOpenWhileRestricted('password_change_required', 'POST', '/api/v1/auth/password')).toBe(true);
    expect(isOpenWhileRestricted('password_change_required', 'GET', '/api/v1/persons')).toBe(false);
  });

  it('a restricted session may call me, logout and password; TOTP enrolment only when that is what is missing', () => {
    expect(isOpenWhileRestricted('password_expired', 'GET', '/api/v1/auth/me')).toBe(true);
    expect(isOpenWhileRestricted('password_expired', 'POST', '/api/v1/auth/password')).toBe(true);
    expect(isOpenWhileRestricted('password_expired', 'POST', '/api/v1/auth/totp/enrol')).toBe(false);
    expect(isOpenWhileRestricted('password_expired', 'GET', '/api/v1/persons')).toBe(false);
    expect(isOpenWhileRestricted('totp_enrolment_required', 'POST', '/api/v1/auth/totp/enrol')).toBe(true);
    expect(isOpenWhileRestricted('totp_enrolment_required', 'POST', '/api/v1/auth/totp/activate')).toBe(true);
    expect(isOpenWhileRestricted('totp_enrolment_required', 'GET', '/api/v1/users')).toBe(false);
  });
});
