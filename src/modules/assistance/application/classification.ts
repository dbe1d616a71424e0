import { AppError } from '../../../core/shared/errors.ts';
import type { Queryable } from '../../../db/database.ts';
import { emergencyAdvancesToDeduct } from '../enrollment/temporary-grant.repository.ts';
import { type Classification, classifyApplication } from '../rules/classify.ts';
import { addMonths, monthOf } from '../rules/dates.ts';
import type { Decision, Programme } from '../rules/decision.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import type { PolicyParameterVersion } from '../rules/policy-parameters.ts';

/** Where the parameter versions come from (platform.policy: effective-dated rows per region, each a snapshot). */
export interface ClassifyDeps {
  policy: { assistanceVersions(q: Queryable, regionCode: string): Promise<PolicyParameterVersion[]> };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Classifies facts with the region's parameters: decision date = today, benefit month = the next month (payment
 * starts the month after the decision). The snapshot cited is the benefit month's version (a policy_snapshot id).
 * With the household, an expenditure-type request deducts its emergency advances not yet deducted by another grant.
 */
export async function classifyFacts(
  deps: ClassifyDeps,
  q: Queryable,
  facts: ApplicationFacts,
  today: string,
  requested: { programmes?: readonly string[]; stagedMonths?: number } = {},
  householdId?: string,
): Promise<{ classification: Classification; snapshotId: string | null }> {
  const versions = await deps.policy.assistanceVersions(q, facts.regionCode);
  if (versions.length === 0 || !versions.some((v) => v.effectiveFrom <= today)) {
    throw new AppError(
      'assistance.policy_missing',
      `区划 ${facts.regionCode} 在 ${today} 没有生效的社会救助政策参数`,
      `no assistance policy parameters in force for ${facts.regionCode} on ${today}`,
    );
  }
  let classification: Classification;
  try {
    const need = expenditureNeedFen(facts, requested.programmes ?? []);
    // 支出型 pays what the household's emergency advances (急难型, granted apart) have not already met
    const advancesPaidFen =
      need > 0 && householdId ? (await emergencyAdvancesToDeduct(q, householdId, today)).totalFen : 0;
    classification = classifyApplication(facts, {
      versions,
      decisionDate: today,
      benefitMonth: addMonths(monthOf(today), 1),
      ...(need > 0
        ? { expenditure: { uncoveredNeedFen: need, advancesPaidFen, stagedMonths: requested.stagedMonths } }
        : {}),
    });
  } catch (err) {
    // the rules refuse facts they cannot decide on (e.g. nobody counted as a member): the input's fault, not a 500
    if (!(err instanceof RangeError)) throw err;
    throw new AppError(
      'request.invalid',
      `申请信息无法认定:${err.message}`,
      `the facts cannot be decided: ${err.message}`,
      [{ field: 'members', message_zh: err.message, message_en: err.message }],
    );
  }
  const id = classification.benefitVersionId;
  return { classification, snapshotId: UUID.test(id) ? id : null };
}

/** Programmes in the order one application is sorted (DOMAIN §1): the first granted one is the headline. */
const ORDER: readonly Programme[] = [
  'extremePovertySupport',
  'minimumLivingAllowance',
  'singlePersonAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'temporaryAssistanceExpenditure',
  'temporaryAssistanceEmergency',
];

/** The headline grant: programme, members it covers and the standing monthly amount (特困 + 低保 + 单人保). */
export function primaryGrant(c: Classification): { programme: Programme; members: number; amountFen: number } | null {
  const granted = [...c.granted].sort((a, b) => ORDER.indexOf(a.programme) - ORDER.indexOf(b.programme));
  const first: Decision | undefined = granted[0];
  if (!first) return null;
  const standing = c.monthlyTotalFen > 0;
  return {
    programme: first.programme,
    members: first.programme === 'singlePersonAllowance' ? first.memberIds.length : c.memberIds.length,
    amountFen: standing ? c.monthlyTotalFen : (first.amountFen ?? 0),
  };
}

/** Essential spending that counts as the uncovered need of 支出型临时救助 (DOMAIN §1.4), when it is asked for. */
const EXPENDITURE_KINDS = new Set(['medical', 'education', 'rehabilitation']);

/**
 * The uncovered need of an expenditure-type temporary assistance request: the declared (or verified) medical,
 * education and rehabilitation spending of the last 12 months, already net of insurance (facts.ts SpendingRecord).
 * 0 when the programme is not requested, so no expenditure decision is made.
 */
export function expenditureNeedFen(facts: ApplicationFacts, requested: readonly string[]): number {
  if (!requested.includes('temporaryAssistanceExpenditure')) return 0;
  return facts.spending.filter((s) => EXPENDITURE_KINDS.has(s.kind)).reduce((sum, s) => sum + s.amountFen, 0);
}
