/**
 * 低保 minimum living allowance (DOMAIN §1.1): eligible when per-capita monthly income is strictly below the standard
 * and the assets pass; benefit (补差) = (standard − per-capita income) × members per month, plus optional 分类施保
 * top-ups per member as a share of the standard (the highest single category applies to each member).
 */

import type { AssetTest } from './assets.ts';
import { firstDayOf } from './dates.ts';
import { applyBasisPoints, type Decision, type Reason, reason, type TraceEntry, traceEntry, yuan } from './decision.ts';
import type { PersonFacts } from './facts.ts';
import { ageOn } from './household-composition.ts';
import { type IncomeAssessment, incomeBelow } from './income.ts';
import { type Area, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export interface DibaoInput {
  members: readonly PersonFacts[];
  income: IncomeAssessment;
  assets: AssetTest;
  area: Area;
  /** YYYY-MM whose standard applies. */
  benefitMonth: string;
  /** Parameters in force for the benefit month. */
  parameters: ResolvedParameters;
}

export interface TopUp {
  memberId: string;
  category: 'elderly' | 'disabled' | 'seriouslyIll' | 'child';
  rateBp: number;
  amountFen: number;
}

/** 补差 = standard × members − household monthly income, i.e. (standard − per-capita income) × members, never < 0. */
export function gapBenefitFen(standardFen: number, income: IncomeAssessment): number {
  return Math.max(0, standardFen * income.members - income.monthlyHouseholdFen);
}

/** The gap formula in words, as the notice prints it. */
export function gapFormulaText(standardFen: number, income: IncomeAssessment): string {
  const amount = gapBenefitFen(standardFen, income);
  if (income.monthlyHouseholdFen % income.members === 0) {
    return `(${yuan(standardFen)} − ${yuan(income.perCapitaFen)}) × ${income.members} = ${yuan(amount)}`;
  }
  return `${yuan(standardFen)} × ${income.members} − ${yuan(income.monthlyHouseholdFen)} = ${yuan(amount)}`;
}

/** The 分类施保 top-up a member qualifies for (highest single category), if any. */
export function topUpFor(
  person: PersonFacts,
  parameters: ResolvedParameters,
  area: Area,
  onDate: string,
): TopUp | null {
  const values = parameters.values;
  const age = ageOn(person, onDate);
  const candidates: TopUp['category'][] = [];
  if (age >= values.topUpElderlyAge) candidates.push('elderly');
  if (person.disability && person.disability.level <= values.topUpDisabilityMaxLevel) candidates.push('disabled');
  if (person.majorDisease) candidates.push('seriouslyIll');
  if (age < values.adultAge) candidates.push('child');
  let best: TopUp | null = null;
  for (const category of candidates) {
    const rateBp = values.topUpBp[category];
    if (rateBp > 0 && (!best || rateBp > best.rateBp)) {
      best = {
        memberId: person.id,
        category,
        rateBp,
        amountFen: applyBasisPoints(standardFor(parameters, area), rateBp),
      };
    }
  }
  return best;
}

/** Decides 低保 for a household whose income and assets have been assessed. */
export function decideDibao(input: DibaoInput): Decision {
  const { income, assets, parameters, area } = input;
  const version = parameters.versionId;
  const standard = standardFor(parameters, area);
  const trace: TraceEntry[] = [...income.trace, ...assets.trace];
  const reasons: Reason[] = [];
  const memberIds = input.members.map((member) => member.id);

  const below = incomeBelow(income, standard, 10_000);
  trace.push(
    traceEntry(
      'dibao.income-below-standard',
      { perCapitaFen: income.perCapitaFen, monthlyHouseholdFen: income.monthlyHouseholdFen, standardFen: standard },
      below,
      version,
    ),
  );
  if (!below) {
    reasons.push(
      reason(
        'dibao.income-not-below-standard',
        `家庭人均月收入${yuan(income.perCapitaFen)}元，不低于低保标准${yuan(standard)}元`,
        `per-capita monthly income of ${yuan(income.perCapitaFen)} yuan ` +
          `is not below the standard of ${yuan(standard)} yuan`,
      ),
    );
  }
  reasons.push(...assets.reasons);
  if (!below || !assets.passes) {
    return { programme: 'minimumLivingAllowance', outcome: 'ineligible', memberIds, reasons, trace };
  }

  const gap = gapBenefitFen(standard, income);
  const formula = gapFormulaText(standard, income);
  trace.push(
    traceEntry(
      'dibao.gap-benefit',
      { standardFen: standard, perCapitaFen: income.perCapitaFen, members: income.members },
      { amountFen: gap, text: formula },
      version,
    ),
  );
  const onDate = firstDayOf(input.benefitMonth);
  const topUps = input.members.map((m) => topUpFor(m, parameters, area, onDate)).filter((t) => t !== null);
  for (const topUp of topUps) {
    trace.push(
      traceEntry(
        'dibao.top-up',
        { memberId: topUp.memberId, category: topUp.category, rateBp: topUp.rateBp, standardFen: standard },
        topUp.amountFen,
        version,
      ),
    );
  }
  const topUpTotal = topUps.reduce((sum, t) => sum + t.amountFen, 0);
  reasons.push(
    reason(
      'dibao.eligible',
      `家庭人均月收入${yuan(income.perCapitaFen)}元低于低保标准${yuan(standard)}元，财产符合规定；` +
        `月补差${formula}元${topUpTotal > 0 ? `，分类施保${yuan(topUpTotal)}元` : ''}`,
      `per-capita monthly income of ${yuan(income.perCapitaFen)} yuan ` +
        `is below the standard of ${yuan(standard)} yuan ` +
        `and the assets pass; monthly gap benefit ${formula} yuan` +
        (topUpTotal > 0 ? `, top-ups ${yuan(topUpTotal)} yuan` : ''),
    ),
  );
  return {
    programme: 'minimumLivingAllowance',
    outcome: 'eligible',
    amountFen: gap + topUpTotal,
    memberIds,
    reasons,
    trace,
  };
}
