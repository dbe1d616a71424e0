import { z } from 'zod';

/**
 * One fact as found by a data check, a home visit or a neighbour interview, in the shape of the rules' facts
 * (rules/facts.ts). A difference from what the household declared becomes a finding; resolving it with
 * 'accept_found' applies the fact to the verified facts (verified-facts.ts).
 */

const Fen = z
  .number({ error: '金额应为整数(分) / amount must be an integer number of fen' })
  .int('金额应为整数(分) / amount must be an integer number of fen')
  .min(0, '金额不能为负数 / amount cannot be negative')
  .max(100_000_000_00, '金额超出合理范围(不超过1亿元) / amount out of range (at most 100 million yuan)');
const Id = z.uuid('应为有效的ID / must be a valid id');

export const INCOME_CATEGORIES = ['wage', 'business', 'property', 'transfer'] as const;
export const SPENDING_KINDS = ['living', 'medical', 'education', 'rehabilitation'] as const;
export const DISABILITY_CATEGORIES = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'psychiatric',
  'multiple',
] as const;

export const Disability = z.strictObject({
  category: z.enum(DISABILITY_CATEGORIES, { error: '未知的残疾类别 / unknown disability category' }),
  level: z.number().int().min(1, '残疾等级为1-4级 / level 1-4').max(4, '残疾等级为1-4级 / level 1-4'),
});

export const FactCheck = z.discriminatedUnion(
  'category',
  [
    z.strictObject({
      category: z.literal('income'),
      memberId: Id,
      incomeCategory: z.enum(INCOME_CATEGORIES, { error: '未知的收入类别 / unknown income category' }),
      kind: z.string().trim().min(1).max(50),
      amountFen: Fen,
      costFen: Fen.optional(),
    }),
    z.strictObject({ category: z.literal('financialAssets'), amountFen: Fen }),
    z.strictObject({
      category: z.literal('vehicles'),
      vehicles: z.array(z.strictObject({ valueFen: Fen })).max(20),
    }),
    z.strictObject({ category: z.literal('dwellingBeyondAreaRule'), value: z.boolean() }),
    z.strictObject({ category: z.literal('businessEmployingOthers'), value: z.boolean() }),
    z.strictObject({
      category: z.literal('spending'),
      memberId: Id.optional(),
      kind: z.enum(SPENDING_KINDS, { error: '未知的支出类别 / unknown spending kind' }),
      amountFen: Fen,
    }),
    z.strictObject({
      category: z.literal('person'),
      memberId: Id,
      livesTogether: z.boolean().optional(),
      disability: Disability.nullable().optional(),
      majorDisease: z.boolean().optional(),
      imprisoned: z.boolean().optional(),
      supporterAbleToSupport: z.boolean().optional(),
    }),
  ],
  { error: '未知的核查项目 / unknown check category' },
);
export type FactCheck = z.infer<typeof FactCheck>;

export const FINDING_SOURCES = ['data_check', 'home_visit', 'neighbour_interview', 'manual'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

export const DataCheckInput = z.strictObject({
  check: FactCheck,
  /** Department the data came from (e.g. 公安, 人社, 医保), kept with the finding. */
  department: z.string().trim().min(1).max(50).optional(),
});
export type DataCheckInput = z.infer<typeof DataCheckInput>;

export const FindingInput = z.strictObject({
  check: FactCheck,
  source: z.enum(['home_visit', 'neighbour_interview', 'manual']),
});
export type FindingInput = z.infer<typeof FindingInput>;

export const ResolveFindingInput = z.strictObject({
  outcome: z.enum(['accept_found', 'keep_declared'], {
    error: '请选择采用核查结果或保留申报 / choose accept_found or keep_declared',
  }),
  note: z.string().trim().min(2, '请填写处理说明(至少2个字) / a note of at least 2 characters').max(2000),
});
export type ResolveFindingInput = z.infer<typeof ResolveFindingInput>;

export const VisitInput = z.strictObject({
  kind: z.enum(['home_visit', 'neighbour_interview'], {
    error: '应为入户调查或邻里走访 / home_visit or neighbour_interview',
  }),
  visitedOn: z.iso.date('日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD'),
  notes: z.string().trim().min(2, '请填写调查记录(至少2个字) / notes of at least 2 characters').max(5000),
  observations: z.record(z.string(), z.unknown()).default({}),
});
export type VisitInput = z.infer<typeof VisitInput>;
