/**
 * 急难型临时救助 (DOMAIN §1.4): the advance granted at the place of the emergency becomes payable — one enrollment
 * with one instalment in the month of the grant, paid by the place's district in its first payroll run after the
 * grant (payroll pays an unpaid instalment of an earlier month too). Written in the grant's transaction.
 */

import type { Actor } from '../../../core/auth/actor.ts';
import { areaOfRegion } from '../../../core/region/region-tree.ts';
import type { Queryable } from '../../../db/database.ts';
import { monthOf } from '../rules/dates.ts';
import type { Decision } from '../rules/decision.ts';
import { createEnrollment } from './enroll-approved.ts';
import { findEnrollmentForCase, lockCaseEnrollment, type NewEnrollment } from './enrollment.repository.ts';
import { currentHouseholdOf } from './temporary-grant.repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GrantedEmergency {
  caseId: string;
  /** The registered person the advance is paid to; an unregistered beneficiary is paid outside payroll. */
  personId: string | null;
  /** Village where the emergency happened: its district pays. */
  placeRegionCode: string;
  grantedOn: string;
  occurredOn: string;
  decision: Decision;
  /** The parameter version the advance was decided with. */
  versionId: string;
}

/** The enrollment of a granted advance: the whole amount as one instalment in the month of the grant. */
export function emergencyEnrollment(g: GrantedEmergency & { personId: string }, householdId: string): NewEnrollment {
  const amountFen = g.decision.amountFen ?? 0;
  if (g.decision.outcome !== 'eligible' || amountFen <= 0) throw new RangeError('only a granted advance is paid');
  const month = monthOf(g.grantedOn);
  return {
    caseId: g.caseId,
    householdId,
    personId: g.personId,
    regionCode: g.placeRegionCode,
    area: areaOfRegion(g.placeRegionCode),
    programme: 'temporaryAssistanceEmergency',
    members: 1,
    perCapitaIncomeFen: 0,
    amountFen,
    basis: {
      kind: 'instalments',
      payments: [{ month, amountFen }],
      decisionDate: g.grantedOn,
      occurredOn: g.occurredOn,
      benefitVersionId: g.versionId,
      memberIds: [g.personId],
    },
    startMonth: month,
    endMonth: month,
    reviewIntervalMonths: 0,
    nextReviewOn: null,
    policySnapshotId: UUID.test(g.versionId) ? g.versionId : null,
  };
}

/**
 * Enrolls a granted advance for payment; idempotent per case. Returns null when nothing is paid through payroll:
 * not granted, or the beneficiary is not a registered person with a household (paid on the spot instead).
 */
export async function enrollEmergencyAdvance(tx: Queryable, actor: Actor, g: GrantedEmergency): Promise<string | null> {
  if (g.decision.outcome !== 'eligible' || !g.personId) return null;
  const personId = g.personId;
  await lockCaseEnrollment(tx, g.caseId);
  const existing = await findEnrollmentForCase(tx, g.caseId, 'temporaryAssistanceEmergency', personId);
  if (existing) return existing;
  const householdId = await currentHouseholdOf(tx, personId);
  if (!householdId) return null;
  return createEnrollment(tx, actor, {
    enrollment: emergencyEnrollment({ ...g, personId }, householdId),
    reason: g.decision.reasons.map((r) => r.zh).join('；') || '急难型临时救助先行救助',
    details: { caseId: g.caseId, grantedOn: g.grantedOn, occurredOn: g.occurredOn },
  });
}
