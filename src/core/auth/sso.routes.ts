import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { STAFF_COOKIE } from '../../server/access.ts';

const SsoTicket = z.strictObject({
  ticket: z
    .string()
    .trim()
    .min(1, '缺少统一身份认证票据 / the ticket is required')
    .max(2048, '票据过长 / the ticket is too long'),
});

/** Single sign-on through the configured identity provider (docs/sso.md). */
export function registerSsoRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  api.get(
    '/auth/sso',
    { schema: { tags, summary: '统一身份认证是否启用 Is single sign-on configured' }, config: { access: 'public' } },
    () => ({ provider: platform.sso.providerName, enabled: platform.sso.providerName !== 'built-in' }),
  );

  api.post(
    '/auth/sso',
    {
      schema: { body: SsoTicket, tags, summary: '凭统一身份认证票据登录 Sign in with an SSO ticket' },
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { token, userId } = await platform.sso.signIn(
        request.body.ticket,
        request.ip,
        request.headers['user-agent'],
      );
      reply.setCookie(STAFF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' });
      return { user: await platform.auth.describeUser(userId) };
    },
  );
}
