import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf, STAFF_COOKIE } from '../../server/access.ts';
import { safeRegionName } from '../workflow/workflow.service.ts';

const Login = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名 / user name is required').max(64),
  password: z.string().min(1, '请输入密码 / password is required').max(128),
});

export function registerAuthRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: 'auto' as const };

  const me = async (userId: string) => {
    const { rows } = await platform.db.query<{
      id: string;
      username: string;
      display_name: string;
      org_id: string;
      org_name: string;
      region_scope: string;
      must_change_password: boolean;
    }>(
      `SELECT u.id, u.username, u.display_name, u.org_id, o.name AS org_name, u.region_scope, u.must_change_password
       FROM app_user u JOIN organisation o ON o.id = u.org_id WHERE u.id = $1`,
      [userId],
    );
    const roles = await platform.db.query<{ code: string; name_zh: string; name_en: string }>(
      'SELECT r.code, r.name_zh, r.name_en FROM user_role ur JOIN role r ON r.code = ur.role_code WHERE ur.user_id = $1',
      [userId],
    );
    const actor = await platform.auth.loadStaffActor(userId);
    const u = rows[0];
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      orgId: u.org_id,
      orgName: u.org_name,
      regionScope: u.region_scope,
      regionScopeName: safeRegionName(u.region_scope),
      roles: roles.rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en })),
      permissions: [...(actor?.permissions ?? [])].sort(),
      businessLines: [...(actor?.businessLines ?? [])].sort(),
      mustChangePassword: u.must_change_password,
    };
  };

  api.post(
    '/auth/login',
    {
      schema: { body: Login, tags: ['auth'], summary: '登录 Sign in' },
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { token, userId } = await platform.auth.login(
        request.body.username,
        request.body.password,
        request.ip,
        request.headers['user-agent'],
      );
      reply.setCookie(STAFF_COOKIE, token, cookieOptions);
      return { user: await me(userId) };
    },
  );

  api.post('/auth/logout', { schema: { tags: ['auth'] }, config: { access: 'public' } }, async (request, reply) => {
    const token = request.cookies[STAFF_COOKIE];
    if (token) await platform.auth.logout(token);
    reply.clearCookie(STAFF_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.get('/auth/me', { schema: { tags: ['auth'] }, config: { access: 'staff' } }, async (request) => {
    return me(actorOf(request).id);
  });

  api.post(
    '/auth/password',
    {
      schema: {
        body: z.strictObject({ oldPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
        tags: ['auth'],
      },
      config: { access: 'staff' },
    },
    async (request) => {
      await platform.auth.changePassword(
        actorOf(request),
        request.sessionToken ?? '',
        request.body.oldPassword,
        request.body.newPassword,
      );
      return { ok: true };
    },
  );
}
