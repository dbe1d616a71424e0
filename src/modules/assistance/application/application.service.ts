import { createHash } from 'node:crypto';
import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, coversBusinessLine, hasPermission, systemActor } from '../../../core/auth/actor.ts';
import { safeRegionName } from '../../../core/region/region-name.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import { maskName } from '../../../core/shared/masking.ts';
import { appendAction } from '../../../core/workflow/workflow.repository.ts';
import type { WorkflowService } from '../../../core/workflow/workflow.service.ts';
import { findState } from '../../../core/workflow/workflow-definition.ts';
import { addWorkingDays } from '../../../core/workflow/working-days.ts';
import type { Database } from '../../../db/database.ts';
import type { PublicityService } from '../publicity/publicity.service.ts';
import type { Classification } from '../rules/classify.ts';
import type { VerificationService } from '../verification/verification.service.ts';
import {
  APPLICATION_WORKFLOW,
  extendApplication,
  findApplicationInScope,
  findDocumentContent,
  findHouseholdWithMembers,
  insertApplication,
  insertDocument,
  listApplications,
  listDocuments,
} from './application.repository.ts';
import {
  type ApplicationQuery,
  ApplyInput,
  type DocumentKind,
  type ExtensionInput,
  type Need,
  PortalApplyInput,
  requestedOf,
} from './application.schema.ts';
import { applicationsXlsx } from './application-export.ts';
import { presentApplication, presentDocument } from './application-view.ts';
import { type ClassifyDeps, classifyFacts, primaryGrant } from './classification.ts';
import { assembleDeclaredFacts } from './declared-facts.ts';
import { presentNewApplication, sentTransfer } from './intake-answer.ts';
import { asIntake } from './intake-guard.ts';
import { PROGRAMME_SHORT_ZH } from './programme-names.ts';
import { findDepartmentOrg, insertTransfer, listTransfersOfCase, type TransferRow } from './transfer.repository.ts';

/** Working days a department has to answer a transferred need. */
export const TRANSFER_WORKING_DAYS = 10;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_EXPORT_ROWS = 10_000;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

export interface ApplicationDeps extends ClassifyDeps {
  db: Database;
  workflow: WorkflowService;
  verification: VerificationService;
  publicity: PublicityService;
  today: () => string;
}

type Channel = 'window' | 'coordinator' | 'portal';

/** 一门受理: takes applications, keeps their documents and transfers, and presents them. */
export class ApplicationService {
  private readonly deps: ApplicationDeps;

  constructor(deps: ApplicationDeps) {
    this.deps = deps;
  }

  /**
   * Takes an application: the household (in the actor's scope; a resident's own) with its current members, the
   * declared facts, a proposal classified on them, and a transfer per need for other departments — one transaction
   * with the case. Staff channel: window | coordinator; a resident applies through the portal (channel 'portal').
   */
  async apply(actor: Actor, raw: ApplyInput | PortalApplyInput) {
    // parsed here too, so the portal route and other callers get the same field errors as the staff route
    const parsed = (actor.kind === 'resident' ? PortalApplyInput : ApplyInput).safeParse(raw);
    if (!parsed.success) {
      throw new AppError(
        'request.invalid',
        '申请信息有误,请检查标出的项目',
        'the application has invalid fields',
        parsed.error.issues.map((i) => ({
          field: i.path.map(String).join('.'),
          message_zh: i.message,
          message_en: i.message,
        })),
      );
    }
    const input: PortalApplyInput & { channel?: Channel } = parsed.data;
    const channel: Channel = actor.kind === 'resident' ? 'portal' : (input.channel ?? 'window');
    if (actor.kind !== 'resident' && (!hasPermission(actor, 'case:act') || !coversBusinessLine(actor, 'assistance'))) {
      throw new AppError('auth.forbidden', '无权受理社会救助申请', 'not allowed to take assistance applications');
    }
    const today = this.deps.today();
    const household = await findHouseholdWithMembers(
      this.deps.db,
      actor.kind === 'resident' ? '' : actor.regionScope,
      input.householdId,
    );
    if (!household) throw notFound('household', '家庭');
    if (actor.kind === 'resident' && !household.members.some((m) => m.person_id === actor.personId)) {
      throw notFound('household', '家庭');
    }
    const { facts, errors } = assembleDeclaredFacts(
      household.members.map((m) => ({ personId: m.person_id, birthDate: m.birth_date, relationCode: m.relation_code })),
      input,
      household.region_code,
    );
    if (errors.length > 0) {
      throw new AppError(
        'request.invalid',
        '申请信息有误,请检查标出的项目',
        'the application has invalid fields',
        errors,
      );
    }
    const applicant = household.members.find((m) => m.person_id === input.applicantPersonId);
    const titleProgramme = PROGRAMME_SHORT_ZH[input.requested[0] ?? 'auto'] ?? '社会救助';
    const opener = actor.kind === 'resident' ? systemActor('portal') : actor;
    // what the intake wrote, kept to answer without reading it back
    let written: { classification: Classification; snapshotId: string | null; transfers: TransferRow[] } | undefined;
    const created = await asIntake(APPLICATION_WORKFLOW, () =>
      this.deps.workflow.open(opener, {
        workflow: APPLICATION_WORKFLOW,
        regionCode: household.region_code,
        title: `${titleProgramme}申请 ${maskName(applicant?.name)}`,
        subjectType: 'household',
        subjectId: household.id,
        data: { householdId: household.id, channel },
        receivedOn: today,
        afterOpen: async (tx, c) => {
          // a second open application of the household is refused by the workflow's one-open-per-subject index
          // the proposal: declared facts only, shown to the clerk and the applicant, never a decision
          const proposal = await classifyFacts(this.deps, tx, facts, today, requestedOf(input), household.id);
          const { classification, snapshotId } = proposal;
          const grant = primaryGrant(classification);
          await insertApplication(tx, {
            caseId: c.id,
            householdId: household.id,
            applicantPersonId: input.applicantPersonId,
            regionCode: household.region_code,
            area: input.area,
            channel,
            requested: requestedOf(input),
            emergency: input.emergency,
            declared: facts,
            proposal: {
              decision: { stage: 'proposal', classification },
              programme: grant?.programme ?? null,
              amountFen: grant?.amountFen ?? null,
              policySnapshotId: snapshotId,
            },
          });
          const transfers: TransferRow[] = [];
          for (const need of input.needs) {
            const org = await findDepartmentOrg(tx, need.need, household.region_code);
            if (!org) throw noDepartment(need.need);
            const dueOn = addWorkingDays(today, TRANSFER_WORKING_DAYS);
            const id = await insertTransfer(tx, {
              caseId: c.id,
              regionCode: household.region_code,
              need: need.need,
              toOrgId: org.id,
              note: need.note,
              dueOn,
              by: actor.id,
            });
            transfers.push(
              sentTransfer({
                id,
                caseId: c.id,
                caseNo: c.case_no,
                regionCode: household.region_code,
                need: need.need,
                org,
                note: need.note,
                dueOn,
              }),
            );
          }
          written = { classification, snapshotId, transfers };
        },
        // the intake is audited in the case.open row (one audit row per intake)
        auditDetail: {
          intake: 'assistance.apply',
          channel,
          members: facts.persons.length,
          needs: input.needs.map((n) => n.need),
          ...(actor.kind === 'resident' ? { residentPersonId: actor.personId } : {}),
        },
      }),
    );
    if (actor.kind === 'resident' || !written) return { caseId: created.id, caseNo: created.case_no };
    // The new application as GET shows it, from what was just written (one round of reads fewer per intake; the
    // intake itself is audited in case.open). A test checks it equals the GET view.
    return presentNewApplication(this.deps.workflow.getDefinition(APPLICATION_WORKFLOW), today, {
      caseId: created.id,
      caseNo: created.case_no,
      household,
      applicantPersonId: input.applicantPersonId,
      applicantName: applicant?.name ?? '',
      area: input.area,
      channel,
      requested: requestedOf(input),
      emergency: input.emergency,
      declared: facts,
      ...written,
    });
  }

  async list(actor: Actor, query: ApplicationQuery) {
    const today = this.deps.today();
    const { total, rows } = await listApplications(this.deps.db, actor, { ...query, today });
    const def = this.deps.workflow.getDefinition(APPLICATION_WORKFLOW);
    return {
      total,
      items: rows.map((r) => {
        const due = r.step_due_on ?? r.due_on;
        return {
          caseId: r.case_id,
          caseNo: r.case_no,
          state: r.state,
          stateName: findState(def, r.state)?.nameZh ?? r.state,
          regionCode: r.region_code,
          regionName: safeRegionName(r.region_code),
          applicantName: maskName(r.applicant_name),
          members: r.members,
          area: r.area,
          channel: r.channel,
          programme: r.programme,
          amountFen: r.amount_fen,
          receivedOn: r.received_on,
          dueOn: r.due_on,
          stepDueOn: r.step_due_on,
          overdue: !r.closed_at && due !== null && due < today,
          version: r.version,
        };
      }),
    };
  }

  /** The list (same filters, at most 10,000 rows) as an .xlsx with masked names; audited as an export. */
  async exportList(actor: Actor, query: Omit<ApplicationQuery, 'page' | 'pageSize'>) {
    const { total, items } = await this.list(actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    const data = await applicationsXlsx(items);
    await this.deps.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'assistance.application.export',
        entityType: 'case',
        regionCode: query.regionPrefix ?? actor.regionScope,
        detail: { filters: query, rows: items.length, total },
      }),
    );
    return data;
  }

  /** The whole application for its detail page; a full read of personal data, so audited. */
  async get(actor: Actor, caseId: string, options: { audit: boolean } = { audit: true }) {
    const db = this.deps.db;
    const app = await findApplicationInScope(db, actor, caseId);
    if (!app) throw notFound('application', '救助申请');
    const [household, documents, transfers, verification, publicity] = await Promise.all([
      findHouseholdWithMembers(db, '', app.household_id),
      listDocuments(db, caseId),
      listTransfersOfCase(db, caseId),
      this.deps.verification.overview(db, app),
      this.deps.publicity.ofCase(db, caseId),
    ]);
    if (options.audit) {
      await db.transaction((tx) =>
        recordAudit(tx, actor, {
          action: 'assistance.application.read',
          entityType: 'case',
          entityId: caseId,
          regionCode: app.region_code,
        }),
      );
    }
    return presentApplication(this.deps.workflow.getDefinition(APPLICATION_WORKFLOW), this.deps.today(), app, {
      members: (household?.members ?? []).filter((m) => app.declared.persons.some((p) => p.id === m.person_id)),
      documents,
      transfers,
      verification,
      publicity,
    });
  }

  /** Stores an uploaded file with the case (the signed authorisation above all). */
  async addDocument(
    actor: Actor,
    caseId: string,
    file: { kind: DocumentKind; fileName: string; mimeType: string; content: Buffer },
  ) {
    if (!hasPermission(actor, 'case:act')) {
      throw new AppError('auth.forbidden', '您没有该操作的权限', 'permission case:act is required');
    }
    return this.deps.db.transaction(async (tx) => {
      const app = await findApplicationInScope(tx, actor, caseId);
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
        detail: { documentId: doc.id, kind: doc.kind, sizeBytes: doc.size_bytes, sha256: doc.sha256 },
      });
      return presentDocument(doc);
    });
  }

  async document(actor: Actor, caseId: string, documentId: string) {
    return this.deps.db.transaction(async (tx) => {
      const app = await findApplicationInScope(tx, actor, caseId);
      const doc = app ? await findDocumentContent(tx, caseId, documentId) : undefined;
      if (!app || !doc) throw notFound('document', '材料');
      await recordAudit(tx, actor, {
        action: 'assistance.document.read',
        entityType: 'case',
        entityId: caseId,
        regionCode: app.region_code,
        detail: { documentId },
      });
      return { ...presentDocument(doc), content: Buffer.from(doc.content) };
    });
  }

  /** 延期: the whole procedure once by up to 15 working days with a reason; moves the due date, in the case history. */
  async extend(actor: Actor, caseId: string, input: ExtensionInput) {
    if (!actor.roles.some((r) => r === 'township_reviewer' || r === 'district_approver')) {
      throw new AppError('auth.forbidden', '只有审核员或审批员可以延期', 'only reviewers or approvers may extend');
    }
    await this.deps.db.transaction(async (tx) => {
      const app = await findApplicationInScope(tx, actor, caseId);
      if (!app) throw notFound('application', '救助申请');
      if (app.closed_at) throw new AppError('workflow.transition_invalid', '办件已办结,不能延期', 'the case is closed');
      if (app.extension_days > 0) throw extensionUsed();
      if (app.version !== input.version) {
        throw new AppError(
          'workflow.conflict',
          '该办件已被他人处理,请刷新后重试',
          'the case changed; reload and try again',
        );
      }
      const base = app.due_on ?? addWorkingDays(app.received_on, 30);
      const newDueOn = addWorkingDays(base, input.workingDays);
      if (!(await extendApplication(tx, caseId, { days: input.workingDays, reason: input.reason, newDueOn }))) {
        throw extensionUsed();
      }
      const { rowCount } = await tx.query('UPDATE wf_case SET version = version + 1 WHERE id = $1 AND version = $2', [
        caseId,
        input.version,
      ]);
      if (rowCount !== 1)
        throw new AppError('workflow.conflict', '该办件已被他人处理,请刷新后重试', 'the case changed');
      await appendAction(tx, {
        caseId,
        seq: input.version + 1,
        action: 'extend',
        fromState: app.state,
        toState: app.state,
        actor,
        input: { workingDays: input.workingDays, dueOn: newDueOn, previousDueOn: app.due_on },
        comment: input.reason,
      });
      await recordAudit(tx, actor, {
        action: 'assistance.extend',
        entityType: 'case',
        entityId: caseId,
        regionCode: app.region_code,
        reason: input.reason,
        detail: { workingDays: input.workingDays, dueOn: newDueOn, previousDueOn: app.due_on },
      });
    });
    return this.get(actor, caseId);
  }
}

function extensionUsed(): AppError {
  return new AppError(
    'assistance.extension_used',
    '该申请已延期过一次,不能再次延期',
    'this application has already been extended once',
  );
}

function noDepartment(need: Need): AppError {
  return new AppError(
    'assistance.no_department',
    `本区没有承接「${need}」需求的部门机构,请先在机构管理中添加`,
    `no department organisation takes "${need}" needs in this district; add it first`,
    [{ field: 'needs', message_zh: '无承接部门', message_en: 'no receiving department' }],
  );
}
