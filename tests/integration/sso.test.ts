import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInIdentityProvider, type IdentityProvider, SsoService } from '../../src/core/auth/identity-provider.ts';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';

/**
 * A stand-in for the provincial unified identity platform (统一身份认证), in this process on 127.0.0.1: one-time
 * tickets are redeemed for an access token, the token for the account. The provider below is what an integrator
 * writes for their province (docs/sso.md).
 */
interface FakeAccount {
  sub: string;
  loginName: string;
  name: string;
}

function startFakeSso(accounts: Record<string, FakeAccount>): Promise<{ server: Server; base: string }> {
  const tickets = new Map(Object.entries(accounts));
  const tokens = new Map<string, FakeAccount>();
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
  };
  const server = createServer(async (req, res) => {
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'POST' && req.url === '/sso/ticket/redeem') {
      const { ticket, client_id } = await body(req);
      if (ticket === 'ST-outage') return send(500, { error: 'database unavailable' });
      const account = tickets.get(ticket);
      if (client_id !== 'huimin' || !account) return send(404, { error: 'invalid_ticket' });
      tickets.delete(ticket); // one-time
      const token = randomBytes(16).toString('hex');
      tokens.set(token, account);
      return send(200, { access_token: token, expires_in: 300 });
    }
    if (req.method === 'GET' && req.url === '/sso/userinfo') {
      const account = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      return account ? send(200, account) : send(401, { error: 'invalid_token' });
    }
    send(404, { error: 'not_found' });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso` }),
    ),
  );
}

function fakeProvider(base: string): IdentityProvider {
  return {
    name: 'fake-cq-sso',
    async redeemTicket(ticket) {
      const r = await fetch(`${base}/ticket/redeem`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ticket, client_id: 'huimin' }),
      });
      if (r.status === 404) return undefined;
      if (!r.ok) throw new Error(`SSO answered ${r.status}`);
      return ((await r.json()) as { access_token: string }).access_token;
    },
    async fetchIdentity(token) {
      const r = await fetch(`${base}/userinfo`, { headers: { authorization: `Bearer ${token}` } });
      if (!r.ok) return undefined;
      const a = (await r.json()) as FakeAccount;
      return { subject: a.sub, username: a.loginName, displayName: a.name };
    },
  };
}

describe.each(ENGINES)('single sign-on with a provincial SSO on %s', (engine) => {
  let t: TestPlatform;
  let sso: { server: Server; base: string };
  const sso_ = (ticket: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/sso', payload: { ticket } });
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0].n;

  beforeAll(async () => {
    sso = await startFakeSso({
      'ST-wangqiang': { sub: 'cq-500156-0042', loginName: 'xns_reviewer', name: '王强' },
      'ST-stranger': { sub: 'cq-500156-0999', loginName: 'zhang_nobody', name: '张某' },
      'ST-disabled': { sub: 'cq-500156-0101', loginName: 'bm_clerk', name: '张丽' },
    });
    t = await createTestPlatform(engine, { identityProvider: fakeProvider(sso.base) });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => sso.server.close(resolve));
  });

  it('a valid ticket signs 王强 in as xns_reviewer: 200, session cookie, /auth/me scope 500156003, audited', async () => {
    const r = await sso_('ST-wangqiang');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().user).toMatchObject({ username: 'xns_reviewer', regionScope: '500156003' });
    const cookie = r.cookies.find((c) => c.name === 'hm_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `hm_session=${cookie?.value}` } });
    expect(me.json().displayName).toBe('仙女山街道 审核员 王强');
    const { rows } = await t.db.query<{ detail: { via: string; subject: string } }>(
      "SELECT detail FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0].detail).toMatchObject({ via: 'sso', provider: 'fake-cq-sso', subject: 'cq-500156-0042' });
  });

  it('a ticket works once: the same ticket again is 401 auth.sso_invalid', async () => {
    const r = await sso_('ST-wangqiang');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('auth.sso_invalid');
  });

  it('an unknown ticket is 401 and opens no session (0 new session rows)', async () => {
    const before = await count('SELECT count(*)::int AS n FROM session');
    const r = await sso_('ST-made-up');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('auth.sso_invalid');
    expect(r.cookies.find((c) => c.name === 'hm_session')).toBeUndefined();
    expect(await count('SELECT count(*)::int AS n FROM session')).toBe(before);
  });

  it('a real SSO account with no Huimin account (unmapped) is 401, with 1 auth.sso_unmapped audit row', async () => {
    const r = await sso_('ST-stranger');
    expect(r.statusCode).toBe(401);
    const { rows } = await t.db.query<{ detail: { subject: string; username: string } }>(
      "SELECT detail FROM audit_log WHERE action = 'auth.sso_unmapped'",
    );
    expect(rows.map((x) => x.detail)).toEqual([
      { provider: 'fake-cq-sso', subject: 'cq-500156-0999', username: 'zhang_nobody' },
    ]);
  });

  it('a disabled local account is refused even with a valid ticket (401)', async () => {
    await t.db.query("UPDATE app_user SET is_active = false WHERE username = 'bm_clerk'");
    const r = await sso_('ST-disabled');
    expect(r.statusCode).toBe(401);
    await t.db.query("UPDATE app_user SET is_active = true WHERE username = 'bm_clerk'");
  });

  it('the SSO failing (HTTP 500) is 503 auth.sso_unavailable; an empty ticket is 400', async () => {
    const down = await sso_('ST-outage');
    expect(down.statusCode).toBe(503);
    expect(down.json().code).toBe('auth.sso_unavailable');
    expect((await sso_('  ')).statusCode).toBe(400);
  });

  it('the built-in default provider takes no tickets (401); GET /auth/sso names the configured provider', async () => {
    const builtIn = new SsoService(t.db, builtInIdentityProvider, 12);
    await expect(builtIn.signIn('ST-anything')).rejects.toMatchObject({ code: 'auth.sso_invalid' });
    const info = await t.app.inject({ url: '/api/v1/auth/sso' });
    expect(info.json()).toEqual({ provider: 'fake-cq-sso', enabled: true });
  });
});
