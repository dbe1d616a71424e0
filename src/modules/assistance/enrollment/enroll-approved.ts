/**
 * Enrollment of an approved application (issue 3 capability 5): one assistance_enrollment per granted standing
 * programme, in the approval's transaction. Called by the application workflow's approval effect (helper H2).
 */

import { recordAudit } from '../../../core/audit/audit.repository.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { emitEvent } from '../../../core/events/event-bus.ts';
import type { Queryable } from '../../../db/database.ts';
import type { Classification } from '../rules/classify.ts';
import { monthOf } from '../rules/dates.ts';
import {
  findEnrollmentForCase,
  insertEnrollment,
  insertEnrollmentEvent,
  lockCaseEnrollment,
  type NewEnrollment,
} from './enrollment.repository.ts';
import {
  addMonthsToDate,
  basisFromDecision,
  ENROLLED_PROGRAMMES,
  instalmentMonths,
  PAID_PROGRAMMES,
  reviewIntervalMonths,
  startMonthAfter,
} from './enrollment-basis.ts';
import { emergencyAdvancesToDeduct } from './temporary-grant.repository.ts';

export const ENROLLED_EVENT = 'assistance.enrolled';

export interface ApprovedApplication {
  caseId: string;
  householdId: string;
  regionCode: string;
  area: 'urban' | 'rural';
  approvedOn: string;
  classification: Classification;
  policySnapshotId: string | null;
}

function perCapitaFromTrace(trace: readonly { rule: string; inputs: Record<string, unknown> }[]): number {
  const gap = trace.find((entry) => entry.rule === 'dibao.gap-benefit');
  const value = gap?.inputs.perCapitaFen;
  return typeof value === 'number' ? value : 0;
}

/** What an enrollment starts with: its row, and how its creation is recorded (event reason and details). */
export interface EnrollmentStart {
  enrollment: NewEnrollment;
  reason: string;
  details: Record<string, unknown>;
}

/**
 * Inserts an enrollment (status active) with its 'enrolled' event and audit row, and emits 'assistance.enrolled'.
 * Shared by the approval of an application and the grant of an emergency advance.
 */
export async function createEnrollment(tx: Queryable, actor: Actor, start: EnrollmentStart): Promise<string> {
  const e = start.enrollment;
  const id = await insertEnrollment(tx, e);
  await insertEnrollmentEvent(tx, actor, {
    enrollmentId: id,
    kind: 'enrolled',
    fromStatus: null,
    toStatus: 'active',
    effectiveMonth: e.startMonth,
    amountFen: e.amountFen,
    reason: start.reason,
    details: start.details,
  });
  await recordAudit(tx, actor, {
    action: 'assistance.enrollment.create',
    entityType: 'assistance_enrollment',
    entityId: id,
    regionCode: e.regionCode,
    detail: { caseId: e.caseId, programme: e.programme, amountFen: e.amountFen, startMonth: e.startMonth },
  });
  await emitEvent(
    tx,
    ENROLLED_EVENT,
    {
      enrollmentId: id,
      caseId: e.caseId,
      householdId: e.householdId,
      personId: e.personId,
      programme: e.programme,
      amountFen: e.amountFen,
      startMonth: e.startMonth,
      firstReviewMonth: e.nextReviewOn ? monthOf(e.nextReviewOn) : null,
    },
    e.regionCode,
  );
  return id;
}

/**
 * Creates one assistance_enrollment per granted programme of the classification (特困 per person, 低保 for the
 * household, 单人保 for the person, 低保边缘 and 刚性支出困难 as records without money, 支出型临时救助 as a grant
 * paid by its instalments), status active, start month = the month after approval (a grant: its first
 * instalment), re-check schedule by category; appends an 'enrolled' event; audits; emits 'assistance.enrolled'.
 * Idempotent per case + programme (+ person): a repeated call returns the same ids.
 */
export async function enrollApproved(tx: Queryable, actor: Actor, app: ApprovedApplication): Promise<string[]> {
  await lockCaseEnrollment(tx, app.caseId);
  const startMonth = startMonthAfter(app.approvedOn);
  const ids: string[] = [];
  for (const decision of app.classification.granted) {
    if (!ENROLLED_PROGRAMMES.includes(decision.programme)) continue;
    const perPerson = decision.programme === 'extremePovertySupport' || decision.programme === 'singlePersonAllowance';
    const personId = perPerson ? (decision.memberIds[0] ?? null) : null;
    const existing = await findEnrollmentForCase(tx, app.caseId, decision.programme, personId);
    if (existing) {
      ids.push(existing);
      continue;
    }
    const basis = basisFromDecision(decision);
    const interval = reviewIntervalMonths(decision.programme, basis);
    const paid = PAID_PROGRAMMES.includes(decision.programme) || basis.kind === 'instalments';
    // A grant's amount is its total; a monthly programme's the amount of its first month.
    const amountFen = paid ? (decision.amountFen ?? 0) : 0;
    // A time-limited recognition (刚性支出困难 12 months, a minor's 特困 to 18) ends with the month of validUntil.
    const endMonth = decision.validUntil ? monthOf(decision.validUntil) : null;
    const months =
      basis.kind === 'instalments'
        ? instalmentMonths(basis.payments)
        : { startMonth, endMonth: endMonth !== null && endMonth < startMonth ? startMonth : endMonth };
    // An expenditure grant names the emergency advances it deducted, so none is deducted twice.
    const deducted =
      decision.programme === 'temporaryAssistanceExpenditure'
        ? await emergencyAdvancesToDeduct(tx, app.householdId, app.approvedOn)
        : null;
    const id = await createEnrollment(tx, actor, {
      enrollment: {
        caseId: app.caseId,
        householdId: app.householdId,
        personId,
        regionCode: app.regionCode,
        area: app.area,
        programme: decision.programme,
        members: decision.memberIds.length,
        perCapitaIncomeFen: perCapitaFromTrace(decision.trace),
        amountFen,
        basis: {
          ...basis,
          decisionDate: app.classification.decisionDate,
          benefitMonth: app.classification.benefitMonth,
          benefitVersionId: app.classification.benefitVersionId,
          memberIds: [...decision.memberIds],
          ...(deducted ? { deductedAdvanceIds: deducted.ids } : {}),
        },
        ...months,
        reviewIntervalMonths: interval,
        nextReviewOn: interval > 0 ? addMonthsToDate(app.approvedOn, interval) : null,
        policySnapshotId: app.policySnapshotId,
      },
      reason: decision.reasons.map((r) => r.zh).join('；') || '审批通过',
      details: { caseId: app.caseId, approvedOn: app.approvedOn, reviewIntervalMonths: interval },
    });
    ids.push(id);
  }
  return ids;
}
