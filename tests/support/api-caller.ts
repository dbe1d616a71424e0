import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { login } from './test-platform.ts';

export type ApiResponse = { statusCode: number; body: string; json: () => unknown; headers: Record<string, unknown> };

/**
 * Calls the API as demo users through app.inject: each user signs in once (with `passwordFor` their password when it
 * is not the demo one), every call carries a fresh Idempotency-Key. `ok` asserts the status and returns the body.
 */
export function apiCaller(
  app: () => FastifyInstance,
  options: { keyPrefix: string; passwordFor?: (user: string) => string | undefined },
) {
  const cookies = new Map<string, string>();
  let keySeq = 0;
  const cookie = async (user: string) => {
    let c = cookies.get(user);
    if (!c) {
      c = await login(app(), user, options.passwordFor?.(user));
      cookies.set(user, c);
    }
    return c;
  };
  const call = async (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    (await app().inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await cookie(user), 'idempotency-key': `${options.keyPrefix}-${++keySeq}` },
      payload: payload as Record<string, unknown>,
    })) as unknown as ApiResponse;
  const ok = <T>(r: ApiResponse, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  return { cookie, call, ok };
}
