/**
 * 特困 extreme-poverty support (DOMAIN §1.2): all three of no work capacity (age ≥ 60, minor, or a qualifying
 * disability), no means of living (own income below the 低保 standard and assets pass) and no supporter able to
 * support. Amount = basic living standard (never below 1.3 × the urban 低保 standard) + care allowance by the
 * self-care tier from six ADL items (none failed: self-care; 1..3 failed: partial loss; ≥ 4 failed: total loss).
 */

import type { AssetTest } from './assets.ts';
import {
  applyBasisPoints,
  type Decision,
  multipleText,
  type Reason,
  reason,
  type TraceEntry,
  traceEntry,
  yuan,
} from './decision.ts';
import type { AdlItems, PersonFacts } from './facts.ts';
import { ageOn, lastDayAsMinor } from './household-composition.ts';
import { type IncomeAssessment, incomeBelow } from './income.ts';
import { type Area, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export type CareTier = 'self-care' | 'partial' | 'total' | 'not-assessed';

export interface TekunInput {
  person: PersonFacts;
  /** The person's own income assessed as a one-person household. */
  ownIncome: IncomeAssessment;
  assets: AssetTest;
  area: Area;
  decisionDate: string;
  supportMode: 'institutional' | 'home';
  /** Parameters in force for the benefit month. */
  parameters: ResolvedParameters;
}

/** Number of ADL items the person cannot do unaided. */
export function failedAdlItems(adl: AdlItems): number {
  return Object.values(adl).filter((unaided) => !unaided).length;
}

/** Care tier from the ADL assessment: 0 failed self-care, ≥ totalMin failed total loss, otherwise partial. */
export function careTier(adl: AdlItems | undefined, parameters: ResolvedParameters): CareTier {
  if (!adl) return 'not-assessed';
  const failed = failedAdlItems(adl);
  if (failed === 0) return 'self-care';
  return failed >= parameters.values.tekunAdlTotalLossMinFailed ? 'total' : 'partial';
}

/** Monthly care allowance for a tier. */
export function careAllowanceFen(tier: CareTier, parameters: ResolvedParameters): number {
  const amounts = parameters.values.tekunCareAllowanceFen;
  if (tier === 'total') return amounts.total;
  if (tier === 'partial') return amounts.partial;
  if (tier === 'self-care') return amounts.selfCare;
  return 0;
}

/** Basic living standard: the parameter, raised to the floor ratio × urban 低保 standard if it falls below. */
export function tekunBasicStandardFen(parameters: ResolvedParameters): number {
  const values = parameters.values;
  return Math.max(
    values.tekunBasicStandardFen,
    applyBasisPoints(values.dibaoStandardFen.urban, values.tekunBasicMinRatioBp),
  );
}

/** Grounds for no work capacity on a date: 'elderly', 'minor', 'disability' (empty = has work capacity). */
export function workCapacityGrounds(person: PersonFacts, parameters: ResolvedParameters, date: string): string[] {
  const values = parameters.values;
  const age = ageOn(person, date);
  const grounds: string[] = [];
  if (age >= values.tekunElderlyAge) grounds.push('elderly');
  if (age < values.adultAge) grounds.push('minor');
  const d = person.disability;
  if (d && d.level <= values.tekunDisabilityMaxLevel[d.category]) grounds.push('disability');
  return grounds;
}

/** Decides 特困 for one person. */
export function decideTekun(input: TekunInput): Decision {
  const { person, ownIncome, assets, parameters, area } = input;
  const values = parameters.values;
  const version = parameters.versionId;
  const standard = standardFor(parameters, area);
  const grounds = workCapacityGrounds(person, parameters, input.decisionDate);
  const incomeOk = incomeBelow(ownIncome, standard, 10_000);
  const noSupporter = person.supporterAbleToSupport === false;
  const reasons: Reason[] = [];
  const trace: TraceEntry[] = [
    ...ownIncome.trace,
    ...assets.trace,
    traceEntry(
      'tekun.no-work-capacity',
      {
        personId: person.id,
        age: ageOn(person, input.decisionDate),
        tekunElderlyAge: values.tekunElderlyAge,
        adultAge: values.adultAge,
        disabilityCategory: person.disability?.category ?? null,
        disabilityLevel: person.disability?.level ?? null,
      },
      grounds,
      version,
    ),
    traceEntry(
      'tekun.no-means-of-living',
      { ownMonthlyIncomeFen: ownIncome.monthlyHouseholdFen, standardFen: standard, assetsPass: assets.passes },
      incomeOk && assets.passes,
      version,
    ),
    traceEntry(
      'tekun.no-supporter',
      { supporterAbleToSupport: person.supporterAbleToSupport ?? null },
      noSupporter,
      null,
    ),
  ];
  if (grounds.length === 0) {
    reasons.push(reason('tekun.has-work-capacity', '不属于无劳动能力人员', 'not without work capacity'));
  }
  if (!incomeOk) {
    reasons.push(
      reason(
        'tekun.income-not-below-standard',
        `本人月收入${yuan(ownIncome.monthlyHouseholdFen)}元，不低于低保标准${yuan(standard)}元`,
        `own monthly income of ${yuan(ownIncome.monthlyHouseholdFen)} yuan ` +
          `is not below the standard of ${yuan(standard)} yuan`,
      ),
    );
  }
  reasons.push(...assets.reasons);
  if (!noSupporter) {
    reasons.push(
      person.supporterAbleToSupport === undefined
        ? reason(
            'tekun.supporter-unknown',
            '尚未核实是否有履行义务能力的赡养、抚养、扶养人',
            'supporters not yet verified',
          )
        : reason('tekun.has-supporter', '有具备履行义务能力的赡养、抚养、扶养人', 'has a supporter able to support'),
    );
  }
  if (person.receivesOrphanAllowance) {
    reasons.push(
      reason(
        'tekun.orphan-allowance',
        '已领取孤儿基本生活费，孤儿基本生活费与特困供养只能选择其一',
        'receives the orphan allowance; an orphan chooses either it or 特困, not both',
      ),
    );
  }
  if (reasons.length > 0) {
    return { programme: 'extremePovertySupport', outcome: 'ineligible', memberIds: [person.id], reasons, trace };
  }

  const basic = tekunBasicStandardFen(parameters);
  const tier = careTier(person.adl, parameters);
  const care = careAllowanceFen(tier, parameters);
  trace.push(
    traceEntry(
      'tekun.basic-standard',
      {
        tekunBasicStandardFen: values.tekunBasicStandardFen,
        urbanStandardFen: values.dibaoStandardFen.urban,
        tekunBasicMinRatioBp: values.tekunBasicMinRatioBp,
      },
      basic,
      version,
    ),
    traceEntry(
      'tekun.care-tier',
      {
        failedAdlItems: person.adl ? failedAdlItems(person.adl) : null,
        tekunAdlTotalLossMinFailed: values.tekunAdlTotalLossMinFailed,
        careAllowances: values.tekunCareAllowanceFen,
      },
      { tier, allowanceFen: care },
      version,
    ),
  );
  reasons.push(
    reason(
      'tekun.eligible',
      `无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其无履行义务能力，认定为特困人员；` +
        `基本生活标准${yuan(basic)}元（不低于城市低保标准的${multipleText(values.tekunBasicMinRatioBp)}倍）` +
        `＋照料护理补贴${yuan(care)}元`,
      `no work capacity, no means of living and no supporter able to support: extreme-poverty support; basic ` +
        `${yuan(basic)} yuan (≥ ${multipleText(values.tekunBasicMinRatioBp)} × urban standard) ` +
        `+ care ${yuan(care)} yuan`,
    ),
  );
  if (tier === 'not-assessed') {
    reasons.push(
      reason(
        'tekun.adl-not-assessed',
        '尚未评估生活自理能力，照料护理补贴待评估后确定',
        'ADL not assessed; care allowance pending',
      ),
    );
  } else if (input.supportMode === 'home' && tier !== 'self-care') {
    reasons.push(
      reason(
        'tekun.care-agreement',
        '分散供养且生活不能完全自理，须签订照料服务协议',
        'home support with loss of self-care: a signed care agreement is required',
      ),
    );
  }
  const onlyMinor = grounds.length === 1 && grounds[0] === 'minor';
  return {
    programme: 'extremePovertySupport',
    outcome: 'eligible',
    amountFen: basic + care,
    memberIds: [person.id],
    reasons,
    trace,
    validFrom: input.decisionDate,
    ...(onlyMinor ? { validUntil: lastDayAsMinor(person, parameters) } : {}),
  };
}
