import type { FastifyInstance } from 'fastify';
import { todayInChina } from '../../../core/workflow/working-days.ts';
import type { Platform } from '../../../platform.ts';
import { registerNoticeRoutes } from '../notices/notices.routes.ts';
import { NoticeService } from '../notices/notices.service.ts';
import { registerAssistancePortalRoutes } from './portal.routes.ts';
import { AssistancePortalService } from './portal.service.ts';

export { renderDecisionNotice } from '../notices/notice-pdf.ts';
export { NoticeService } from '../notices/notices.service.ts';
export { AssistancePortalService } from './portal.service.ts';

/**
 * Decision notices (staff PDF and preview) and the resident portal's assistance routes, wired to the application
 * service (apply) and the enrollment service (reports).
 */
export async function registerAssistanceNoticeAndPortalRoutes(
  app: FastifyInstance,
  platform: Platform,
  today: () => string = () => todayInChina(),
): Promise<void> {
  const notices = new NoticeService({ db: platform.db, today });
  const portal = new AssistancePortalService({
    db: platform.db,
    today,
    apply: (actor, input) => platform.assistance.applications.apply(actor, input),
    submitReport: (actor, enrollmentId, kind, content) =>
      platform.enrollments.submitReport(actor, enrollmentId, kind, content),
  });
  registerNoticeRoutes(app, notices);
  await registerAssistancePortalRoutes(app, portal, notices);
}
