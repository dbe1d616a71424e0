import { createHash } from 'node:crypto';
import { recordAudit } from '../../../core/audit/audit.repository.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { findResidentHousehold, listHouseholdMembersForResident } from '../../../core/auth/portal.repository.ts';
import { safeRegionName } from '../../../core/region/region-name.ts';
import { findRegion } from '../../../core/region/region-tree.ts';
import { dictionaryLabel } from '../../../core/registry/dictionaries.ts';
import { ageOn } from '../../../core/registry/registry.service.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import { maskName } from '../../../core/shared/masking.ts';
import { listCaseActions } from '../../../core/workflow/workflow.repository.ts';
import type { Database } from '../../../db/database.ts';
import { insertDocument, listDocuments } from '../application/application.repository.ts';
import type { ApplyInput, DocumentKind } from '../application/application.schema.ts';
import { programmeName } from '../application/programme-names.ts';
import { noticeKindOf } from '../notices/notice-source.ts';
import { findLatestPublicity } from '../publicity/publicity.repository.ts';
import type { Classification } from '../rules/classify.ts';
import { applicationProgress } from './application-progress.ts';
import { findOwnApplication, listOwnApplications, listOwnEnrollments, listOwnReports } from './portal.repository.ts';
import type { ResidentApplyInput, ResidentReportInput } from './portal.schema.ts';

export interface AssistancePortalDeps {
  db: Database;
  today: () => string;
  /** ApplicationService.apply (../application): a resident actor applies for their own household, channel portal. */
  apply: (actor: Actor, input: Omit<ApplyInput, 'channel'>) => Promise<unknown>;
  /** EnrollmentService.submitReport (../enrollment): 定期报告 / 变更报告 of the resident's own enrollment. */
  submitReport: (
    actor: Actor,
    enrollmentId: string,
    kind: 'periodic' | 'change',
    content: Record<string, unknown>,
  ) => Promise<unknown>;
}

const STATE_NAMES: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '待受理', en: 'Submitted' },
  verifying: { zh: '调查核实', en: 'Verification' },
  township_review: { zh: '乡镇审核', en: 'Township review' },
  publicity: { zh: '公示中', en: 'Public notice' },
  district_approval: { zh: '区县审批', en: 'District approval' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '不予批准', en: 'Refused' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
};

function regionShortName(code: string): string {
  return findRegion(code)?.name ?? code;
}

function personIdOf(actor: Actor): string {
  if (actor.kind !== 'resident' || !actor.personId) throw notFound('household', '家庭');
  return actor.personId;
}

/** 掌上办 for social assistance: apply from a phone, follow the progress, get the notice, file reports. */
export class AssistancePortalService {
  private readonly deps: AssistancePortalDeps;

  constructor(deps: AssistancePortalDeps) {
    this.deps = deps;
  }

  /** What the application form shows: the resident's household and its current members from the registry. */
  async form(actor: Actor) {
    const personId = personIdOf(actor);
    const household = await findResidentHousehold(this.deps.db, personId);
    if (!household) return { household: null, members: [] };
    const today = this.deps.today();
    const members = await listHouseholdMembersForResident(this.deps.db, household.id);
    return {
      household: {
        householdNo: household.household_no,
        address: household.address,
        regionName: safeRegionName(household.region_code),
      },
      members: members.map((m) => ({
        personId: m.person_id,
        // other members' names are masked even to their own family on a shared phone screen
        name: m.person_id === personId ? m.name : maskName(m.name),
        relationName: dictionaryLabel('relation', m.relation_code),
        age: ageOn(m.birth_date, today),
        self: m.person_id === personId,
      })),
    };
  }

  /** Applies for the resident's own household, the resident as the applicant. */
  async apply(actor: Actor, input: ResidentApplyInput) {
    const personId = personIdOf(actor);
    const household = await findResidentHousehold(this.deps.db, personId);
    if (!household) throw notFound('household', '家庭');
    return this.deps.apply(actor, { ...input, householdId: household.id, applicantPersonId: personId });
  }

  async list(actor: Actor) {
    const rows = await listOwnApplications(this.deps.db, personIdOf(actor));
    const today = this.deps.today();
    return {
      items: rows.map((r) => {
        const due = r.step_due_on ?? r.due_on;
        return {
          caseId: r.case_id,
          caseNo: r.case_no,
          state: r.state,
          stateName: STATE_NAMES[r.state]?.zh ?? r.state,
          stateNameEn: STATE_NAMES[r.state]?.en ?? r.state,
          programme: r.state === 'approved' ? r.programme : null,
          programmeName: r.state === 'approved' && r.programme ? programmeName(r.programme).zh : null,
          amountFen: r.state === 'approved' ? r.amount_fen : null,
          receivedOn: r.received_on,
          dueOn: r.due_on,
          overdue: !r.closed_at && due !== null && due < today,
          noticeAvailable: noticeKindOf(r.state) !== null,
        };
      }),
    };
  }

  /** 办理进度: steps with organisation and due date, the decision once taken, and the papers handed in. */
  async get(actor: Actor, caseId: string) {
    const db = this.deps.db;
    const app = await findOwnApplication(db, personIdOf(actor), caseId);
    if (!app) throw notFound('application', '救助申请');
    const [history, publicity, documents] = await Promise.all([
      listCaseActions(db, caseId),
      findLatestPublicity(db, caseId),
      listDocuments(db, caseId),
    ]);
    const decision = (app.decision ?? {}) as { stage?: string; classification?: Classification; reasons?: string[] };
    const steps = applicationProgress({
      state: app.state,
      receivedOn: app.received_on,
      dueOn: app.due_on,
      stepDueOn: app.step_due_on,
      history: history.map((h) => ({
        action: h.action,
        fromState: h.from_state,
        toState: h.to_state,
        at: new Date(h.at).toISOString(),
        comment: h.comment,
      })),
      publicity: publicity ? { startsOn: publicity.starts_on, endsOn: publicity.ends_on } : null,
      villageName: regionShortName(app.region_code),
      townshipName: regionShortName(app.region_code.slice(0, 9)),
      districtName: regionShortName(app.region_code.slice(0, 6)),
      today: this.deps.today(),
    });
    const approved = app.state === 'approved' ? (decision.classification ?? null) : null;
    await db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'assistance.portal.read',
        entityType: 'case',
        entityId: caseId,
        regionCode: app.region_code,
      }),
    );
    return {
      caseId: app.case_id,
      caseNo: app.case_no,
      state: app.state,
      stateName: STATE_NAMES[app.state]?.zh ?? app.state,
      stateNameEn: STATE_NAMES[app.state]?.en ?? app.state,
      receivedOn: app.received_on,
      dueOn: app.due_on,
      steps,
      decision: approved
        ? {
            outcome: 'approved' as const,
            startMonth: approved.benefitMonth,
            monthlyTotalFen: approved.monthlyTotalFen,
            granted: approved.granted.map((d) => ({
              programme: d.programme,
              programmeName: programmeName(d.programme).zh,
              programmeNameEn: programmeName(d.programme).en,
              amountFen: d.amountFen ?? null,
              members: d.memberIds.length,
            })),
            reasons: [],
          }
        : app.state === 'refused' || app.state === 'not_accepted'
          ? { outcome: app.state, startMonth: null, monthlyTotalFen: 0, granted: [], reasons: decision.reasons ?? [] }
          : null,
      noticeAvailable: noticeKindOf(app.state) !== null,
      documents: documents.map((d) => ({ id: d.id, kind: d.kind, fileName: d.file_name, sizeBytes: d.size_bytes })),
      canUpload: app.closed_at === null,
    };
  }

  /** A photo or PDF for one's own open application (the signed authorisation above all). */
  async addDocument(
    actor: Actor,
    caseId: string,
    file: { kind: DocumentKind; fileName: string; mimeType: string; content: Buffer },
  ) {
    const personId = personIdOf(actor);
    return this.deps.db.transaction(async (tx) => {
      const app = await findOwnApplication(tx, personId, caseId);
      if (!app) throw notFound('application', '救助申请');
      if (app.closed_at) {
        throw new AppError('workflow.transition_invalid', '办件已办结,不能再上传材料', 'the case is closed');
      }
      const doc = await insertDocument(tx, {
        caseId,
        kind: file.kind,
        fileName: file.fileName,
        mimeType: file.mimeType,
        content: file.content,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        by: actor.id,
        today: this.deps.today(),
      });
      await recordAudit(tx, actor, {
        action: 'assistance.document.upload',
        entityType: 'case',
        entityId: caseId,
        regionCode: app.region_code,
        detail: {
          documentId: doc.id,
          kind: doc.kind,
          sizeBytes: doc.size_bytes,
          sha256: doc.sha256,
          channel: 'portal',
        },
      });
      return { id: doc.id, kind: doc.kind, fileName: doc.file_name, sizeBytes: doc.size_bytes };
    });
  }

  /** The household's enrollments and the reports it filed, for 定期报告 / 变更报告. */
  async enrollments(actor: Actor) {
    const personId = personIdOf(actor);
    const rows = await listOwnEnrollments(this.deps.db, personId);
    const reports = await listOwnReports(
      this.deps.db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        programme: r.programme,
        programmeName: programmeName(r.programme).zh,
        programmeNameEn: programmeName(r.programme).en,
        status: r.status,
        members: r.members,
        amountFen: r.amount_fen,
        startMonth: r.start_month,
        endMonth: r.end_month,
        nextReviewOn: r.next_review_on,
      })),
      reports: reports.map((r) => ({
        id: r.id,
        enrollmentId: r.enrollment_id,
        kind: r.kind,
        period: r.period,
        status: r.status,
        reviewNote: r.review_note,
        submittedAt: new Date(r.created_at).toISOString(),
      })),
    };
  }

  async report(actor: Actor, input: ResidentReportInput) {
    personIdOf(actor);
    const { enrollmentId, kind, ...content } = input;
    return this.deps.submitReport(actor, enrollmentId, kind, { ...content, channel: 'portal' });
  }
}
