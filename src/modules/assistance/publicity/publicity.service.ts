import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, systemActor } from '../../../core/auth/actor.ts';
import { safeRegionName } from '../../../core/region/region-name.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import { maskName, maskPhone } from '../../../core/shared/masking.ts';
import type { WorkflowService } from '../../../core/workflow/workflow.service.ts';
import type { Database, Queryable } from '../../../db/database.ts';
import { type ApplicationRow, findApplicationInScope } from '../application/application.repository.ts';
import { programmeName } from '../application/programme-names.ts';
import {
  countOpenObjections,
  findLatestPublicity,
  findObjection,
  findPublicity,
  insertObjection,
  insertPublicity,
  listObjections,
  listOpenPublicity,
  type ObjectionRow,
  type PublicityRow,
  resolveObjection,
} from './publicity.repository.ts';
import type { PublicObjectionInput, ResolveObjectionInput, StaffObjectionInput } from './publicity.schema.ts';
import { hasPublicityEnded, publicityPeriod } from './publicity-period.ts';

/** Opens the village notice for a case entering 公示 (in the workflow's transaction). */
export async function openPublicity(
  tx: Queryable,
  app: ApplicationRow,
  notice: { programme: string; members: number; amountFen: number; today: string; days: number },
): Promise<PublicityRow> {
  const period = publicityPeriod(notice.today, notice.days);
  return insertPublicity(tx, {
    case_id: app.case_id,
    village_code: app.region_code,
    masked_name: maskName(app.applicant_name),
    programme: notice.programme,
    members: notice.members,
    amount_fen: notice.amountFen,
    starts_on: period.startsOn,
    ends_on: period.endsOn,
  });
}

/** District approval needs the 公示 period over and no open objection; the error says which and until when. */
export async function assertPublicityPassed(tx: Queryable, caseId: string, today: string): Promise<PublicityRow> {
  const notice = await findLatestPublicity(tx, caseId);
  if (!notice || notice.status === 'withdrawn') {
    throw new AppError('assistance.publicity_running', '该申请尚未公示', 'the application has not been publicised');
  }
  if (!hasPublicityEnded({ endsOn: notice.ends_on }, today)) {
    throw new AppError(
      'assistance.publicity_running',
      `公示期至 ${notice.ends_on} 结束,期满后才能报批或审批`,
      `the public notice runs until ${notice.ends_on}; approval is possible after it ends`,
    );
  }
  const open = await countOpenObjections(tx, caseId);
  if (open > 0) {
    throw new AppError(
      'assistance.objection_open',
      `公示期间收到的${open}条异议尚未处理,处理后才能审批`,
      `${open} objection(s) received during the notice are still open; resolve them first`,
    );
  }
  return notice;
}

export function presentPublicity(p: PublicityRow) {
  const name = programmeName(p.programme);
  return {
    id: p.id,
    maskedName: p.masked_name,
    programme: p.programme,
    programmeName: name.zh,
    programmeNameEn: name.en,
    members: p.members,
    amountFen: p.amount_fen,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
  };
}

function presentObjection(o: ObjectionRow) {
  return {
    id: o.id,
    publicityId: o.publicity_id,
    receivedOn: o.received_on,
    content: o.content,
    // an objector's phone is personal data: shown masked like every phone outside the audited reveal
    contact: o.contact ? o.contact.replace(/1[3-9]\d{9}/g, (m) => maskPhone(m)) : null,
    status: o.status,
    outcome: o.outcome,
    resolution: o.resolution,
    resolvedAt: o.resolved_at ? new Date(o.resolved_at).toISOString() : null,
  };
}

/** 公示: the public village page, objections from the public or recorded by staff, and their resolution. */
export class PublicityService {
  private readonly db: Database;
  private readonly workflow: WorkflowService;
  private readonly today: () => string;

  constructor(deps: { db: Database; workflow: WorkflowService; today: () => string }) {
    this.db = deps.db;
    this.workflow = deps.workflow;
    this.today = deps.today;
  }

  /** The open notices of one village, for the page without login: masked names and amounts only. */
  async listPublic(village: string) {
    const rows = await listOpenPublicity(this.db, village, this.today());
    return { village, villageName: safeRegionName(village), items: rows.map(presentPublicity) };
  }

  /** The case's notice with its objections (detail page; scope checked by the caller). */
  async ofCase(q: Queryable, caseId: string) {
    const notice = await findLatestPublicity(q, caseId);
    if (!notice) return null;
    const objections = await listObjections(q, notice.id);
    return { ...presentPublicity(notice), status: notice.status, objections: objections.map(presentObjection) };
  }

  /** An objection from the public page: the notice must be open and running; a contact is required. */
  async objectAsPublic(publicityId: string, input: PublicObjectionInput, ip?: string) {
    return this.db.transaction(async (tx) => {
      const notice = await this.openNotice(tx, publicityId, true);
      const objection = await insertObjection(tx, {
        publicityId,
        receivedOn: this.today(),
        content: input.content,
        contact: input.contact,
        by: 'public',
      });
      await recordAudit(
        tx,
        { ...systemActor('public'), ip },
        {
          action: 'assistance.objection.receive',
          entityType: 'case',
          entityId: notice.case_id,
          regionCode: notice.village_code,
          detail: { objectionId: objection.id, channel: 'public' },
        },
      );
      return { id: objection.id, receivedOn: objection.received_on };
    });
  }

  /** Staff record an objection received by phone, letter or in person. */
  async objectAsStaff(actor: Actor, publicityId: string, input: StaffObjectionInput) {
    return this.db.transaction(async (tx) => {
      const notice = await findPublicity(tx, publicityId, true);
      if (!notice || !(await findApplicationInScope(tx, actor, notice.case_id))) throw notFound('publicity', '公示');
      await this.openNotice(tx, publicityId, false);
      const objection = await insertObjection(tx, {
        publicityId,
        receivedOn: input.receivedOn ?? this.today(),
        content: input.content,
        contact: input.contact ?? null,
        by: actor.id,
      });
      await recordAudit(tx, actor, {
        action: 'assistance.objection.record',
        entityType: 'case',
        entityId: notice.case_id,
        regionCode: notice.village_code,
        detail: { objectionId: objection.id },
      });
      return presentObjection(objection);
    });
  }

  /**
   * The township reviewer resolves an objection: dismissed keeps the note and the case where it is; upheld sends the
   * case back to township review through the workflow (action uphold_objection, in one transaction).
   */
  async resolve(actor: Actor, objectionId: string, input: ResolveObjectionInput) {
    const found = await findObjection(this.db, objectionId);
    const app = found ? await findApplicationInScope(this.db, actor, found.case_id) : undefined;
    if (!found || !app) throw notFound('objection', '异议');
    if (!actor.roles.includes('township_reviewer')) {
      throw new AppError(
        'auth.forbidden',
        '只有乡镇审核员可以处理公示异议',
        'only a township reviewer resolves objections',
      );
    }
    if (found.status !== 'open') throw objectionResolved();
    if (input.outcome === 'upheld') {
      await this.workflow.act(actor, found.case_id, 'uphold_objection', {
        version: app.version,
        comment: input.resolution,
        input: { objectionId, resolution: input.resolution },
      });
      const after = await findObjection(this.db, objectionId);
      return after ? presentObjection(after) : null;
    }
    return this.db.transaction(async (tx) => {
      const locked = await findObjection(tx, objectionId, true);
      if (locked?.status !== 'open') throw objectionResolved();
      const row = await resolveObjection(tx, objectionId, {
        outcome: 'dismissed',
        resolution: input.resolution,
        by: actor.id,
      });
      await recordAudit(tx, actor, {
        action: 'assistance.objection.dismiss',
        entityType: 'case',
        entityId: found.case_id,
        regionCode: app.region_code,
        reason: input.resolution,
        detail: { objectionId },
      });
      return presentObjection(row);
    });
  }

  private async openNotice(tx: Queryable, publicityId: string, asPublic: boolean): Promise<PublicityRow> {
    const notice = await findPublicity(tx, publicityId, true);
    if (!notice) throw notFound('publicity', '公示');
    const today = this.today();
    // the public may object while the notice is shown; staff may still record one that arrived late by post
    if (notice.status !== 'open' || (asPublic && today > notice.ends_on)) {
      throw new AppError(
        'assistance.publicity_closed',
        '该公示已结束,不再受理异议',
        'this notice has ended; objections are no longer received',
      );
    }
    return notice;
  }
}

/** In the workflow's uphold_objection effect: the objection must be open and belong to this case. */
export async function upholdObjection(
  tx: Queryable,
  actor: Actor,
  caseId: string,
  objectionId: string,
  resolution: string,
): Promise<void> {
  const objection = await findObjection(tx, objectionId, true);
  if (!objection || objection.case_id !== caseId) throw notFound('objection', '异议');
  if (objection.status !== 'open') throw objectionResolved();
  await resolveObjection(tx, objectionId, { outcome: 'upheld', resolution, by: actor.id });
}

function objectionResolved(): AppError {
  return new AppError('assistance.objection_resolved', '该异议已处理', 'this objection has already been resolved');
}
