/**
 * 单人保 (DOMAIN §1.1 [N]): in a 低保边缘 household, a member with a level 1-2 disability (level 3 for intellectual or
 * psychiatric), or a recognised major disease, may be enrolled in 低保 alone, as a one-person household:
 * benefit = standard − that person's own monthly income (assessed as a one-person household), plus any top-up.
 */

import { firstDayOf } from './dates.ts';
import { type Decision, type Reason, reason, type TraceEntry, traceEntry, yuan } from './decision.ts';
import { topUpFor } from './dibao.ts';
import type { PersonFacts } from './facts.ts';
import { type IncomeAssessment, incomeBelow } from './income.ts';
import { type Area, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export interface SinglePersonInput {
  person: PersonFacts;
  /** The household's 低保边缘 decision; 单人保 is only open to members of a recognised marginal household. */
  household: Decision;
  /** The person's own income assessed as a one-person household. */
  ownIncome: IncomeAssessment;
  area: Area;
  benefitMonth: string;
  parameters: ResolvedParameters;
}

/** Whether a person's condition qualifies for 单人保. */
export function qualifiesForSinglePerson(person: PersonFacts, parameters: ResolvedParameters): boolean {
  const values = parameters.values;
  const d = person.disability;
  const mental = d !== undefined && (d.category === 'intellectual' || d.category === 'psychiatric');
  const disabilityQualifies =
    d !== undefined &&
    (d.level <= values.singlePersonDisabilityMaxLevel ||
      (mental && d.level <= values.singlePersonMentalDisabilityMaxLevel));
  return disabilityQualifies || person.majorDisease === true;
}

/** Decides 单人保 for one member of a 低保边缘 household. */
export function decideSinglePerson(input: SinglePersonInput): Decision {
  const { person, ownIncome, parameters, area } = input;
  const version = parameters.versionId;
  const standard = standardFor(parameters, area);
  const inMarginal = input.household.programme === 'lowIncomeMarginal' && input.household.outcome === 'eligible';
  const condition = qualifiesForSinglePerson(person, parameters);
  const below = incomeBelow(ownIncome, standard, 10_000);
  const trace: TraceEntry[] = [
    ...ownIncome.trace,
    traceEntry(
      'single-person.conditions',
      {
        personId: person.id,
        householdMarginal: inMarginal,
        disabilityCategory: person.disability?.category ?? null,
        disabilityLevel: person.disability?.level ?? null,
        majorDisease: person.majorDisease === true,
        singlePersonDisabilityMaxLevel: parameters.values.singlePersonDisabilityMaxLevel,
        singlePersonMentalDisabilityMaxLevel: parameters.values.singlePersonMentalDisabilityMaxLevel,
        ownMonthlyIncomeFen: ownIncome.monthlyHouseholdFen,
        standardFen: standard,
      },
      { condition, incomeBelowStandard: below },
      version,
    ),
  ];
  const reasons: Reason[] = [];
  if (!inMarginal) {
    reasons.push(
      reason('single-person.not-marginal', '家庭未被认定为低保边缘家庭', 'the household is not low-income marginal'),
    );
  }
  if (!condition) {
    reasons.push(
      reason(
        'single-person.condition',
        '不属于重度残疾人或重病患者',
        'neither a qualifying severe disability nor a recognised major disease',
      ),
    );
  }
  if (!below) {
    reasons.push(
      reason(
        'single-person.income-not-below-standard',
        `本人月收入${yuan(ownIncome.monthlyHouseholdFen)}元，不低于低保标准${yuan(standard)}元`,
        `own monthly income of ${yuan(ownIncome.monthlyHouseholdFen)} yuan ` +
          `is not below the standard of ${yuan(standard)} yuan`,
      ),
    );
  }
  if (reasons.length > 0) {
    return { programme: 'singlePersonAllowance', outcome: 'ineligible', memberIds: [person.id], reasons, trace };
  }
  const gap = standard - ownIncome.monthlyHouseholdFen;
  const topUp = topUpFor(person, parameters, area, firstDayOf(input.benefitMonth));
  const amount = gap + (topUp?.amountFen ?? 0);
  trace.push(
    traceEntry(
      'single-person.benefit',
      { standardFen: standard, ownMonthlyIncomeFen: ownIncome.monthlyHouseholdFen, topUpFen: topUp?.amountFen ?? 0 },
      amount,
      version,
    ),
  );
  reasons.push(
    reason(
      'single-person.eligible',
      `低保边缘家庭中的重残重病人员单独纳入低保：${yuan(standard)} − ${yuan(ownIncome.monthlyHouseholdFen)} = ${yuan(gap)}元/月`,
      `member of a marginal household enrolled alone: ${yuan(standard)} − ${yuan(ownIncome.monthlyHouseholdFen)} = ` +
        `${yuan(gap)} yuan/month`,
    ),
  );
  return {
    programme: 'singlePersonAllowance',
    outcome: 'eligible',
    amountFen: amount,
    memberIds: [person.id],
    reasons,
    trace,
  };
}
