import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/shared/errors.ts';
import type { Platform } from '../platform.ts';

declare module 'fastify' {
  interface FastifyRequest {
    repeatGuardKey?: string;
  }
}

// A submission still running is a repeat for this long at most, so a request that never answers cannot block forever.
const PENDING_MAX_MS = 60_000;
const SWEEP_EVERY = 256;

/**
 * Remembers recent POST submissions per (user, route, body) in this process: a repeat inside the window, or while
 * the first is still running, is refused. Failed submissions (4xx/5xx) are forgotten at once, since nothing was done
 * and the user may correct and retry.
 */
export class RecentSubmissions {
  private readonly windowMs: number;
  private readonly entries = new Map<string, { startedAt: number; pending: boolean }>();
  private inserts = 0;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** True when the submission is new (and now remembered); false when it repeats a recent one. */
  claim(key: string, now: number): boolean {
    const prior = this.entries.get(key);
    if (prior && (now - prior.startedAt < this.windowMs || (prior.pending && now - prior.startedAt < PENDING_MAX_MS)))
      return false;
    this.entries.set(key, { startedAt: now, pending: true });
    if (++this.inserts % SWEEP_EVERY === 0) this.sweep(now);
    return true;
  }

  finish(key: string, succeeded: boolean): void {
    if (!succeeded) this.entries.delete(key);
    else {
      const entry = this.entries.get(key);
      if (entry) entry.pending = false;
    }
  }

  private sweep(now: number): void {
    for (const [key, e] of this.entries) {
      if (now - e.startedAt >= Math.max(this.windowMs, e.pending ? PENDING_MAX_MS : 0)) this.entries.delete(key);
    }
  }
}

function principalOf(request: FastifyRequest): string {
  const actor = request.actor;
  return actor ? `${actor.kind}:${actor.id}` : `ip:${request.ip}`;
}

/**
 * Two guards for signed-in callers, after the access check (so the actor is known) and before Idempotency-Key:
 * a per-user request limit (default 600 a minute, 429 auth.rate_limited) and a repeat-submit guard (the same POST
 * body to the same URL within 2 s → 409 request.duplicate, unless the client sent an Idempotency-Key, which already
 * makes a repeat safe). Both are per process: behind several server processes each counts its own requests.
 */
export function registerRequestGuards(app: FastifyInstance, platform: Platform): void {
  const { requestsPerMinute, repeatWindowMs } = platform.auth.policy;
  const limit = app.createRateLimit({
    max: requestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: principalOf,
  });
  const recent = new RecentSubmissions(repeatWindowMs);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.actor) return;
    const verdict = await limit(request);
    if (!verdict.isAllowed && verdict.isExceeded) {
      reply.header('retry-after', String(verdict.ttlInSeconds));
      throw new AppError(
        'auth.rate_limited',
        `请求过于频繁(每分钟最多${verdict.max}次),请${verdict.ttlInSeconds}秒后再试`,
        `too many requests (at most ${verdict.max} a minute); try again in ${verdict.ttlInSeconds} s`,
      );
    }
    if (request.method !== 'POST' || request.headers['idempotency-key']) return;
    // A multipart upload is not parsed yet here, so two different files would look the same: leave uploads alone.
    if (String(request.headers['content-type'] ?? '').startsWith('multipart/')) return;
    const key = createHash('sha256')
      .update(`${principalOf(request)}\n${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('base64url');
    if (!recent.claim(key, Date.now())) {
      throw new AppError(
        'request.duplicate',
        '请勿重复提交:相同的内容刚刚已提交过',
        'the same request was just submitted; it is not repeated',
      );
    }
    request.repeatGuardKey = key;
  });

  app.addHook('onResponse', async (request, reply) => {
    if (request.repeatGuardKey) recent.finish(request.repeatGuardKey, reply.statusCode < 400);
  });
}
