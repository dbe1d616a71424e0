import { recordAudit } from '../../../core/audit/audit.repository.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import { maskName } from '../../../core/shared/masking.ts';
import { listCaseActions } from '../../../core/workflow/workflow.repository.ts';
import type { Database } from '../../../db/database.ts';
import {
  type ApplicationRow,
  findApplicationInScope,
  findHouseholdWithMembers,
} from '../application/application.repository.ts';
import { findOwnApplication } from '../portal/portal.repository.ts';
import {
  buildDecisionNotice,
  type DecisionNotice,
  explainClassification,
  type NoticeSection,
} from './notice-content.ts';
import { renderDecisionNotice } from './notice-pdf.ts';
import {
  type NoticeApplication,
  type NoticeMemberRow,
  noticeSourceOf,
  type StoredDecision,
  workingSourceOf,
} from './notice-source.ts';

export interface NoticeFile {
  fileName: string;
  notice: DecisionNotice;
  pdf: Buffer;
}

/**
 * 决定通知书: the PDF notice of an approved, refused or not-accepted application, for staff in scope and for the
 * resident whose household applied. Each download is audited (it carries personal data).
 */
export class NoticeService {
  private readonly db: Database;
  private readonly today: () => string;

  constructor(deps: { db: Database; today: () => string }) {
    this.db = deps.db;
    this.today = deps.today;
  }

  /**
   * The words of the notice (once decided) and the current classification's trace in plain words (proposal on the
   * declared facts, then on the verified facts), for the workbench. Names stay masked as on the detail page.
   */
  async preview(
    actor: Actor,
    caseId: string,
  ): Promise<{ notice: DecisionNotice | null; stage: string | null; sections: NoticeSection[] }> {
    const app = await findApplicationInScope(this.db, actor, caseId);
    if (!app) throw notFound('application', '救助申请');
    const { members, history } = await this.membersAndHistory(app);
    const masked = members.map((m) => ({ ...m, name: maskName(m.name) }));
    const working = workingSourceOf(this.applicationOf(app), masked);
    const notice = this.noticeFrom(app, masked, history);
    return {
      notice,
      stage: working?.stage ?? null,
      sections: working ? explainClassification(working.source) : [],
    };
  }

  /** Staff download (scope and business line checked by the query; out of scope = 404). */
  async forStaff(actor: Actor, caseId: string): Promise<NoticeFile> {
    const app = await findApplicationInScope(this.db, actor, caseId);
    if (!app) throw notFound('application', '救助申请');
    return this.render(actor, app);
  }

  /** The resident's own notice: only applications of their current household or made by them. */
  async forResident(actor: Actor, caseId: string): Promise<NoticeFile> {
    const app = actor.personId ? await findOwnApplication(this.db, actor.personId, caseId) : undefined;
    if (!app) throw notFound('application', '救助申请');
    return this.render(actor, app);
  }

  private async membersAndHistory(app: ApplicationRow) {
    const [household, history] = await Promise.all([
      findHouseholdWithMembers(this.db, '', app.household_id),
      listCaseActions(this.db, app.case_id),
    ]);
    const declaredIds = new Set(app.declared.persons.map((p) => p.id));
    const members = (household?.members ?? [])
      .filter((m) => declaredIds.has(m.person_id))
      .map((m) => ({ personId: m.person_id, name: m.name, idMasked: m.id_masked }));
    return { members, history };
  }

  private applicationOf(app: ApplicationRow): NoticeApplication {
    return {
      caseNo: app.case_no,
      state: app.state,
      regionCode: app.region_code,
      receivedOn: app.received_on,
      applicantPersonId: app.applicant_person_id,
      applicantName: app.applicant_name,
      declared: app.declared,
      decision: app.decision as StoredDecision | null,
      closedAt: app.closed_at ? new Date(app.closed_at).toISOString() : null,
    };
  }

  private noticeFrom(
    app: ApplicationRow,
    members: NoticeMemberRow[],
    history: Awaited<ReturnType<typeof listCaseActions>>,
  ): DecisionNotice | null {
    const closing = history.at(-1);
    const source = noticeSourceOf(this.applicationOf(app), members, {
      today: this.today(),
      refusedAt: closing?.action === 'deny' ? 'district' : 'township',
    });
    return source ? buildDecisionNotice(source) : null;
  }

  private async render(actor: Actor, app: ApplicationRow): Promise<NoticeFile> {
    const { members, history } = await this.membersAndHistory(app);
    const notice = this.noticeFrom(app, members, history);
    if (!notice) {
      throw new AppError(
        'assistance.notice_unavailable',
        '申请尚在办理中，作出批准、不予批准或不予受理决定后才有决定通知书',
        'the decision notice exists once the application is approved, refused or not accepted',
      );
    }
    const pdf = await renderDecisionNotice(notice);
    await this.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'assistance.notice.download',
        entityType: 'case',
        entityId: app.case_id,
        regionCode: app.region_code,
        detail: { kind: notice.kind, caseNo: app.case_no, bytes: pdf.length },
      }),
    );
    return { fileName: `${app.case_no}-${notice.kind}.pdf`, notice, pdf };
  }
}
