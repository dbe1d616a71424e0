/**
 * Enrollment of an approved application (issue 3 capability 5): one assistance_enrollment per granted standing
 * programme, in the approval's transaction. Called by the application workflow's approval effect (helper H2).
 */

import { recordAudit } from '../../../core/audit/audit.repository.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { emitEvent } from '../../../core/events/event-bus.ts';
import type { Queryable } from '../../../db/database.ts';
import type { Classification } from '../rules/classify.ts';
import { addMonths, monthOf } from '../rules/dates.ts';
import {
  findEnrollmentForCase,
  insertEnrollment,
  insertEnrollmentEvent,
  lockCaseEnrollment,
} from './enrollment.repository.ts';
import {
  addMonthsToDate,
  basisFromDecision,
  ENROLLED_PROGRAMMES,
  PAID_PROGRAMMES,
  reviewIntervalMonths,
  startMonthAfter,
} from './enrollment-basis.ts';

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

/**
 * Creates one assistance_enrollment per granted standing programme of the classification (特困 per person, 低保
 * for the household, 单人保 for the person, 低保边缘 and 刚性支出困难 as records without money), status active,
 * start month = the month after approval, re-check schedule by category; appends an 'enrolled' event; audits;
 * emits 'assistance.enrolled'. Idempotent per case + programme (+ person): a repeated call returns the same ids.
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
    const paid = PAID_PROGRAMMES.includes(decision.programme);
    const amountFen = paid ? (decision.amountFen ?? 0) : 0;
    // A time-limited recognition (刚性支出困难 12 months, a minor's 特困 to 18) ends with the month of validUntil.
    const endMonth = decision.validUntil ? monthOf(decision.validUntil) : null;
    const id = await insertEnrollment(tx, {
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
      },
      startMonth,
      endMonth: endMonth !== null && endMonth < startMonth ? startMonth : endMonth,
      reviewIntervalMonths: interval,
      nextReviewOn: addMonthsToDate(app.approvedOn, interval),
      policySnapshotId: app.policySnapshotId,
    });
    await insertEnrollmentEvent(tx, actor, {
      enrollmentId: id,
      kind: 'enrolled',
      fromStatus: null,
      toStatus: 'active',
      effectiveMonth: startMonth,
      amountFen,
      reason: decision.reasons.map((r) => r.zh).join('；') || '审批通过',
      details: { caseId: app.caseId, approvedOn: app.approvedOn, reviewIntervalMonths: interval },
    });
    await recordAudit(tx, actor, {
      action: 'assistance.enrollment.create',
      entityType: 'assistance_enrollment',
      entityId: id,
      regionCode: app.regionCode,
      detail: { caseId: app.caseId, programme: decision.programme, amountFen, startMonth },
    });
    await emitEvent(
      tx,
      ENROLLED_EVENT,
      {
        enrollmentId: id,
        caseId: app.caseId,
        householdId: app.householdId,
        personId,
        programme: decision.programme,
        amountFen,
        startMonth,
        firstReviewMonth: addMonths(monthOf(app.approvedOn), interval),
      },
      app.regionCode,
    );
    ids.push(id);
  }
  return ids;
}
