import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/core/auth/totp.ts';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';

/**
 * Password expiry (90 days) and the administrators' TOTP second factor, here with HUIMIN_REQUIRE_ADMIN_TOTP on
 * (authPolicy.requireAdminTotp): a sys_admin must enrol before working, and then signs in only with a valid code.
 */

const PASSWORD = 'Huimin@2026';

describe.each(ENGINES)('password expiry and required administrator TOTP on %s', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let ipSeq = 0;

  const signIn = (username: string, password = PASSWORD, totpCode?: string) => {
    ipSeq++;
    return app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: totpCode === undefined ? { username, password } : { username, password, totpCode },
      remoteAddress: `10.92.${ipSeq >> 8}.${ipSeq & 255}`,
    });
  };
  const cookieOf = (res: Awaited<ReturnType<typeof signIn>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return `hm_session=${res.cookies.find((c) => c.name === 'hm_session')?.value}`;
  };
  const get = (cookie: string, url: string) => app.inject({ url: `/api/v1${url}`, headers: { cookie } });
  const post = (cookie: string, url: string, payload: object = {}) =>
    app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie }, payload });

  beforeAll(async () => {
    t = await createTestPlatform(engine, { authPolicy: { requireAdminTotp: true, passwordMaxAgeDays: 90 } });
    app = t.app;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a password changed 91 days ago: login says mustChangePassword; every call but me/password/logout is 403 auth.password_expired until changed', async () => {
    await t.db.query(
      "UPDATE app_user SET password_changed_at = now() - interval '91 days' WHERE username = 'xns_clerk'",
    );
    const res = await signIn('xns_clerk');
    const cookie = cookieOf(res);
    expect(res.json().user).toMatchObject({ mustChangePassword: true, passwordExpired: true });
    for (const url of ['/persons', '/tasks?scope=mine', '/regions/children', '/auth/totp']) {
      const refused = await get(cookie, url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'auth.password_expired', fields: [] });
    }
    expect((await get(cookie, '/auth/me')).json()).toMatchObject({ mustChangePassword: true, passwordExpired: true });
    const changed = await post(cookie, '/auth/password', { oldPassword: PASSWORD, newPassword: 'Xian-Nv#2026b' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await get(cookie, '/persons')).statusCode).toBe(200);
    expect((await get(cookie, '/auth/me')).json()).toMatchObject({ mustChangePassword: false, passwordExpired: false });
  });

  it('a password changed 89 days ago has not expired (limit 90 days): the API answers 200', async () => {
    await t.db.query(
      "UPDATE app_user SET password_changed_at = now() - interval '89 days' WHERE username = 'bm_clerk'",
    );
    const res = await signIn('bm_clerk');
    expect(res.json().user).toMatchObject({ mustChangePassword: false, passwordExpired: false });
    expect((await get(cookieOf(res), '/persons')).statusCode).toBe(200);
  });

  it('TOTP required: a sys_admin without TOTP signs in only to enrol (403 auth.totp_enrolment_required elsewhere); a clerk is unaffected', async () => {
    const res = await signIn('admin');
    const cookie = cookieOf(res);
    expect(res.json().user).toMatchObject({ mustEnrolTotp: true, totpEnabled: false, totpRequired: true });
    const users = await get(cookie, '/users');
    expect(users.statusCode).toBe(403);
    expect(users.json().code).toBe('auth.totp_enrolment_required');
    expect((await get(cookie, '/auth/totp')).json()).toEqual({ enabled: false, pending: false, required: true });
    const clerk = cookieOf(await signIn('xns_reviewer'));
    expect((await get(clerk, '/persons')).statusCode).toBe(200);
  });

  it('TOTP required: enrol (secret stored SM4-encrypted), a wrong code does not activate, the right one does; then no code → 401, wrong → 401, right → 200', async () => {
    const first = cookieOf(await signIn('admin'));
    const enrol = await post(first, '/auth/totp/enrol');
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret, otpauthUri } = enrol.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Huimin:admin\?.*secret=/);

    const stored = await t.db.query<{ secret_cipher: Buffer }>(
      "SELECT secret_cipher FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'admin'",
    );
    const cipherText = Buffer.from(stored.rows[0].secret_cipher);
    expect(cipherText.includes(Buffer.from(secret))).toBe(false);
    expect(t.platform.cipher.decrypt(cipherText)).toBe(secret);

    const now = Date.now();
    const right = totpCodeAt(secret, now);
    const wrong = right === '000000' ? '111111' : '000000';
    const bad = await post(first, '/auth/totp/activate', { code: wrong });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('code');
    expect((await post(first, '/auth/totp/activate', { code: right })).statusCode).toBe(200);
    expect((await get(first, '/users')).statusCode).toBe(200);

    const noCode = await signIn('admin');
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({ code: 'auth.totp_required', fields: [{ field: 'totpCode' }] });
    const wrongCode = await signIn('admin', PASSWORD, wrong);
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.json().code).toBe('auth.otp_invalid');
    // the activation used the current step; the app's next code (+30 s, within the ±1 step window) signs in
    const next = totpCodeAt(secret, now + 30_000);
    const ok = await signIn('admin', PASSWORD, next);
    const cookie = cookieOf(ok);
    expect(ok.json().user).toMatchObject({ totpEnabled: true, mustEnrolTotp: false });
    expect((await get(cookie, '/users')).statusCode).toBe(200);
    // the same code a second time is a replay
    expect((await signIn('admin', PASSWORD, next)).statusCode).toBe(401);
    const log = await t.db.query<{ reason: string }>(
      "SELECT reason FROM login_log WHERE username = 'admin' ORDER BY id DESC LIMIT 4",
    );
    expect(log.rows.map((r) => r.reason)).toEqual(['totp_invalid', 'ok', 'totp_invalid', 'totp_required']);
    // an administrator who must use TOTP cannot turn it off
    const off = await post(cookie, '/auth/totp/disable', { code: totpCodeAt(secret, now + 60_000) });
    expect(off.statusCode).toBe(403);
  });

  it('5 wrong TOTP codes lock the account like 5 wrong passwords (423)', async () => {
    // a fresh enrolment for wl_approver (not required for the role, but once enabled it is required at sign-in)
    const cookie = cookieOf(await signIn('wl_approver'));
    const { secret } = (await post(cookie, '/auth/totp/enrol')).json<{ secret: string }>();
    expect((await post(cookie, '/auth/totp/activate', { code: totpCodeAt(secret, Date.now()) })).statusCode).toBe(200);
    const wrong = totpCodeAt(secret, Date.now() - 10 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn('wl_approver', PASSWORD, wrong)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await signIn('wl_approver', PASSWORD, totpCodeAt(secret, Date.now() + 30_000))).statusCode).toBe(423);
  });
});
