/**
 * Policy parameters of social assistance: every amount, ratio and deadline the rules read, effective-dated per
 * region and versioned, so a decision cites the exact version it was made under.
 * Money is integer fen; ratios are basis points (10000 = 1×, 3000 = 30%); ages and periods are whole numbers.
 */

import { assertIsoDate } from './dates.ts';

export type Area = 'urban' | 'rural';

export interface AreaAmounts {
  urban: number;
  rural: number;
}

export type DisabilityCategory =
  | 'visual'
  | 'hearing'
  | 'speech'
  | 'physical'
  | 'intellectual'
  | 'psychiatric'
  | 'multiple';

export type SpendingKind = 'living' | 'medical' | 'education' | 'rehabilitation';

export interface ExpenditureBand {
  /** Upper bound of the need this band covers (inclusive); null = no upper bound. */
  needUpToFen: number | null;
  /** Highest amount granted in this band, as a multiple of the household's 低保 standard. */
  maxMultipleBp: number;
}

export interface PolicyValues {
  /** 低保 standard per person per month. */
  dibaoStandardFen: AreaAmounts;
  /** Employment-cost deduction per working member per month, share of the 低保 standard in force at decision. */
  employmentCostDeductionBp: number;
  /** Income kinds not counted (IncomeRecord.kind). */
  excludedIncomeKinds: readonly string[];
  /** Expenditure kinds deducted from income at actual cost (刚性支出). */
  rigidDeductibleKinds: readonly SpendingKind[];
  /** Months the income average is taken over. */
  incomeAveragingMonths: number;
  /** Age of majority (minors are under it). */
  adultAge: number;
  /** Clergy living apart at least this many years are not household members. */
  clergyApartMinYears: number;
  /** Adult children enrolled up to this level still count as members. */
  studentMaxLevel: EducationLevel;
  /** Per-capita financial assets may not exceed this multiple of the standard. */
  assetMultiple: number;
  /** Vehicles at or below this value are exempt, up to vehicleExemptCount of them. */
  vehicleExemptMaxFen: number;
  vehicleExemptCount: number;
  /** Per-capita financial-asset cap when a member has a recognised major disease. */
  majorDiseaseAssetCapFen: number;
  /** 低保边缘: per-capita income below this multiple of the standard. */
  marginalIncomeRatioBp: number;
  /** 分类施保 top-ups, share of the standard per qualifying member; the highest single category applies. */
  topUpBp: { elderly: number; disabled: number; seriouslyIll: number; child: number };
  topUpElderlyAge: number;
  topUpDisabilityMaxLevel: number;
  /** 单人保: level 1..N disability of any category, or 1..M intellectual/psychiatric, or a major disease. */
  singlePersonDisabilityMaxLevel: number;
  singlePersonMentalDisabilityMaxLevel: number;
  /** 特困 basic living standard per month; never below tekunBasicMinRatioBp × the urban 低保 standard. */
  tekunBasicStandardFen: number;
  tekunBasicMinRatioBp: number;
  tekunElderlyAge: number;
  /** Highest disability level (1 = most severe) that counts as no work capacity, per category; 0 = none. */
  tekunDisabilityMaxLevel: Readonly<Record<DisabilityCategory, number>>;
  /** Care allowance per month by self-care tier. */
  tekunCareAllowanceFen: { selfCare: number; partial: number; total: number };
  /** At least this many failed ADL items = total loss; fewer but at least one = partial loss. */
  tekunAdlTotalLossMinFailed: number;
  /** 刚性支出困难: essential spending above this share of income. */
  rigidHardshipSpendingShareBp: number;
  rigidHardshipSpendingKinds: readonly SpendingKind[];
  /** Last year's local per-capita disposable income, per year. */
  disposableIncomePerCapitaAnnualFen: number;
  rigidHardshipValidityMonths: number;
  /** Whether 刚性支出困难 also applies the 低保 asset test (DOMAIN is silent; national text refers to local rules). */
  rigidHardshipAssetTest: boolean;
  /** 渐退: income at or above the standard but below this multiple keeps the benefit for gradualExitMonths. */
  gradualExitUpperRatioBp: number;
  gradualExitMonths: number;
  /** Fraud: fine range as multiples of the amount obtained. */
  fraudFineMultiple: { min: number; max: number };
  /** 临时救助 急难型 advance payment cap. */
  temporaryEmergencyCapFen: number;
  /** 临时救助 支出型 bands, checked in order; the first band whose bound covers the need applies. */
  temporaryExpenditureBands: readonly ExpenditureBand[];
  temporaryMaxStagedMonths: number;
}

export type EducationLevel = 'primary' | 'secondary' | 'vocational' | 'junior-college' | 'bachelor' | 'postgraduate';

/** Education levels in order, so "up to bachelor" is a comparison. */
export const EDUCATION_ORDER: readonly EducationLevel[] = [
  'primary',
  'secondary',
  'vocational',
  'junior-college',
  'bachelor',
  'postgraduate',
];

/** Chinese names of the education levels, for reasons printed on notices. */
export const EDUCATION_ZH: Readonly<Record<EducationLevel, string>> = {
  primary: '小学',
  secondary: '中学',
  vocational: '中等职业',
  'junior-college': '专科',
  bachelor: '本科',
  postgraduate: '研究生',
};

export interface PolicyParameterVersion {
  id: string;
  /** Region code prefix the version applies to: '50' 重庆, '500156' 武隆区. */
  regionCode: string;
  /** First day in force (YYYY-MM-DD). */
  effectiveFrom: string;
  values: PolicyValues;
}

/** The version chosen for a region and date; rules cite `versionId`. */
export interface ResolvedParameters {
  versionId: string;
  regionCode: string;
  effectiveFrom: string;
  values: PolicyValues;
}

/** Picks the version with the most specific region prefix, then the latest effectiveFrom on or before the date. */
export function resolveParameters(
  versions: readonly PolicyParameterVersion[],
  regionCode: string,
  date: string,
): ResolvedParameters {
  assertIsoDate(date, 'date');
  let best: PolicyParameterVersion | undefined;
  for (const version of versions) {
    if (!regionCode.startsWith(version.regionCode) || version.effectiveFrom > date) continue;
    if (
      !best ||
      version.regionCode.length > best.regionCode.length ||
      (version.regionCode.length === best.regionCode.length && version.effectiveFrom > best.effectiveFrom)
    ) {
      best = version;
    }
  }
  if (!best) throw new RangeError(`no assistance policy parameters for region ${regionCode} on ${date}`);
  return { versionId: best.id, regionCode: best.regionCode, effectiveFrom: best.effectiveFrom, values: best.values };
}

/** The household's 低保 standard for its area. */
export function standardFor(parameters: ResolvedParameters, area: Area): number {
  return parameters.values.dibaoStandardFen[area];
}
