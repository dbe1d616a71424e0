import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/shared/errors.ts';
import type { Database } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { principal: string; key: string };
  }
}

/**
 * Idempotency-Key on POST: the first response for (caller, key) is stored and replayed for repeats; a repeat
 * while the first is still running gets 409; 5xx responses are not kept so the client may retry.
 */
export function registerIdempotency(app: FastifyInstance, db: Database): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) return;
    if (key.length > 200) {
      throw new AppError('request.invalid', 'Idempotency-Key 过长', 'Idempotency-Key is too long', [
        { field: 'Idempotency-Key', message_zh: '不超过200个字符', message_en: 'at most 200 characters' },
      ]);
    }
    const principal = request.actor ? `${request.actor.kind}:${request.actor.id}` : `anon:${request.ip}`;
    const route = `${request.method} ${request.url}`;
    const inserted = await db.query(
      `INSERT INTO idempotency_key (principal, key, route) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [principal, key, route],
    );
    if (inserted.rows.length === 1) {
      request.idempotency = { principal, key };
      return;
    }
    const { rows } = await db.query<{ route: string; status_code: number | null; response: string | null }>(
      'SELECT route, status_code, response FROM idempotency_key WHERE principal = $1 AND key = $2',
      [principal, key],
    );
    const prior = rows[0];
    if (!prior || prior.route !== route) {
      throw new AppError(
        'conflict.idempotency',
        '该 Idempotency-Key 已用于其他请求',
        'this Idempotency-Key was used for another request',
      );
    }
    if (prior.status_code === null) {
      throw new AppError('conflict.idempotency', '相同的请求正在处理中', 'the same request is still being processed');
    }
    reply.header('idempotent-replay', 'true');
    reply.code(prior.status_code).type('application/json').send(prior.response);
    return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem) return payload;
    if (reply.statusCode >= 500) {
      await db.query('DELETE FROM idempotency_key WHERE principal = $1 AND key = $2', [idem.principal, idem.key]);
    } else {
      await db.query('UPDATE idempotency_key SET status_code = $3, response = $4 WHERE principal = $1 AND key = $2', [
        idem.principal,
        idem.key,
        reply.statusCode,
        typeof payload === 'string' ? payload : null,
      ]);
    }
    return payload;
  });
}
