import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../server/access.ts';
import type { NoticeFile, NoticeService } from './notices.service.ts';

const CaseParam = z.strictObject({ caseId: z.uuid('应为有效的办件ID / must be a case id') });

/** Sends a notice PDF inline (a phone opens it in its viewer), never cached by a shared proxy. */
export function sendNoticePdf(reply: FastifyReply, file: NoticeFile): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.pdf);
}

/** 决定通知书 for staff: the PDF (audited download) and its words for the workbench preview. */
export function registerNoticeRoutes(app: FastifyInstance, notices: NoticeService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance'];

  api.get(
    '/assistance/applications/:caseId/notice.pdf',
    {
      schema: {
        params: CaseParam,
        tags,
        summary: '决定通知书 PDF(留痕) Decision notice as PDF, Chinese font embedded (audited)',
      },
      config: { access: 'case:read' },
    },
    async (req, reply) => sendNoticePdf(reply, await notices.forStaff(actorOf(req), req.params.caseId)),
  );

  api.get(
    '/assistance/applications/:caseId/notice',
    {
      schema: {
        params: CaseParam,
        tags,
        summary: '决定通知书内容与认定依据(逐项说明) Notice text and the decision trace in plain words',
      },
      config: { access: 'case:read' },
    },
    (req) => notices.preview(actorOf(req), req.params.caseId),
  );
}
