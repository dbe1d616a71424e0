import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, hasPermission, systemActor } from '../../../core/auth/actor.ts';
import { AppError, invalidField, notFound } from '../../../core/shared/errors.ts';
import type { Database, Queryable } from '../../../db/database.ts';
import {
  type ApplicationRow,
  findApplicationInScope,
  getApplicationForUpdate,
  hasAuthorisation,
} from '../application/application.repository.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import {
  type FindingRow,
  findFindingForUpdate,
  findVisitForUpdate,
  insertFinding,
  insertVisit,
  listFindings,
  listVisits,
  resolveFinding,
  setVisitInvestigators,
  type VisitRow,
} from './verification.repository.ts';
import type {
  DataCheckInput,
  FactCheck,
  FindingInput,
  ResolveFindingInput,
  VisitInput,
} from './verification.schema.ts';
import { declaredValue, differsFromDeclared, foundValue, verifiedFacts } from './verified-facts.ts';
import { isVisitComplete, type Missing, missingForVerification } from './visit-rules.ts';

/** Staff who investigate (调查人员): township clerks and reviewers, and village coordinators, within the township. */
export const INVESTIGATOR_ROLES = ['township_clerk', 'township_reviewer', 'village_coordinator'] as const;
const VERIFYING = 'verifying';

/**
 * A department's data check result for a case (issue 4's exchange will call this per answer): a difference from the
 * declared facts becomes an open finding, an agreement leaves none. Runs in the caller's transaction; audited.
 */
export async function recordDataCheck(
  tx: Queryable,
  caseId: string,
  check: FactCheck,
  options: {
    actor?: Actor;
    department?: string;
    source?: 'data_check' | 'home_visit' | 'neighbour_interview' | 'manual';
  } = {},
): Promise<FindingRow | null> {
  const actor = options.actor ?? systemActor('exchange');
  const app = await getApplicationForUpdate(tx, caseId);
  assertMembers(app.declared, check);
  const source = options.source ?? 'data_check';
  const differs = differsFromDeclared(app.declared, check);
  const finding = differs
    ? await insertFinding(tx, {
        caseId,
        source,
        check,
        declared: declaredValue(app.declared, check),
        found: foundValue(check),
        department: options.department,
      })
    : null;
  await recordAudit(tx, actor, {
    action: source === 'data_check' ? 'assistance.data_check' : 'assistance.finding',
    entityType: 'case',
    entityId: caseId,
    regionCode: app.region_code,
    detail: { category: check.category, department: options.department ?? null, findingId: finding?.id ?? null },
  });
  return finding;
}

function assertMembers(facts: ApplicationFacts, check: FactCheck): void {
  if (!('memberId' in check) || check.memberId === undefined) return;
  if (!facts.persons.some((p) => p.id === check.memberId)) {
    throw invalidField('check.memberId', '不是本申请的家庭成员', 'not a member of this application');
  }
}

/** Verification: home visits signed by two investigators, neighbour interviews, data checks and findings. */
export class VerificationService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The verification record of a case for its detail page (the caller has checked scope). */
  async overview(q: Queryable, app: ApplicationRow) {
    const [visits, findings, authorised] = await Promise.all([
      listVisits(q, app.case_id),
      listFindings(q, app.case_id),
      hasAuthorisation(q, app.case_id),
    ]);
    const status = verificationStatus(authorised, visits, findings);
    return {
      visits: visits.map((v) => ({
        id: v.id,
        kind: v.kind,
        visitedOn: v.visited_on,
        notes: v.notes,
        observations: v.observations,
        investigatorIds: v.investigator_ids,
        investigatorNames: v.investigator_names,
        complete: isVisitComplete({ kind: v.kind, investigatorIds: v.investigator_ids }),
      })),
      findings: findings.map(presentFinding),
      status,
    };
  }

  async recordVisit(actor: Actor, caseId: string, input: VisitInput) {
    return this.db.transaction(async (tx) => {
      const app = await this.caseForInvestigator(tx, actor, caseId);
      const visit = await insertVisit(tx, {
        caseId,
        kind: input.kind,
        visitedOn: input.visitedOn,
        notes: input.notes,
        observations: input.observations,
        by: actor.id,
      });
      await recordAudit(tx, actor, {
        action: 'assistance.visit.record',
        entityType: 'case',
        entityId: caseId,
        regionCode: app.region_code,
        detail: { visitId: visit.id, kind: input.kind },
      });
      return presentVisit(visit);
    });
  }

  /** The second investigator confirms the visit record by signing it; the same person twice is refused. */
  async signVisit(actor: Actor, visitId: string) {
    return this.db.transaction(async (tx) => {
      const visit = await findVisitForUpdate(tx, visitId);
      if (!visit) throw notFound('visit', '调查记录');
      const app = await this.caseForInvestigator(tx, actor, visit.case_id).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') throw notFound('visit', '调查记录');
        throw e;
      });
      if (visit.investigator_ids.includes(actor.id)) {
        throw new AppError(
          'assistance.same_investigator',
          '您已在该调查记录上签字;须由另一名调查人员签字确认',
          'you have already signed this record; a second, different investigator must sign it',
        );
      }
      const signed = await setVisitInvestigators(tx, visitId, [...visit.investigator_ids, actor.id]);
      await recordAudit(tx, actor, {
        action: 'assistance.visit.sign',
        entityType: 'case',
        entityId: visit.case_id,
        regionCode: app.region_code,
        detail: { visitId },
      });
      return presentVisit(signed);
    });
  }

  async dataCheck(actor: Actor, caseId: string, input: DataCheckInput) {
    return this.db.transaction(async (tx) => {
      await this.caseForInvestigator(tx, actor, caseId);
      const finding = await recordDataCheck(tx, caseId, input.check, { actor, department: input.department });
      return { finding: finding ? presentFinding(finding) : null };
    });
  }

  /** A mismatch seen on a visit or interview, recorded by the investigator (only when it really differs). */
  async recordFinding(actor: Actor, caseId: string, input: FindingInput) {
    return this.db.transaction(async (tx) => {
      await this.caseForInvestigator(tx, actor, caseId);
      const finding = await recordDataCheck(tx, caseId, input.check, { actor, source: input.source });
      if (!finding) {
        throw invalidField('check', '核查结果与申报一致,无需记录差异', 'the found value equals the declared one');
      }
      return presentFinding(finding);
    });
  }

  async resolve(actor: Actor, findingId: string, input: ResolveFindingInput) {
    return this.db.transaction(async (tx) => {
      const finding = await findFindingForUpdate(tx, findingId);
      if (!finding) throw notFound('finding', '核查差异');
      const app = await this.caseForInvestigator(tx, actor, finding.case_id).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') throw notFound('finding', '核查差异');
        throw e;
      });
      if (finding.status !== 'open') {
        throw new AppError('assistance.finding_resolved', '该核查差异已处理', 'this finding has already been resolved');
      }
      const resolved = await resolveFinding(tx, findingId, { outcome: input.outcome, note: input.note, by: actor.id });
      await recordAudit(tx, actor, {
        action: 'assistance.finding.resolve',
        entityType: 'case',
        entityId: finding.case_id,
        regionCode: app.region_code,
        reason: input.note,
        detail: { findingId, outcome: input.outcome },
      });
      return presentFinding(resolved);
    });
  }

  /** The case for an investigator's write: in scope (else 404), township level, an investigator role, verifying. */
  private async caseForInvestigator(tx: Queryable, actor: Actor, caseId: string): Promise<ApplicationRow> {
    const app = await findApplicationInScope(tx, actor, caseId);
    if (!app) throw notFound('application', '救助申请');
    if (
      !hasPermission(actor, 'case:act') ||
      actor.regionScope.length < 9 ||
      !INVESTIGATOR_ROLES.some((r) => actor.roles.includes(r))
    ) {
      throw new AppError(
        'auth.forbidden',
        '只有本乡镇(街道)的调查人员可以记录核查',
        'only investigators of the case’s township may record verification',
      );
    }
    if (app.state !== VERIFYING) {
      throw new AppError(
        'workflow.transition_invalid',
        '只有在「调查核实」步骤才能记录核查',
        'verification can be recorded only while the case is in the verification step',
      );
    }
    return app;
  }
}

/** What the verification step still lacks, from the rows as stored. */
export function verificationStatus(
  authorised: boolean,
  visits: readonly Pick<VisitRow, 'kind' | 'investigator_ids'>[],
  findings: readonly Pick<FindingRow, 'status'>[],
): { authorised: boolean; visitComplete: boolean; openFindings: number; missing: Missing[] } {
  const snapshots = visits.map((v) => ({ kind: v.kind, investigatorIds: v.investigator_ids }));
  const openFindings = findings.filter((f) => f.status === 'open').length;
  return {
    authorised,
    visitComplete: snapshots.some((v) => v.kind === 'home_visit' && isVisitComplete(v)),
    openFindings,
    missing: missingForVerification({ authorised, visits: snapshots, openFindings }),
  };
}

/** Verification end (in the workflow's transaction): the missing items, or the verified facts. */
export async function verifiedFactsOf(
  tx: Queryable,
  app: ApplicationRow,
): Promise<{ missing: Missing[]; facts: ApplicationFacts }> {
  // one after another: a transaction's client runs one query at a time
  const visits = await listVisits(tx, app.case_id);
  const findings = await listFindings(tx, app.case_id);
  const authorised = await hasAuthorisation(tx, app.case_id);
  const { missing } = verificationStatus(authorised, visits, findings);
  const resolved = findings
    .filter((f) => f.status === 'resolved' && f.outcome !== null)
    .map((f) => ({ check: f.found.check, outcome: f.outcome as 'accept_found' | 'keep_declared' }));
  return { missing, facts: verifiedFacts(app.declared, resolved) };
}

function presentVisit(v: VisitRow) {
  return {
    id: v.id,
    caseId: v.case_id,
    kind: v.kind,
    visitedOn: v.visited_on,
    notes: v.notes,
    investigatorIds: v.investigator_ids,
    complete: isVisitComplete({ kind: v.kind, investigatorIds: v.investigator_ids }),
  };
}

function presentFinding(f: FindingRow) {
  return {
    id: f.id,
    caseId: f.case_id,
    source: f.source,
    category: f.category,
    memberPersonId: f.member_person_id,
    department: f.found.department ?? null,
    declared: f.declared,
    found: f.found.value,
    check: f.found.check,
    status: f.status,
    outcome: f.outcome,
    resolution: f.resolution,
    resolvedBy: f.resolved_by,
    resolvedAt: f.resolved_at ? new Date(f.resolved_at).toISOString() : null,
  };
}
