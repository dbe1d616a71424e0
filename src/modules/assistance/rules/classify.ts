/**
 * One application, sorted into the right programmes (一次申请、分类审核认定, DOMAIN §1): 特困 → 低保 → 低保边缘
 * (with 单人保 for qualifying members) → 刚性支出困难, plus 临时救助 when an emergency or an uncovered expenditure
 * is reported. Pure: the caller passes the verified facts and the parameter versions; nothing is read or written.
 *
 * Two parameter versions may apply, and each trace entry cites the one it read:
 * - the version in force on the decision date decides who counts and how income is assessed (including the
 *   employment-cost deduction, a share of the standard in force on that date);
 * - the version in force on the first day of the benefit month gives the thresholds and amounts (standard, asset
 *   cap, 1.5× line, 特困 amounts, 刚性支出 thresholds).
 */

import { testAssets } from './assets.ts';
import { assertIsoDate, assertIsoMonth, firstDayOf, monthOf } from './dates.ts';
import { type Decision, type TraceEntry, traceEntry } from './decision.ts';
import { decideDibao } from './dibao.ts';
import type { ApplicationFacts, PersonFacts } from './facts.ts';
import { composeHousehold } from './household-composition.ts';
import { assessIncome } from './income.ts';
import { decideMarginal } from './marginal.ts';
import { type PolicyParameterVersion, resolveParameters } from './policy-parameters.ts';
import { decideRigidHardship } from './rigid-expenditure.ts';
import { decideSinglePerson, qualifiesForSinglePerson } from './single-person.ts';
import { decideTekun, workCapacityGrounds } from './tekun.ts';
import { decideEmergency, decideExpenditure } from './temporary.ts';

export interface ClassifyOptions {
  versions: readonly PolicyParameterVersion[];
  decisionDate: string;
  /** YYYY-MM whose standard applies; defaults to the decision month. */
  benefitMonth?: string;
  /** 特困 support mode asked for; home support with loss of self-care needs a care agreement. */
  supportMode?: 'institutional' | 'home';
  emergency?: { placeRegionCode: string; occurredOn: string; needFen: number };
  expenditure?: {
    uncoveredNeedFen: number;
    stagedMonths?: number;
    startMonth?: string;
    /** Emergency advances already granted apart for the same hardship (急难型 cases); deducted like `emergency`. */
    advancesPaidFen?: number;
  };
}

export interface Classification {
  decisionDate: string;
  benefitMonth: string;
  assessmentVersionId: string;
  benefitVersionId: string;
  memberIds: string[];
  excluded: { personId: string; code: string; zh: string; en: string }[];
  /** Every decision taken, in the order evaluated (refusals included, so the notice can give reasons). */
  decisions: Decision[];
  /** The eligible decisions only. */
  granted: Decision[];
  /** Standing monthly amount: 特困 + 低保 + 单人保. */
  monthlyTotalFen: number;
  trace: TraceEntry[];
}

/** Sorts one application into programmes, returning every decision and the full trace. */
export function classifyApplication(facts: ApplicationFacts, options: ClassifyOptions): Classification {
  const decisionDate = assertIsoDate(options.decisionDate, 'decisionDate');
  const benefitMonth = assertIsoMonth(options.benefitMonth ?? monthOf(decisionDate), 'benefitMonth');
  const assessment = resolveParameters(options.versions, facts.regionCode, decisionDate);
  const benefit = resolveParameters(options.versions, facts.regionCode, firstDayOf(benefitMonth));
  const area = facts.area;
  const composition = composeHousehold(facts.persons, assessment, decisionDate);
  if (composition.members.length === 0) throw new RangeError('the application has no counted household member');
  const decisions: Decision[] = [];
  const steps: TraceEntry[] = [
    traceEntry(
      'classify.parameters',
      { regionCode: facts.regionCode, decisionDate, benefitMonth },
      { assessmentVersionId: assessment.versionId, benefitVersionId: benefit.versionId },
      null,
    ),
  ];
  const single = composition.members.length === 1;
  const ownIncome = (person: PersonFacts) =>
    assessIncome([person.id], facts.incomes, facts.spending, assessment, area, { includeHouseholdSpending: single });

  // 特困 is for people without work capacity who claim no supporter able to support them.
  const householdAssets = testAssets(facts.assets, composition.members, benefit, area);
  const tekunIds = new Set<string>();
  for (const person of composition.members) {
    const candidate =
      workCapacityGrounds(person, benefit, decisionDate).length > 0 && person.supporterAbleToSupport === false;
    steps.push(traceEntry('classify.tekun-candidate', { personId: person.id }, candidate, benefit.versionId));
    if (!candidate) continue;
    const decision = decideTekun({
      person,
      ownIncome: ownIncome(person),
      assets: householdAssets,
      area,
      decisionDate,
      supportMode: options.supportMode ?? 'home',
      parameters: benefit,
    });
    decisions.push(decision);
    if (decision.outcome === 'eligible') tekunIds.add(person.id);
  }

  // The rest of the household (everyone, when nobody is 特困) goes on to 低保 as one household.
  const remaining = composition.members.filter((member) => !tekunIds.has(member.id));
  if (remaining.length > 0) {
    const ids = remaining.map((member) => member.id);
    steps.push(traceEntry('classify.household-for-dibao', { tekunIds: [...tekunIds] }, ids, null));
    const income = assessIncome(ids, facts.incomes, facts.spending, assessment, area, {
      includeHouseholdSpending: true,
    });
    const assets = testAssets(facts.assets, remaining, benefit, area);
    const dibao = decideDibao({ members: remaining, income, assets, area, benefitMonth, parameters: benefit });
    decisions.push(dibao);
    if (dibao.outcome !== 'eligible') {
      const marginal = decideMarginal({ memberIds: ids, income, assets, area, parameters: benefit });
      decisions.push(marginal);
      if (marginal.outcome === 'eligible') {
        for (const person of remaining.filter((member) => qualifiesForSinglePerson(member, benefit))) {
          decisions.push(
            decideSinglePerson({
              person,
              household: marginal,
              ownIncome: assessIncome([person.id], facts.incomes, facts.spending, assessment, area, {
                includeHouseholdSpending: false,
              }),
              area,
              benefitMonth,
              parameters: benefit,
            }),
          );
        }
      } else {
        decisions.push(
          decideRigidHardship({
            memberIds: ids,
            income,
            spending: facts.spending,
            assets,
            earlierDecisions: [...decisions],
            decisionDate,
            parameters: benefit,
          }),
        );
      }
    }
  }

  const memberIds = composition.members.map((member) => member.id);
  let emergencyPaid = 0;
  if (options.emergency) {
    const place = resolveParameters(options.versions, options.emergency.placeRegionCode, options.emergency.occurredOn);
    const emergency = decideEmergency({ memberIds, ...options.emergency, parameters: place });
    decisions.push(emergency);
    emergencyPaid = emergency.amountFen ?? 0;
  }
  if (options.expenditure) {
    decisions.push(
      decideExpenditure({
        memberIds,
        area,
        uncoveredNeedFen: options.expenditure.uncoveredNeedFen,
        emergencyPaidFen: emergencyPaid + (options.expenditure.advancesPaidFen ?? 0),
        stagedMonths: options.expenditure.stagedMonths,
        startMonth: options.expenditure.startMonth ?? benefitMonth,
        parameters: benefit,
      }),
    );
  }

  const granted = decisions.filter((decision) => decision.outcome === 'eligible');
  const standing = new Set(['extremePovertySupport', 'minimumLivingAllowance', 'singlePersonAllowance']);
  return {
    decisionDate,
    benefitMonth,
    assessmentVersionId: assessment.versionId,
    benefitVersionId: benefit.versionId,
    memberIds,
    excluded: composition.excluded.map(({ person, reason }) => ({ personId: person.id, ...reason })),
    decisions,
    granted,
    monthlyTotalFen: granted
      .filter((decision) => standing.has(decision.programme))
      .reduce((sum, decision) => sum + (decision.amountFen ?? 0), 0),
    trace: [...composition.trace, ...steps, ...decisions.flatMap((decision) => decision.trace)],
  };
}
