/**
 * The amount an enrollment is paid for one month, recomputed with the parameters in force on that month's first day
 * (DOMAIN §1.1: a new standard applies from its effective date, without a new decision). Pure; the payroll SQL
 * applies the same arithmetic set-based from `monthRates` (payroll.repository.ts AMOUNT_SQL); the integration tests
 * check the SQL against the worked examples (981 → 1,041, 770, held, 渐退).
 */

import type { EnrollmentBasis, TopUpCategory } from '../enrollment/enrollment-basis.ts';
import { applyBasisPoints } from '../rules/decision.ts';
import { gapBenefitFen } from '../rules/dibao.ts';
import type { IncomeAssessment } from '../rules/income.ts';
import { type Area, type ResolvedParameters, standardFor } from '../rules/policy-parameters.ts';
import { careAllowanceFen, tekunBasicStandardFen } from '../rules/tekun.ts';

/** Per-month amounts for one parameter set and area: everything the payroll SQL needs, as integers. */
export interface MonthRates {
  versionId: string;
  area: Area;
  standardFen: number;
  topUpFen: Record<TopUpCategory, number>;
  tekunBasicFen: number;
  careFen: { selfCare: number; partial: number; total: number };
}

/** The per-month rates a parameter set gives an area. */
export function monthRates(parameters: ResolvedParameters, area: Area): MonthRates {
  const standard = standardFor(parameters, area);
  const top = parameters.values.topUpBp;
  return {
    versionId: parameters.versionId,
    area,
    standardFen: standard,
    topUpFen: {
      elderly: applyBasisPoints(standard, top.elderly),
      disabled: applyBasisPoints(standard, top.disabled),
      seriouslyIll: applyBasisPoints(standard, top.seriouslyIll),
      child: applyBasisPoints(standard, top.child),
    },
    tekunBasicFen: tekunBasicStandardFen(parameters),
    careFen: {
      selfCare: careAllowanceFen('self-care', parameters),
      partial: careAllowanceFen('partial', parameters),
      total: careAllowanceFen('total', parameters),
    },
  };
}

/** Monthly amount in fen for an enrollment basis at the given rates (0 for recognitions without money). */
export function monthlyAmountFen(basis: EnrollmentBasis, rates: MonthRates): number {
  if (basis.kind === 'gap') {
    // Same formula as the decision: standard × members − household income, never below 0 (rules/dibao.ts).
    const income = { members: basis.members, monthlyHouseholdFen: basis.monthlyIncomeFen } as IncomeAssessment;
    const gap = gapBenefitFen(rates.standardFen, income);
    const topUps = (Object.keys(basis.topUps) as TopUpCategory[]).reduce(
      (sum, category) => sum + basis.topUps[category] * rates.topUpFen[category],
      0,
    );
    return gap + topUps;
  }
  if (basis.kind === 'tekun') {
    const care =
      basis.careTier === 'total'
        ? rates.careFen.total
        : basis.careTier === 'partial'
          ? rates.careFen.partial
          : basis.careTier === 'self-care'
            ? rates.careFen.selfCare
            : 0;
    return rates.tekunBasicFen + care;
  }
  return 0;
}
