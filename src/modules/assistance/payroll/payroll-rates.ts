import type { Queryable } from '../../../db/database.ts';
import type { ResolvedParameters } from '../rules/policy-parameters.ts';
import { monthRates } from './monthly-amount.ts';
import { hasLocalParameters, type KeyedRates, listEnrollmentRegions } from './payroll.repository.ts';

/** What payroll needs from the policy service (src/core/rules/policy.service.ts). */
export interface PolicyResolver {
  resolveAssistance(q: Queryable, regionCode: string, date: string): Promise<ResolvedParameters>;
}

/**
 * The rates in force on the first day of the month for a district. Parameters are normally set for the city or the
 * district, so one resolution serves every village (key = the 6-digit district); when a township or village has
 * its own rows, each enrollment region is resolved (key = the 12-digit village code).
 */
export async function resolveMonthRates(
  q: Queryable,
  policy: PolicyResolver,
  district: string,
  programme: string,
  month: string,
): Promise<{ rates: KeyedRates[]; keyLength: number }> {
  const date = `${month}-01`;
  const both = (p: ResolvedParameters, region: string): KeyedRates[] => [
    { ...monthRates(p, 'urban'), region },
    { ...monthRates(p, 'rural'), region },
  ];
  if (!(await hasLocalParameters(q, district))) {
    return { rates: both(await policy.resolveAssistance(q, district, date), district), keyLength: 6 };
  }
  const rates: KeyedRates[] = [];
  for (const region of await listEnrollmentRegions(q, district, programme)) {
    rates.push(...both(await policy.resolveAssistance(q, region, date), region));
  }
  return { rates, keyLength: 12 };
}
