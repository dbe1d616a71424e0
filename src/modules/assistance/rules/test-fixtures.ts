/**
 * Builders for the rules' tests: facts and parameter sets, so each test states the numbers it depends on.
 * Not used by production code.
 */

import { DEFAULT_PARAMETER_VERSIONS } from './default-parameters.ts';
import type { AssetFacts, IncomeRecord, PersonFacts } from './facts.ts';
import {
  type PolicyParameterVersion,
  type PolicyValues,
  type ResolvedParameters,
  resolveParameters,
} from './policy-parameters.ts';

/** 武隆区 仙女山街道, a 9-digit township code under 500156. */
export const WULONG_TOWNSHIP = '500156003';

/** Parameters of the default versions for 武隆 on a date. */
export function wulong(date: string): ResolvedParameters {
  return resolveParameters(DEFAULT_PARAMETER_VERSIONS, WULONG_TOWNSHIP, date);
}

/** A copy of a parameter set with some values changed, under a new version id. */
export function withValues(
  base: ResolvedParameters,
  overrides: Partial<PolicyValues>,
  id = 'test',
): ResolvedParameters {
  return { ...base, versionId: id, values: { ...base.values, ...overrides } };
}

/** A one-version list, for tests that need their own numbers end to end. */
export function versionOf(values: PolicyValues, id = 'test', regionCode = '50', effectiveFrom = '2000-01-01') {
  const version: PolicyParameterVersion = { id, regionCode, effectiveFrom, values };
  return [version];
}

/** An adult person living with the applicant; override what the test is about. */
export function person(id: string, overrides: Partial<PersonFacts> = {}): PersonFacts {
  return { id, relation: 'applicant', birthDate: '1985-03-01', livesTogether: true, ...overrides };
}

/** Wages over 12 months at a steady monthly amount. */
export function wages(memberId: string, monthlyFen: number): IncomeRecord {
  return { memberId, category: 'wage', kind: 'wage', amountFen: monthlyFen * 12 };
}

/** A transfer over 12 months (no employment-cost deduction), kind 'support-payment' unless stated. */
export function transfer(memberId: string, monthlyFen: number, kind = 'support-payment'): IncomeRecord {
  return { memberId, category: 'transfer', kind, amountFen: monthlyFen * 12 };
}

/** No assets beyond an ordinary home. */
export function noAssets(financialAssetsFen = 0): AssetFacts {
  return { financialAssetsFen, vehicles: [], dwellingBeyondAreaRule: false, businessEmployingOthers: false };
}

/** The urban household of three from the issue: applicant earning 1,500 yuan/month, spouse, minor child. */
export function householdOfThree(): PersonFacts[] {
  return [
    person('a'),
    person('b', { relation: 'spouse' }),
    person('c', { relation: 'child', birthDate: '2015-05-05' }),
  ];
}
