/**
 * Household income for social assistance (DOMAIN §1.1): monthly average over the window by type — wages minus the
 * employment-cost deduction per working member, net business, net property, net transfers — without the excluded
 * kinds, less rigid expenditure (medical, schooling) at actual cost.
 *
 * Arithmetic stays in whole-window fen until one final division: monthly household income = round half up
 * (net window income / window months). Per-capita income is shown rounded half up to the fen, but eligibility
 * compares the household total with standard × members, so no rounding ever decides a case.
 */

import { applyBasisPoints, assertFen, divideRoundHalfUp, type TraceEntry, traceEntry, yuan } from './decision.ts';
import type { IncomeCategory, IncomeRecord, SpendingRecord } from './facts.ts';
import { type Area, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export interface IncomeAssessment {
  memberIds: readonly string[];
  members: number;
  /** Counted income over the window by category, after exclusions; business/property losses floored per member. */
  byCategoryWindowFen: Record<IncomeCategory, number>;
  excludedWindowFen: number;
  employmentDeductionWindowFen: number;
  rigidDeductionWindowFen: number;
  /** Net household income per month (≥ 0), rounded half up to the fen. */
  monthlyHouseholdFen: number;
  /** Per-capita monthly income for display, rounded half up to the fen. */
  perCapitaFen: number;
  parameterVersionId: string;
  trace: TraceEntry[];
}

export interface IncomeScope {
  /** Household-level spending records (no memberId) count only when assessing the whole household. */
  includeHouseholdSpending: boolean;
}

const CATEGORIES: readonly IncomeCategory[] = ['wage', 'business', 'property', 'transfer'];

function emptyByCategory(): Record<IncomeCategory, number> {
  return { wage: 0, business: 0, property: 0, transfer: 0 };
}

/** Assesses the monthly income of the given members, reading the parameters in force at the decision date. */
export function assessIncome(
  memberIds: readonly string[],
  incomes: readonly IncomeRecord[],
  spending: readonly SpendingRecord[],
  parameters: ResolvedParameters,
  area: Area,
  scope: IncomeScope,
): IncomeAssessment {
  if (memberIds.length === 0) throw new RangeError('an income assessment needs at least one member');
  const values = parameters.values;
  const months = values.incomeAveragingMonths;
  const version = parameters.versionId;
  const trace: TraceEntry[] = [];
  const members = new Set(memberIds);
  const perMember = new Map<string, Record<IncomeCategory, number>>();
  let excludedWindowFen = 0;

  for (const record of incomes) {
    if (!members.has(record.memberId)) continue;
    const net = assertFen(record.amountFen, 'income amount') - assertFen(record.costFen ?? 0, 'income cost');
    if (values.excludedIncomeKinds.includes(record.kind)) {
      excludedWindowFen += net;
      trace.push(
        traceEntry(
          'income.excluded-kind',
          { memberId: record.memberId, kind: record.kind, amountFen: net, excludedKinds: values.excludedIncomeKinds },
          'not counted',
          version,
        ),
      );
      continue;
    }
    const sums = perMember.get(record.memberId) ?? emptyByCategory();
    sums[record.category] += net;
    perMember.set(record.memberId, sums);
  }

  const byCategoryWindowFen = emptyByCategory();
  const standard = standardFor(parameters, area);
  const deductionMonthly = applyBasisPoints(standard, values.employmentCostDeductionBp);
  let employmentDeductionWindowFen = 0;
  for (const [memberId, sums] of perMember) {
    // A loss in a business or on property does not offset other income.
    sums.business = Math.max(0, sums.business);
    sums.property = Math.max(0, sums.property);
    for (const category of CATEGORIES) byCategoryWindowFen[category] += sums[category];
    if (sums.wage > 0) {
      // The deduction cannot exceed the member's own wages, so it never creates negative income.
      const deduction = Math.min(deductionMonthly * months, sums.wage);
      employmentDeductionWindowFen += deduction;
      trace.push(
        traceEntry(
          'income.employment-cost-deduction',
          {
            memberId,
            standardFen: standard,
            deductionBp: values.employmentCostDeductionBp,
            perMonthFen: deductionMonthly,
            months,
            wageWindowFen: sums.wage,
          },
          deduction,
          version,
        ),
      );
    }
  }

  let rigidDeductionWindowFen = 0;
  for (const record of spending) {
    const mine = record.memberId === undefined ? scope.includeHouseholdSpending : members.has(record.memberId);
    if (!mine || !values.rigidDeductibleKinds.includes(record.kind)) continue;
    rigidDeductionWindowFen += assertFen(record.amountFen, 'spending amount');
  }
  if (rigidDeductionWindowFen > 0) {
    trace.push(
      traceEntry(
        'income.rigid-expenditure-deduction',
        { deductibleKinds: values.rigidDeductibleKinds },
        rigidDeductionWindowFen,
        version,
      ),
    );
  }

  const countedWindowFen = CATEGORIES.reduce((sum, category) => sum + byCategoryWindowFen[category], 0);
  const netWindowFen = Math.max(0, countedWindowFen - employmentDeductionWindowFen - rigidDeductionWindowFen);
  const monthlyHouseholdFen = divideRoundHalfUp(netWindowFen, months);
  const perCapitaFen = divideRoundHalfUp(monthlyHouseholdFen, memberIds.length);
  trace.push(
    traceEntry(
      'income.monthly-per-capita',
      {
        members: memberIds.length,
        months,
        wageWindowFen: byCategoryWindowFen.wage,
        businessWindowFen: byCategoryWindowFen.business,
        propertyWindowFen: byCategoryWindowFen.property,
        transferWindowFen: byCategoryWindowFen.transfer,
        employmentDeductionWindowFen,
        rigidDeductionWindowFen,
      },
      {
        monthlyHouseholdFen,
        perCapitaFen,
        text:
          `(${yuan(countedWindowFen)} − ${yuan(employmentDeductionWindowFen)} − ${yuan(rigidDeductionWindowFen)})` +
          ` ÷ ${months} ÷ ${memberIds.length} = ${yuan(perCapitaFen)}`,
      },
      version,
    ),
  );

  return {
    memberIds: [...memberIds],
    members: memberIds.length,
    byCategoryWindowFen,
    excludedWindowFen,
    employmentDeductionWindowFen,
    rigidDeductionWindowFen,
    monthlyHouseholdFen,
    perCapitaFen,
    parameterVersionId: version,
    trace,
  };
}

/** Counted income over the window before the employment-cost and rigid-expenditure deductions. */
export function countedWindowIncome(assessment: IncomeAssessment): number {
  return CATEGORIES.reduce((sum, category) => sum + assessment.byCategoryWindowFen[category], 0);
}

/** Whether per-capita income is strictly below ratio × standard, compared exactly on the household total. */
export function incomeBelow(assessment: IncomeAssessment, standardFen: number, ratioBp: number): boolean {
  return assessment.monthlyHouseholdFen * 10_000 < standardFen * ratioBp * assessment.members;
}
