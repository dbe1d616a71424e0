/**
 * What each social-assistance policy parameter is, for the admin page and for validating a new value: a label in
 * Chinese and English, how the value is shown (fen as yuan, basis points as % or ×) and a zod schema that admits
 * exactly the values the rules can use. Type-checked against PolicyValues, so a new key cannot be forgotten.
 */

import { z } from 'zod';
import { EDUCATION_ORDER, type PolicyValues } from '../../modules/assistance/rules/policy-parameters.ts';

/**
 * How a value is shown and edited: money (fen shown as yuan), percent (basis points shown as %), ratio (basis
 * points shown as ×), count (a whole number with a unit), boolean, choice (one of options), list (several of
 * options), json (anything structured; edited as JSON). `fields` = an object of the same unit, one input each.
 */
export type ParameterUnit = 'money' | 'percent' | 'ratio' | 'count' | 'boolean' | 'choice' | 'list' | 'json';

export interface ParameterDescriptor {
  key: keyof PolicyValues;
  labelZh: string;
  labelEn: string;
  unit: ParameterUnit;
  /** For counts: the unit's words, e.g. 月/months. */
  unitZh?: string;
  unitEn?: string;
  fields?: readonly { name: string; labelZh: string; labelEn: string }[];
  options?: readonly string[];
  group: 'dibao' | 'income' | 'household' | 'assets' | 'tekun' | 'marginal' | 'exit' | 'temporary';
}

const msg = (zh: string, en: string) => `${zh} / ${en}`;

const fen = z
  .number(msg('应为金额(分)', 'must be an amount in fen'))
  .int(msg('金额应为整数分', 'amount must be whole fen'))
  .min(0, msg('金额不能为负', 'amount cannot be negative'))
  .max(100_000_000_00, msg('金额过大', 'amount too large'));
const positiveFen = fen.refine((v) => v > 0, msg('金额应大于0', 'amount must be above 0'));
const bp = (max: number) =>
  z
    .number(msg('应为万分比整数', 'must be basis points'))
    .int(msg('应为整数(万分比)', 'must be whole basis points'))
    .min(0, msg('不能为负', 'cannot be negative'))
    .max(max, msg(`不能超过 ${max / 100}%`, `cannot exceed ${max / 100}%`));
const whole = (min: number, max: number) =>
  z
    .number(msg('应为整数', 'must be a whole number'))
    .int(msg('应为整数', 'must be a whole number'))
    .min(min, msg(`不能小于 ${min}`, `must be at least ${min}`))
    .max(max, msg(`不能大于 ${max}`, `must be at most ${max}`));
const level = whole(0, 4);

export const SPENDING_KINDS = ['living', 'medical', 'education', 'rehabilitation'] as const;
const DISABILITY_CATEGORIES = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'psychiatric',
  'multiple',
] as const;
export const INCOME_KINDS = [
  'disability-subsidy',
  'orphan-allowance',
  'old-age-allowance',
  'residents-pension',
  'heroism-award',
  'family-planning-award',
] as const;

const spendingKinds = z
  .array(z.enum(SPENDING_KINDS, msg('未知的支出类别', 'unknown spending kind')))
  .refine((l) => new Set(l).size === l.length, msg('类别重复', 'a kind is listed twice'));

const bands = z
  .array(
    z.strictObject({
      needUpToFen: positiveFen.nullable(),
      maxMultipleBp: bp(1_000_000).refine((v) => v > 0, msg('倍数应大于0', 'multiple must be above 0')),
    }),
  )
  .min(1, msg('至少一个档次', 'at least one band'))
  .max(10, msg('最多10个档次', 'at most 10 bands'))
  .refine(
    (l) => l.every((b, i) => (i === l.length - 1 ? b.needUpToFen === null : b.needUpToFen !== null)),
    msg('只有最后一档不设上限', 'only the last band has no upper bound'),
  )
  .refine(
    (l) => l.every((b, i) => i === 0 || b.needUpToFen === null || b.needUpToFen > (l[i - 1].needUpToFen ?? 0)),
    msg('档次上限应逐档递增', 'band bounds must increase'),
  );

/** One schema per key: a value the rules accept, nothing more. */
export const PARAMETER_VALUE_SCHEMAS: { [K in keyof PolicyValues]: z.ZodType<PolicyValues[K]> } = {
  dibaoStandardFen: z.strictObject({ urban: positiveFen, rural: positiveFen }),
  employmentCostDeductionBp: bp(10_000),
  excludedIncomeKinds: z
    .array(z.string().trim().min(1).max(40))
    .max(30)
    .refine((l) => new Set(l).size === l.length, msg('类别重复', 'a kind is listed twice')),
  rigidDeductibleKinds: spendingKinds,
  incomeAveragingMonths: whole(1, 36),
  adultAge: whole(14, 22),
  clergyApartMinYears: whole(0, 20),
  studentMaxLevel: z.enum(EDUCATION_ORDER as [string, ...string[]]) as z.ZodType<PolicyValues['studentMaxLevel']>,
  assetMultiple: whole(1, 240),
  vehicleExemptMaxFen: fen,
  vehicleExemptCount: whole(0, 10),
  majorDiseaseAssetCapFen: fen,
  marginalIncomeRatioBp: bp(50_000).refine((v) => v > 10_000, msg('应大于1倍', 'must be above 1×')),
  topUpBp: z.strictObject({ elderly: bp(10_000), disabled: bp(10_000), seriouslyIll: bp(10_000), child: bp(10_000) }),
  topUpElderlyAge: whole(50, 100),
  topUpDisabilityMaxLevel: level,
  singlePersonDisabilityMaxLevel: level,
  singlePersonMentalDisabilityMaxLevel: level,
  tekunBasicStandardFen: positiveFen,
  tekunBasicMinRatioBp: bp(50_000),
  tekunElderlyAge: whole(50, 100),
  tekunDisabilityMaxLevel: z.strictObject(
    Object.fromEntries(DISABILITY_CATEGORIES.map((c) => [c, level])) as Record<
      (typeof DISABILITY_CATEGORIES)[number],
      typeof level
    >,
  ),
  tekunCareAllowanceFen: z.strictObject({ selfCare: fen, partial: fen, total: fen }),
  tekunAdlTotalLossMinFailed: whole(1, 6),
  rigidHardshipSpendingShareBp: bp(100_000),
  rigidHardshipSpendingKinds: spendingKinds.refine((l) => l.length > 0, msg('至少一类', 'at least one kind')),
  disposableIncomePerCapitaAnnualFen: positiveFen,
  rigidHardshipValidityMonths: whole(1, 60),
  rigidHardshipAssetTest: z.boolean(msg('应为是或否', 'must be true or false')),
  gradualExitUpperRatioBp: bp(50_000).refine((v) => v >= 10_000, msg('不能小于1倍', 'must be at least 1×')),
  gradualExitMonths: whole(0, 24),
  fraudFineMultiple: z
    .strictObject({ min: whole(0, 10), max: whole(0, 10) })
    .refine((r) => r.min <= r.max, msg('下限不能大于上限', 'min cannot exceed max')),
  temporaryEmergencyCapFen: fen,
  temporaryExpenditureBands: bands,
  temporaryMaxStagedMonths: whole(1, 24),
};
