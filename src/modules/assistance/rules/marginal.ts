/**
 * 低保边缘 (DOMAIN §1.3, low-income population): not eligible for 低保, per-capita income strictly below
 * 1.5 × the standard, and the same asset test as 低保. Recognition only; it carries no monthly amount of its own
 * but opens 单人保 and special assistance (medical, education, housing, employment).
 */

import type { AssetTest } from './assets.ts';
import { type Decision, multipleText, type Reason, reason, type TraceEntry, traceEntry, yuan } from './decision.ts';
import { type IncomeAssessment, incomeBelow } from './income.ts';
import { type Area, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export interface MarginalInput {
  memberIds: readonly string[];
  income: IncomeAssessment;
  assets: AssetTest;
  area: Area;
  parameters: ResolvedParameters;
}

/** Decides 低保边缘 recognition for a household. */
export function decideMarginal(input: MarginalInput): Decision {
  const { income, assets, parameters, area } = input;
  const version = parameters.versionId;
  const standard = standardFor(parameters, area);
  const ratioBp = parameters.values.marginalIncomeRatioBp;
  const line = Math.floor((standard * ratioBp) / 10_000);
  const belowStandard = incomeBelow(income, standard, 10_000);
  const belowLine = incomeBelow(income, standard, ratioBp);
  const trace: TraceEntry[] = [
    traceEntry(
      'marginal.income-band',
      { perCapitaFen: income.perCapitaFen, standardFen: standard, marginalIncomeRatioBp: ratioBp },
      { belowStandard, belowMarginalLine: belowLine, marginalLineFen: line },
      version,
    ),
  ];
  const reasons: Reason[] = [];
  if (belowStandard && assets.passes) {
    reasons.push(
      reason(
        'marginal.dibao-eligible',
        `家庭人均月收入${yuan(income.perCapitaFen)}元低于低保标准，应认定为低保`,
        `per-capita income of ${yuan(income.perCapitaFen)} yuan is below the standard: 低保 applies instead`,
      ),
    );
  }
  if (!belowLine) {
    reasons.push(
      reason(
        'marginal.income-not-below-line',
        `家庭人均月收入${yuan(income.perCapitaFen)}元，不低于低保标准${yuan(standard)}元的${multipleText(ratioBp)}倍（${yuan(line)}元）`,
        `per-capita income of ${yuan(income.perCapitaFen)} yuan is not below ${multipleText(ratioBp)} × the standard ` +
          `of ${yuan(standard)} yuan (${yuan(line)} yuan)`,
      ),
    );
  }
  reasons.push(...assets.reasons);
  if (reasons.length > 0) {
    return { programme: 'lowIncomeMarginal', outcome: 'ineligible', memberIds: input.memberIds, reasons, trace };
  }
  reasons.push(
    reason(
      'marginal.eligible',
      `家庭人均月收入${yuan(income.perCapitaFen)}元，不低于低保标准${yuan(standard)}元且低于其${multipleText(ratioBp)}倍` +
        `（${yuan(line)}元），财产符合规定，认定为低保边缘家庭`,
      `per-capita income of ${yuan(income.perCapitaFen)} yuan is at least the standard of ${yuan(standard)} yuan and ` +
        `below ${multipleText(ratioBp)} × (${yuan(line)} yuan), assets pass: low-income marginal household`,
    ),
  );
  return { programme: 'lowIncomeMarginal', outcome: 'eligible', memberIds: input.memberIds, reasons, trace };
}
