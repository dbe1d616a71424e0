import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, hasPermission } from '../core/auth/actor.ts';
import { type AccessRestriction, isOpenWhileRestricted } from '../core/auth/auth-policy.ts';
import { AppError } from '../core/shared/errors.ts';
import type { Platform } from '../platform.ts';

/**
 * Every API route declares who may call it: 'public', 'resident', 'staff' (any signed-in staff member) or a
 * permission. A route without it fails at registration, so an unguarded endpoint cannot ship.
 */
export type Access = 'public' | 'resident' | 'staff' | `${string}:${string}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor?: Actor;
    sessionToken?: string;
  }
}

export const STAFF_COOKIE = 'hm_session';
export const RESIDENT_COOKIE = 'hm_portal';

export function registerAccessControl(app: FastifyInstance, platform: Platform): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    if (!route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} has no access rule (config.access)`);
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (access === 'resident') {
      const token = request.cookies[RESIDENT_COOKIE];
      const actor = token ? await platform.residents.authenticate(token, request.ip) : undefined;
      if (!actor) throw unauthenticated();
      request.actor = actor;
      request.sessionToken = token;
      return;
    }
    const actor = await staffOrClient(request, platform);
    if (!actor) throw unauthenticated();
    request.actor = actor;
    if (
      actor.restriction &&
      !isOpenWhileRestricted(actor.restriction, request.method, request.routeOptions.url ?? '')
    ) {
      throw restricted(actor.restriction);
    }
    if (access !== 'staff' && !hasPermission(actor, access)) {
      throw new AppError('auth.forbidden', '您没有该操作的权限', `permission ${access} is required`);
    }
  });
}

async function staffOrClient(request: FastifyRequest, platform: Platform): Promise<Actor | undefined> {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return platform.auth.authenticateClient(auth.slice(7).trim(), request.ip);
  const token = request.cookies[STAFF_COOKIE];
  if (!token) return undefined;
  request.sessionToken = token;
  return platform.auth.authenticate(token, request.ip);
}

function unauthenticated(): AppError {
  return new AppError(
    'auth.unauthenticated',
    '请先登录(会话已过期或未登录)',
    'please sign in (no session or it has expired)',
  );
}

/** 403 until the user has changed the initial or expired password or enrolled the required second factor. */
function restricted(restriction: AccessRestriction): AppError {
  if (restriction === 'password_change_required') {
    return new AppError(
      'auth.password_change_required',
      '首次登录须先修改初始密码',
      'change the initial password set by the administrator before you continue',
    );
  }
  if (restriction === 'password_expired') {
    return new AppError(
      'auth.password_expired',
      '密码已过期,请先修改密码',
      'your password has expired; change it before you continue',
    );
  }
  return new AppError(
    'auth.totp_enrolment_required',
    '系统管理员须先绑定身份验证器(动态口令)',
    'administrators must set up an authenticator app (TOTP) before they continue',
  );
}

/** The signed-in actor of a guarded route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
