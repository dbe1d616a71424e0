/**
 * Default policy parameter versions for the demo region (重庆市 50, 武隆区 500156), from docs DOMAIN.md §1.
 * Each value carries a source label for the UI: [N] national, [CQ] Chongqing, [Seed] seed data, [Ex] another
 * locality's example used as a default, [Assumption] a reading made here where the sources give no figure.
 */

import type { PolicyParameterVersion, PolicyValues } from './policy-parameters.ts';

export type SourceTag = 'N' | 'CQ' | 'Seed' | 'Ex' | 'Assumption';

export interface ParameterSource {
  tag: SourceTag;
  note: string;
}

/** Values shared by every Chongqing version; the standards and 特困 amount differ per version. */
const CHONGQING_COMMON: Omit<PolicyValues, 'dibaoStandardFen' | 'tekunBasicStandardFen'> = {
  employmentCostDeductionBp: 3_000,
  excludedIncomeKinds: [
    'disability-subsidy',
    'orphan-allowance',
    'old-age-allowance',
    'residents-pension',
    'heroism-award',
    'family-planning-award',
  ],
  rigidDeductibleKinds: ['medical', 'education'],
  incomeAveragingMonths: 12,
  adultAge: 18,
  clergyApartMinYears: 3,
  studentMaxLevel: 'bachelor',
  assetMultiple: 24,
  vehicleExemptMaxFen: 3_000_000,
  vehicleExemptCount: 1,
  majorDiseaseAssetCapFen: 5_000_000,
  marginalIncomeRatioBp: 15_000,
  topUpBp: { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 },
  topUpElderlyAge: 60,
  topUpDisabilityMaxLevel: 2,
  singlePersonDisabilityMaxLevel: 2,
  singlePersonMentalDisabilityMaxLevel: 3,
  tekunBasicMinRatioBp: 13_000,
  tekunElderlyAge: 60,
  tekunDisabilityMaxLevel: {
    visual: 1,
    hearing: 0,
    speech: 0,
    physical: 2,
    intellectual: 3,
    psychiatric: 3,
    multiple: 0,
  },
  tekunCareAllowanceFen: { selfCare: 0, partial: 44_000, total: 114_400 },
  tekunAdlTotalLossMinFailed: 4,
  rigidHardshipSpendingShareBp: 8_000,
  rigidHardshipSpendingKinds: ['living', 'medical', 'education', 'rehabilitation'],
  disposableIncomePerCapitaAnnualFen: 3_960_000,
  rigidHardshipValidityMonths: 12,
  rigidHardshipAssetTest: true,
  gradualExitUpperRatioBp: 15_000,
  gradualExitMonths: 6,
  fraudFineMultiple: { min: 1, max: 3 },
  temporaryEmergencyCapFen: 200_000,
  temporaryExpenditureBands: [
    { needUpToFen: 500_000, maxMultipleBp: 20_000 },
    { needUpToFen: 2_000_000, maxMultipleBp: 40_000 },
    { needUpToFen: null, maxMultipleBp: 60_000 },
  ],
  temporaryMaxStagedMonths: 6,
};

function chongqing(
  id: string,
  effectiveFrom: string,
  urbanFen: number,
  ruralFen: number,
  tekunFen: number,
): PolicyParameterVersion {
  return {
    id,
    regionCode: '50',
    effectiveFrom,
    values: {
      ...CHONGQING_COMMON,
      dibaoStandardFen: { urban: urbanFen, rural: ruralFen },
      tekunBasicStandardFen: tekunFen,
    },
  };
}

const CQ_2025_07 = chongqing('cq-2025-07-01', '2025-07-01', 77_000, 63_000, 100_100);

/** Default versions: four Chongqing-wide sets and a 武隆 set that differs only in local disposable income. */
export const DEFAULT_PARAMETER_VERSIONS: readonly PolicyParameterVersion[] = [
  chongqing('cq-2021-09-01', '2021-09-01', 63_600, 51_500, 82_700),
  chongqing('cq-2022-07-01', '2022-07-01', 71_700, 58_100, 93_300),
  chongqing('cq-2023-07-01', '2023-07-01', 75_000, 61_000, 97_500),
  CQ_2025_07,
  {
    id: 'cq-wulong-2025-07-01',
    regionCode: '500156',
    effectiveFrom: '2025-07-01',
    values: { ...CQ_2025_07.values, disposableIncomePerCapitaAnnualFen: 3_100_000 },
  },
];

/** Why each default has its value, shown beside it in the parameter editor. */
export const VERSION_NOTES: Readonly<Record<string, ParameterSource>> = {
  'cq-2021-09-01': {
    tag: 'CQ',
    note: '低保 636/515 from 2021-09; 特困 827 = 1.3 × 636 rounded up to the yuan [Assumption]',
  },
  'cq-2022-07-01': {
    tag: 'Assumption',
    note: '717/581 "in 2022" [CQ]; the 2022-07-01 start and 特困 933 are assumptions',
  },
  'cq-2023-07-01': {
    tag: 'Assumption',
    note: '750/610 "before 2025-07-01" [CQ]; the 2023-07-01 start and 特困 975 are assumptions',
  },
  'cq-2025-07-01': { tag: 'CQ', note: '低保 770/630 and 特困 1001 from 2025-07-01' },
  'cq-wulong-2025-07-01': { tag: 'Ex', note: 'Chongqing 2025-07 set with a 武隆 disposable income placeholder' },
};

/** Source label of every parameter for the UI. */
export const PARAMETER_SOURCES: Readonly<Record<keyof PolicyValues, ParameterSource>> = {
  dibaoStandardFen: { tag: 'CQ', note: '低保 standard, yuan per person per month' },
  employmentCostDeductionBp: { tag: 'Ex', note: '30% of the standard per working member' },
  excludedIncomeKinds: { tag: 'Ex', note: 'basic residents’ pension excluded per [Ex]; the rest per DOMAIN §1.1' },
  rigidDeductibleKinds: { tag: 'CQ', note: 'medical and schooling costs deducted at actual cost' },
  incomeAveragingMonths: { tag: 'N', note: 'monthly average over the last 12 months' },
  adultAge: { tag: 'N', note: 'minors are under 18' },
  clergyApartMinYears: { tag: 'CQ', note: 'clergy living apart ≥ 3 years are not members' },
  studentMaxLevel: { tag: 'N', note: 'adult students up to bachelor level count as members' },
  assetMultiple: { tag: 'CQ', note: 'per-capita financial assets ≤ 24 × standard' },
  vehicleExemptMaxFen: { tag: 'CQ', note: 'one vehicle ≤ 30,000 yuan is exempt' },
  vehicleExemptCount: { tag: 'CQ', note: 'one vehicle' },
  majorDiseaseAssetCapFen: { tag: 'CQ', note: '≤ 50,000 yuan per capita when a member has a major disease' },
  marginalIncomeRatioBp: { tag: 'N', note: '低保边缘: per-capita income < 1.5 × standard' },
  topUpBp: { tag: 'Assumption', note: '分类施保 is optional; off (0%) until a region sets it' },
  topUpElderlyAge: { tag: 'Assumption', note: 'elderly top-up from 60' },
  topUpDisabilityMaxLevel: { tag: 'Assumption', note: 'disabled top-up for levels 1-2' },
  singlePersonDisabilityMaxLevel: { tag: 'N', note: '单人保: level 1-2 disability' },
  singlePersonMentalDisabilityMaxLevel: { tag: 'N', note: '单人保: level 3 intellectual/psychiatric too' },
  tekunBasicStandardFen: { tag: 'CQ', note: '1001 yuan from 2025-07 (earlier versions derived, see VERSION_NOTES)' },
  tekunBasicMinRatioBp: { tag: 'N', note: '特困 basic standard ≥ 1.3 × urban 低保 standard' },
  tekunElderlyAge: { tag: 'N', note: 'no work capacity from 60' },
  tekunDisabilityMaxLevel: { tag: 'N', note: 'intellectual/psychiatric 1-3, physical 1-2, visual 1' },
  tekunCareAllowanceFen: { tag: 'Ex', note: 'Wuhai seed: total loss 1144, partial 440 yuan/month' },
  tekunAdlTotalLossMinFailed: { tag: 'Ex', note: '≥ 4 of six ADL items failed = total loss' },
  rigidHardshipSpendingShareBp: { tag: 'Ex', note: 'essential spending over 80% of income' },
  rigidHardshipSpendingKinds: { tag: 'N', note: 'living, medical, education, rehabilitation' },
  disposableIncomePerCapitaAnnualFen: {
    tag: 'Ex',
    note: 'last year’s per-capita disposable income: 39,600 (Chongqing, approx.) / 31,000 (武隆 placeholder)',
  },
  rigidHardshipValidityMonths: { tag: 'N', note: 'recognition valid ≤ 12 months' },
  rigidHardshipAssetTest: { tag: 'Assumption', note: 'the 低保 asset test also applies' },
  gradualExitUpperRatioBp: { tag: 'CQ', note: '渐退 when income is between 1× and 1.5× the standard' },
  gradualExitMonths: { tag: 'CQ', note: 'benefit continues 6 months' },
  fraudFineMultiple: { tag: 'N', note: 'fine 1-3 × the amount obtained (§68)' },
  temporaryEmergencyCapFen: { tag: 'CQ', note: '急难型 advance ≤ 2,000 yuan' },
  temporaryExpenditureBands: { tag: 'Ex', note: 'need ≤ 5,000 → ≤ 2×; ≤ 20,000 → ≤ 4×; more → ≤ 6× standard' },
  temporaryMaxStagedMonths: { tag: 'Ex', note: 'staged monthly payments for at most 6 months' },
};
