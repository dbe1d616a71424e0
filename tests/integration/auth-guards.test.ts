import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

/**
 * Request guards for signed-in callers: the repeat-submit guard (the same POST body from the same user to the same
 * URL within 2 s → 409 request.duplicate unless an Idempotency-Key is sent) and the per-user limit of 600 requests a
 * minute (→ 429 auth.rate_limited in the error shape).
 */

const JZ = '500156003204'; // 荆竹村, in xns_clerk's scope

const count = async (t: TestPlatform, name: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person WHERE name = $1', [name])).rows[0].n;

describe.each(ENGINES)('request guards on %s', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  const post = (user: string, url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie: cookies[user], ...headers }, payload });

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    app = t.app;
    for (const u of ['xns_clerk', 'xns_reviewer', 'wl_leader', 'wl_approver']) cookies[u] = await login(app, u);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the same POST /persons body twice within 2 s: 201 then 409 request.duplicate, one person stored', async () => {
    const body = { idNumber: makeIdNumber('500156', '1966-02-03', 71), name: '重复甲', regionCode: JZ };
    const first = await post('xns_clerk', '/persons', body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('xns_clerk', '/persons', body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'request.duplicate', fields: [] });
    expect(again.json().message_zh).toContain('重复提交');
    expect(await count(t, '重复甲')).toBe(1);
  });

  it('a repeated reveal: 409 within 2 s, 200 with an Idempotency-Key, 200 again after 2.1 s; another user is not affected', async () => {
    const person = await post('xns_clerk', '/persons', {
      idNumber: makeIdNumber('500156', '1971-07-07', 73),
      name: '重复乙',
      regionCode: JZ,
    });
    const url = `/persons/${person.json().id}/reveal`;
    const reason = { reason: '核对身份信息' };
    expect((await post('xns_clerk', url, reason)).statusCode).toBe(200);
    expect((await post('xns_clerk', url, reason)).statusCode).toBe(409);
    expect((await post('xns_clerk', url, reason, { 'idempotency-key': 'reveal-again-1' })).statusCode).toBe(200);
    expect((await post('xns_reviewer', url, reason)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await post('xns_clerk', url, reason)).statusCode).toBe(200);
    const audited = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.reveal' AND entity_id = $1",
      [person.json().id],
    );
    expect(audited.rows[0].n).toBe(4);
  });

  it('a refused submission (404 outside scope) is not remembered: the same body again gets 404, not 409', async () => {
    const body = { idNumber: makeIdNumber('500156', '1980-08-08', 75), name: '辖区外', regionCode: '500156101202' };
    const first = await post('xns_clerk', '/persons', body);
    expect(first.statusCode).toBeGreaterThanOrEqual(400);
    expect(first.statusCode).toBeLessThan(500);
    const again = await post('xns_clerk', '/persons', body);
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json().code).toBe(first.json().code);
  });

  it("per user 600 requests a minute: wl_leader's 600 pass, the 601st is 429 auth.rate_limited with Retry-After; wl_approver still 200", async () => {
    const statuses = new Map<number, number>();
    // in batches of 50 at once, so the 600 fit well inside the one-minute window even on a busy machine
    for (let batch = 0; batch < 12; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          app.inject({ url: '/api/v1/regions/children', headers: { cookie: cookies.wl_leader } }),
        ),
      );
      for (const res of answers) statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 600 });
    const over = await app.inject({ url: '/api/v1/regions/children', headers: { cookie: cookies.wl_leader } });
    expect(over.statusCode).toBe(429);
    const body = over.json();
    expect(body).toMatchObject({ code: 'auth.rate_limited', fields: [] });
    expect(body.message_zh).toContain('600');
    expect(body.message_en).toContain('600');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: cookies.wl_approver } })).statusCode).toBe(
      200,
    );
  });
});
