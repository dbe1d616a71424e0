import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { registerAccessControl } from '../../src/server/access.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

describe('route guard', () => {
  it('an /api/v1 route registered without an access rule fails at start-up', async () => {
    const app = Fastify();
    // The guard only reads the route table; no platform calls happen at registration.
    registerAccessControl(app, {} as never);
    expect(() => app.get('/api/v1/unguarded', async () => ({ ok: true }))).toThrow(/no access rule/);
    expect(() => app.get('/api/v1/guarded', { config: { access: 'staff' } }, async () => ({ ok: true }))).not.toThrow();
  });
});

describe.each(ENGINES)('HTTP conventions on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());

  it('migrations are idempotent: running them again applies nothing', async () => {
    expect(await migrate(t.db)).toEqual([]);
  });

  it('every API route answers with security headers and no-store, signed in or not', async () => {
    const cookie = await login(t.app, 'admin');
    const routes = t.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .map((l) => /(api\/v1\/\S*) \(([^)]*)\)/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(routes.length).toBeGreaterThan(20);
    for (const [, path, methods] of routes) {
      const url = path
        .replace(/:id|:personId/g, '00000000-0000-4000-8000-000000000000')
        .replace(':code', '500156')
        .replace(':action', 'approve');
      for (const method of methods
        .split(',')
        .map((m) => m.trim())
        .filter((m) => m && m !== 'HEAD' && m !== 'OPTIONS')) {
        for (const headers of [{}, { cookie }]) {
          const r = await t.app.inject({
            method: method as 'GET',
            url,
            headers,
            payload: method === 'GET' ? undefined : {},
          });
          expect(r.statusCode, `${method} ${url}`).toBeLessThan(500);
          expect(r.headers['x-content-type-options'], url).toBe('nosniff');
          expect(String(r.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
          expect(r.headers['cache-control'], url).toBe('no-store');
        }
      }
    }
  });

  it('an unknown API path is a 404 in the error shape', async () => {
    const r = await t.app.inject({ url: '/api/v1/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({
      code: 'not_found',
      message_zh: expect.any(String),
      message_en: expect.any(String),
    });
  });
});
