import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf, STAFF_COOKIE } from '../../server/access.ts';

const Login = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名 / user name is required').max(64),
  password: z.string().min(1, '请输入密码 / password is required').max(128),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, '动态口令为6位数字 / the code has 6 digits')
    .optional(),
});

export function registerAuthRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: 'auto' as const };

  const me = (userId: string) => platform.auth.describeUser(userId);

  api.post(
    '/auth/login',
    {
      schema: { body: Login, tags: ['auth'], summary: '登录 Sign in' },
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { token, userId } = await platform.auth.login({
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
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
