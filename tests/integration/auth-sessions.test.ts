import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeInitialPassword, createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';

/**
 * Staff sessions end when they should, and administrators see and end them within their jurisdiction: force-logout
 * 踢下线, password change, disabling, the 30-minute idle and 12-hour absolute limits, the login log and online users.
 * (5 failures → 423 lockout and "logout ends the session on the very next request" are in platform-core.test.ts.)
 */

const PASSWORD = 'Huimin@2026';
const BM_ADMIN = 'bm_admin';
const BM_ADMIN_PASSWORD = 'Bai-Ma#2026x';

interface Row {
  [key: string]: unknown;
}

describe.each(ENGINES)('staff sessions and their administration on %s', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let ipSeq = 0;
  const ids: Record<string, string> = {};

  /** Each sign-in from its own address, so the 20-a-minute login limit per address stays out of the way. */
  const signIn = async (username: string, password = PASSWORD, userAgent = 'vitest') => {
    ipSeq++;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      headers: { 'user-agent': userAgent },
      remoteAddress: `10.91.${ipSeq >> 8}.${ipSeq & 255}`,
    });
    const cookie = res.cookies.find((c) => c.name === 'hm_session');
    return { res, cookie: cookie ? `hm_session=${cookie.value}` : '' };
  };
  const session = async (username: string, password = PASSWORD) => {
    const { res, cookie } = await signIn(username, password);
    expect(res.statusCode, res.body).toBe(200);
    return cookie;
  };
  const get = (cookie: string, url: string) => app.inject({ url: `/api/v1${url}`, headers: { cookie } });
  const post = (cookie: string, url: string, payload: object = {}) =>
    app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie }, payload });
  const items = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Row[]; total: number }>().items;
  };

  let admin: string;
  let bmAdmin: string;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    app = t.app;
    const { rows } = await t.db.query<{ id: string; username: string }>('SELECT id, username FROM app_user');
    for (const r of rows) ids[r.username] = r.id;
    admin = await session('admin');
    // an administrator of 白马镇 only, to show that the login log and online users stop at the jurisdiction
    const orgs = (await get(admin, '/orgs')).json<Array<{ id: string; regionCode: string; kind: string }>>();
    const bmOffice = orgs.find((o) => o.regionCode === '500156101' && o.kind === 'township_office');
    const created = await post(admin, '/users', {
      username: BM_ADMIN,
      displayName: '白马镇 系统管理员',
      password: BM_ADMIN_PASSWORD,
      orgId: bmOffice?.id,
      regionScope: '500156101',
      roles: ['sys_admin'],
    });
    expect(created.statusCode, created.body).toBe(201);
    bmAdmin = await session(BM_ADMIN, await changeInitialPassword(app, BM_ADMIN, BM_ADMIN_PASSWORD));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("force-logout: admin ends bm_clerk's 2 live sessions (sessionsEnded 2, audited); both get 401 on the next request", async () => {
    const first = await session('bm_clerk');
    const second = await session('bm_clerk');
    expect((await get(first, '/auth/me')).statusCode).toBe(200);
    const kicked = await post(admin, `/users/${ids.bm_clerk}/force-logout`);
    expect(kicked.statusCode, kicked.body).toBe(200);
    expect(kicked.json()).toEqual({ sessionsEnded: 2 });
    for (const cookie of [first, second]) {
      const next = await get(cookie, '/auth/me');
      expect(next.statusCode).toBe(401);
      expect(next.json().code).toBe('auth.unauthenticated');
    }
    const audit = await t.db.query<{ actor_name: string; detail: { sessionsEnded: number } }>(
      "SELECT actor_name, detail FROM audit_log WHERE action = 'user.force_logout' AND entity_id = $1",
      [ids.bm_clerk],
    );
    expect(audit.rows).toEqual([{ actor_name: '系统管理员', detail: { sessionsEnded: 2 } }]);
    // signing in again works: force-logout ends sessions, it does not disable the account
    expect((await get(await session('bm_clerk'), '/auth/me')).statusCode).toBe(200);
  });

  it("force-logout of a user outside the administrator's jurisdiction (白马镇 admin → 仙女山 clerk) is a 404 and ends nothing", async () => {
    const xns = await session('xns_clerk');
    const res = await post(bmAdmin, `/users/${ids.xns_clerk}/force-logout`);
    expect(res.statusCode).toBe(404);
    expect((await get(xns, '/auth/me')).statusCode).toBe(200);
  });

  it('a password change ends the other 2 live sessions of the user on their next request; the changing one stays', async () => {
    const a = await session('xns_reviewer');
    const b = await session('xns_reviewer');
    const c = await session('xns_reviewer');
    const changed = await post(a, '/auth/password', { oldPassword: PASSWORD, newPassword: 'Xin-Mi#2026a' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await get(b, '/auth/me')).statusCode).toBe(401);
    expect((await get(c, '/auth/me')).statusCode).toBe(401);
    expect((await get(a, '/auth/me')).statusCode).toBe(200);
    // the same password again is refused: an expiry that accepts the old password would expire nothing
    const same = await post(a, '/auth/password', { oldPassword: 'Xin-Mi#2026a', newPassword: 'Xin-Mi#2026a' });
    expect(same.statusCode).toBe(400);
    expect(same.json().fields[0].field).toBe('newPassword');
  });

  it('disabling a user (PATCH isActive=false) refuses their live session on the next request (401) and their sign-in', async () => {
    const coord = await session('jz_coord');
    expect((await get(coord, '/auth/me')).statusCode).toBe(200);
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${ids.jz_coord}`,
      headers: { cookie: admin },
      payload: { isActive: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await get(coord, '/auth/me')).statusCode).toBe(401);
    const again = await signIn('jz_coord');
    expect(again.res.statusCode).toBe(401);
  });

  it('idle 31 min → 401; created 12 h 1 min ago though active a minute ago → 401; created 11 h 59 min ago → 200', async () => {
    const idle = await session('ds_coord');
    await t.db.query(
      "UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1 AND revoked_at IS NULL",
      [ids.ds_coord],
    );
    expect((await get(idle, '/auth/me')).statusCode).toBe(401);

    const old = await session('ds_coord');
    await t.db.query(
      `UPDATE session SET created_at = now() - interval '12 hours 1 minute', last_seen_at = now() - interval '1 minute'
       WHERE user_id = $1 AND revoked_at IS NULL AND last_seen_at > now() - interval '30 minutes'`,
      [ids.ds_coord],
    );
    const absolute = await get(old, '/auth/me');
    expect(absolute.statusCode).toBe(401);
    expect(absolute.json().code).toBe('auth.unauthenticated');

    const young = await session('ds_coord');
    await t.db.query(
      `UPDATE session SET created_at = now() - interval '11 hours 59 minutes', last_seen_at = now() - interval '1 minute'
       WHERE user_id = $1 AND revoked_at IS NULL AND created_at > now() - interval '1 hour'`,
      [ids.ds_coord],
    );
    expect((await get(young, '/auth/me')).statusCode).toBe(200);
  });

  it('the login log has a success row and a bad_password row for wl_leader, with address and user agent; rows cannot be changed', async () => {
    expect((await signIn('wl_leader', 'wrong-password', 'Mozilla/5.0 test')).res.statusCode).toBe(401);
    expect((await signIn('wl_leader', PASSWORD, 'Mozilla/5.0 test')).res.statusCode).toBe(200);
    const rows = items(await get(admin, '/login-log?username=wl_leader'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      username: 'wl_leader',
      success: true,
      reason: 'ok',
      userAgent: 'Mozilla/5.0 test',
    });
    expect(rows[1]).toMatchObject({
      username: 'wl_leader',
      success: false,
      reason: 'bad_password',
      userId: ids.wl_leader,
    });
    expect(rows[0].ip).toMatch(/^10\.91\./);
    expect(items(await get(admin, '/login-log?username=wl_leader&success=false'))).toHaveLength(1);
    await expect(t.db.query("UPDATE login_log SET success = true WHERE username = 'wl_leader'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM login_log')).rejects.toThrow(/append-only/);
  });

  it('the login log is scoped: 白马镇 admin (500156101) sees attempts on accounts of 白马镇 only; an unknown user name is seen by no district admin', async () => {
    expect((await signIn('nobody_here', 'x')).res.statusCode).toBe(401);
    await session('bm_reviewer');
    await session('xns_clerk');
    const bmRows = items(await get(bmAdmin, '/login-log?pageSize=200'));
    const bmNames = new Set(bmRows.map((r) => r.username));
    expect(bmNames.has('bm_reviewer')).toBe(true);
    expect(bmNames.has('ds_coord')).toBe(true); // 东升村 lies in 白马镇
    expect(bmNames.has('xns_clerk')).toBe(false);
    expect(bmRows.every((r) => String(r.regionScope).startsWith('500156101'))).toBe(true);
    const districtNames = new Set(items(await get(admin, '/login-log?pageSize=200')).map((r) => r.username));
    expect(districtNames.has('xns_clerk')).toBe(true);
    expect(districtNames.has('nobody_here')).toBe(false);
    const stored = await t.db.query<{ reason: string; region_scope: string | null }>(
      "SELECT reason, region_scope FROM login_log WHERE username = 'nobody_here'",
    );
    expect(stored.rows).toEqual([{ reason: 'unknown_user', region_scope: null }]);
    // a clerk has no admin:users permission
    expect((await get(await session('bm_reviewer'), '/login-log')).statusCode).toBe(403);
  });

  it('online users: 白马镇 admin sees only users of 白马镇 with live sessions; an idle-expired session is not online', async () => {
    await session('bm_reviewer');
    await session('xns_reviewer', 'Xin-Mi#2026a');
    const wl = await session('wl_approver');
    await t.db.query("UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [
      ids.wl_approver,
    ]);
    const bmOnline = items(await get(bmAdmin, '/online-users?pageSize=200'));
    const bmNames = bmOnline.map((r) => r.username);
    expect(bmNames).toContain('bm_reviewer');
    expect(bmNames).not.toContain('xns_reviewer');
    expect(bmOnline.every((r) => String(r.regionScope).startsWith('500156101'))).toBe(true);
    const all = items(await get(admin, '/online-users?pageSize=200'));
    const names = all.map((r) => r.username);
    expect(names).toContain('xns_reviewer');
    expect(names).toContain('bm_reviewer');
    expect(names).not.toContain('wl_approver');
    expect(all.find((r) => r.username === 'bm_reviewer')).toMatchObject({
      regionScopeName: '重庆市/武隆区/白马镇',
      ip: expect.any(String),
    });
    expect((await get(wl, '/auth/me')).statusCode).toBe(401);
  });
});
