/**
 * 刚性支出困难 (DOMAIN §1.3 [N 2024]): a household not recognised as 特困, 低保 or 低保边缘 whose per-capita income is
 * below last year's local per-capita disposable income and whose essential spending (living, medical, education,
 * rehabilitation) in the last 12 months was over a share of its income (80% [Ex]). Recognition valid ≤ 12 months.
 *
 * Reading: the share compares spending with counted income before the employment-cost and rigid-expenditure
 * deductions (those deductions exist for the 低保 test; using them here would count the same spending twice).
 */

import type { AssetTest } from './assets.ts';
import { endOfMonthsFrom } from './dates.ts';
import { type Decision, type Reason, reason, type TraceEntry, traceEntry, yuan } from './decision.ts';
import type { SpendingRecord } from './facts.ts';
import { countedWindowIncome, type IncomeAssessment } from './income.ts';
import type { ResolvedParameters } from './policy-parameters.ts';

export interface RigidHardshipInput {
  memberIds: readonly string[];
  income: IncomeAssessment;
  spending: readonly SpendingRecord[];
  assets: AssetTest;
  /** Decisions already made on this application (特困, 低保, 低保边缘); any eligible one rules this out. */
  earlierDecisions: readonly Decision[];
  decisionDate: string;
  parameters: ResolvedParameters;
}

/** Decides 刚性支出困难 recognition for a household. */
export function decideRigidHardship(input: RigidHardshipInput): Decision {
  const { income, parameters } = input;
  const values = parameters.values;
  const version = parameters.versionId;
  const members = new Set(input.memberIds);
  const reasons: Reason[] = [];
  const trace: TraceEntry[] = [];

  const earlier = input.earlierDecisions.filter((d) => d.outcome === 'eligible').map((d) => d.programme);
  if (earlier.length > 0) {
    reasons.push(
      reason(
        'rigid-hardship.already-recognised',
        '已认定为特困、低保或低保边缘，不再认定为刚性支出困难',
        'already recognised under a higher programme',
      ),
    );
  }

  const annualDisposable = values.disposableIncomePerCapitaAnnualFen;
  const annualPerCapita = income.perCapitaFen * 12;
  const incomeOk = income.monthlyHouseholdFen * 12 < annualDisposable * income.members;
  trace.push(
    traceEntry(
      'rigid-hardship.income-below-disposable',
      { perCapitaMonthlyFen: income.perCapitaFen, disposableIncomePerCapitaAnnualFen: annualDisposable },
      incomeOk,
      version,
    ),
  );
  if (!incomeOk) {
    reasons.push(
      reason(
        'rigid-hardship.income-not-below-disposable',
        `家庭人均年收入约${yuan(annualPerCapita)}元，不低于上年度当地居民人均可支配收入${yuan(annualDisposable)}元`,
        `per-capita annual income of about ${yuan(annualPerCapita)} yuan is not below last year's local per-capita ` +
          `disposable income of ${yuan(annualDisposable)} yuan`,
      ),
    );
  }

  const spendingFen = input.spending
    .filter(
      (s) =>
        (s.memberId === undefined || members.has(s.memberId)) && values.rigidHardshipSpendingKinds.includes(s.kind),
    )
    .reduce((sum, s) => sum + s.amountFen, 0);
  const incomeWindow = countedWindowIncome(income);
  // Scale the income window to 12 months without dividing: spending/12 > share × income/window.
  const shareOk =
    spendingFen * 10_000 * values.incomeAveragingMonths > incomeWindow * 12 * values.rigidHardshipSpendingShareBp;
  trace.push(
    traceEntry(
      'rigid-hardship.spending-share',
      {
        essentialSpending12MonthsFen: spendingFen,
        countedIncomeWindowFen: incomeWindow,
        incomeWindowMonths: values.incomeAveragingMonths,
        spendingKinds: values.rigidHardshipSpendingKinds,
        rigidHardshipSpendingShareBp: values.rigidHardshipSpendingShareBp,
      },
      shareOk,
      version,
    ),
  );
  if (!shareOk) {
    reasons.push(
      reason(
        'rigid-hardship.spending-share',
        `近12个月刚性支出${yuan(spendingFen)}元，未超过家庭收入的${values.rigidHardshipSpendingShareBp / 100}%`,
        `essential spending of ${yuan(spendingFen)} yuan in 12 months is not over ` +
          `${values.rigidHardshipSpendingShareBp / 100}% of income`,
      ),
    );
  }

  if (values.rigidHardshipAssetTest) {
    trace.push(...input.assets.trace);
    reasons.push(...input.assets.reasons);
  }
  if (reasons.length > 0) {
    return {
      programme: 'rigidExpenditureHardship',
      outcome: 'ineligible',
      memberIds: [...input.memberIds],
      reasons,
      trace,
    };
  }
  const validUntil = endOfMonthsFrom(input.decisionDate, values.rigidHardshipValidityMonths);
  reasons.push(
    reason(
      'rigid-hardship.eligible',
      `家庭人均收入低于上年度当地居民人均可支配收入，近12个月刚性支出${yuan(spendingFen)}元超过家庭收入的` +
        `${values.rigidHardshipSpendingShareBp / 100}%，认定为刚性支出困难家庭，有效期至${validUntil}`,
      `income below local disposable income and essential spending of ${yuan(spendingFen)} yuan over ` +
        `${values.rigidHardshipSpendingShareBp / 100}% of income: rigid-expenditure hardship, ` +
        `valid until ${validUntil}`,
    ),
  );
  return {
    programme: 'rigidExpenditureHardship',
    outcome: 'eligible',
    memberIds: [...input.memberIds],
    reasons,
    trace,
    validFrom: input.decisionDate,
    validUntil,
  };
}
