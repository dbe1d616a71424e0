import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { InboxQuery, MessagingIdParam, NoticeCreate, PageQuery, SettingsUpdate } from './messaging.schema.ts';

/** 参数设置, 通知公告 and 站内信. Routes validate and call the service; the services check access again. */
export function registerMessagingRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { settings, notices, messages } = platform;

  api.get('/settings', { schema: { tags: ['settings'] }, config: { access: 'admin:settings' } }, (req) =>
    settings.list(actorOf(req)),
  );
  api.patch(
    '/settings',
    { schema: { body: SettingsUpdate, tags: ['settings'] }, config: { access: 'admin:settings' } },
    (req) => settings.update(actorOf(req), req.body.values),
  );
  api.get('/settings/public', { schema: { tags: ['settings'] }, config: { access: 'public' } }, () =>
    settings.publicValues(),
  );

  const noticeTags = ['notices'];
  api.get('/notices', { schema: { querystring: InboxQuery, tags: noticeTags }, config: { access: 'staff' } }, (req) =>
    notices.inbox(actorOf(req), req.query),
  );
  api.get(
    '/notices/manage',
    { schema: { querystring: PageQuery, tags: noticeTags }, config: { access: 'notices:publish' } },
    (req) => notices.manage(actorOf(req), req.query.page, req.query.pageSize),
  );
  api.post(
    '/notices',
    { schema: { body: NoticeCreate, tags: noticeTags }, config: { access: 'notices:publish' } },
    async (req, reply) => {
      const created = await notices.publish(actorOf(req), req.body);
      reply.code(201);
      return created;
    },
  );
  api.get(
    '/notices/:id',
    { schema: { params: MessagingIdParam, tags: noticeTags }, config: { access: 'staff' } },
    (req) => notices.get(actorOf(req), req.params.id),
  );
  api.post(
    '/notices/:id/read',
    { schema: { params: MessagingIdParam, tags: noticeTags }, config: { access: 'staff' } },
    (req) => notices.markRead(actorOf(req), req.params.id),
  );
  api.post(
    '/notices/:id/withdraw',
    { schema: { params: MessagingIdParam, tags: noticeTags }, config: { access: 'notices:publish' } },
    (req) => notices.withdraw(actorOf(req), req.params.id),
  );
  api.get(
    '/notices/:id/receipts',
    { schema: { params: MessagingIdParam, tags: noticeTags }, config: { access: 'notices:publish' } },
    (req) => notices.receipts(actorOf(req), req.params.id),
  );

  const messageTags = ['messages'];
  api.get('/messages', { schema: { querystring: InboxQuery, tags: messageTags }, config: { access: 'staff' } }, (req) =>
    messages.list(actorOf(req), req.query),
  );
  api.get('/messages/unread-count', { schema: { tags: messageTags }, config: { access: 'staff' } }, (req) =>
    messages.unreadCount(actorOf(req)),
  );
  api.post('/messages/read-all', { schema: { tags: messageTags }, config: { access: 'staff' } }, (req) =>
    messages.markAllRead(actorOf(req)),
  );
  api.get(
    '/messages/:id',
    { schema: { params: MessagingIdParam, tags: messageTags }, config: { access: 'staff' } },
    (req) => messages.get(actorOf(req), req.params.id),
  );
  api.post(
    '/messages/:id/read',
    { schema: { params: MessagingIdParam, tags: messageTags }, config: { access: 'staff' } },
    (req) => messages.markRead(actorOf(req), req.params.id),
  );
}
