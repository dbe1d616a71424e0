import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { safeRegionName } from '../region/region-name.ts';
import { notFound } from '../shared/errors.ts';
import { findUserInScope } from './admin.repository.ts';
import { listOnlineUsers, revokeUserSessions, searchLoginLog } from './security.repository.ts';
import { TotpService } from './totp.service.ts';

const TotpCode = z.string().regex(/^\d{6}$/, '动态口令为6位数字 / the code has 6 digits');
const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Account security: the signed-in user's TOTP second factor, and for administrators of a jurisdiction the login log,
 * the users online now and force-logout 踢下线 — each limited to accounts within the administrator's scope.
 */
export function registerSecurityRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.db;
  const totp = new TotpService(db, platform.cipher, platform.auth.policy);
  const tags = ['security'];

  api.get('/auth/totp', { schema: { tags }, config: { access: 'staff' } }, (req) => totp.status(actorOf(req)));

  api.post('/auth/totp/enrol', { schema: { tags }, config: { access: 'staff' } }, async (req) => {
    const actor = actorOf(req);
    const me = await platform.auth.describeUser(actor.id);
    return totp.enrol(actor, me.username);
  });

  api.post(
    '/auth/totp/activate',
    { schema: { body: z.strictObject({ code: TotpCode }), tags }, config: { access: 'staff' } },
    async (req) => {
      await totp.activate(actorOf(req), req.body.code);
      return { ok: true };
    },
  );

  api.post(
    '/auth/totp/disable',
    { schema: { body: z.strictObject({ code: TotpCode }), tags }, config: { access: 'staff' } },
    async (req) => {
      await totp.disable(actorOf(req), req.body.code);
      return { ok: true };
    },
  );

  api.get(
    '/login-log',
    {
      schema: {
        querystring: z.strictObject({
          username: z.string().trim().max(64).optional(),
          success: z.enum(['true', 'false']).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        tags,
      },
      config: { access: 'admin:users' },
    },
    async (req) => {
      const q = req.query;
      const { total, rows } = await searchLoginLog(db, actorOf(req), {
        ...q,
        username: q.username || undefined,
        success: q.success === undefined ? undefined : q.success === 'true',
      });
      return {
        total,
        items: rows.map((r) => ({
          id: Number(r.id),
          at: iso(r.at),
          username: r.username,
          userId: r.user_id,
          displayName: r.display_name,
          success: r.success,
          reason: r.reason,
          ip: r.ip,
          userAgent: r.user_agent,
          regionScope: r.region_scope,
        })),
      };
    },
  );

  api.get(
    '/online-users',
    {
      schema: {
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        tags,
      },
      config: { access: 'admin:users' },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      const { total, rows } = await listOnlineUsers(db, actorOf(req), platform.auth.settings, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        total,
        items: rows.map((r) => ({
          userId: r.user_id,
          username: r.username,
          displayName: r.display_name,
          orgName: r.org_name,
          regionScope: r.region_scope,
          regionScopeName: safeRegionName(r.region_scope),
          sessions: r.sessions,
          signedInAt: iso(r.signed_in_at),
          lastSeenAt: iso(r.last_seen_at),
          ip: r.ip,
          userAgent: r.user_agent,
        })),
      };
    },
  );

  const UserId = z.strictObject({ id: z.uuid() });

  api.post(
    '/users/:id/force-logout',
    { schema: { params: UserId, tags }, config: { access: 'admin:users' } },
    async (req) => {
      const actor = actorOf(req);
      const user = await findUserInScope(db, actor, req.params.id);
      if (!user) throw notFound('user', '用户');
      const ended = await db.transaction(async (tx) => {
        const n = await revokeUserSessions(tx, user.id);
        await recordAudit(tx, actor, {
          action: 'user.force_logout',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.region_scope,
          detail: { sessionsEnded: n },
        });
        return n;
      });
      return { sessionsEnded: ended };
    },
  );

  api.post(
    '/users/:id/totp/reset',
    { schema: { params: UserId, tags }, config: { access: 'admin:users' } },
    async (req) => {
      const actor = actorOf(req);
      const user = await findUserInScope(db, actor, req.params.id);
      if (!user) throw notFound('user', '用户');
      await totp.reset(actor, user);
      return { ok: true };
    },
  );
}
