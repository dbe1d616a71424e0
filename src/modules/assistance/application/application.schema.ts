import { z } from 'zod';
import { VillageCode } from '../../../core/registry/registry.schema.ts';
import { Disability, INCOME_CATEGORIES, SPENDING_KINDS } from '../verification/verification.schema.ts';

/** Zod schemas of the application API (one name for a schema and its type). Money is integer fen. */

const Id = z.uuid('应为有效的ID / must be a valid id');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
/** 12 months of any one income source above 10 million yuan is not a plausible declaration for assistance. */
const MAX_DECLARED_FEN = 1_000_000_000;
const Fen = z
  .number({ error: '金额应为整数(分) / amount must be an integer number of fen' })
  .int('金额应为整数(分) / amount must be an integer number of fen')
  .min(0, '金额不能为负数 / amount cannot be negative')
  .max(MAX_DECLARED_FEN, '金额超出合理范围(不超过1000万元) / amount out of range (at most 10 million yuan)');

export const REQUESTABLE_PROGRAMMES = [
  'auto',
  'extremePovertySupport',
  'minimumLivingAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'temporaryAssistanceExpenditure',
] as const;

export const NEEDS = ['medical', 'education', 'housing', 'employment'] as const;
export type Need = (typeof NEEDS)[number];

export const RELATIONS = [
  'applicant',
  'spouse',
  'child',
  'parent',
  'grandparent',
  'grandchild',
  'sibling',
  'other',
] as const;

const AdlItems = z.strictObject({
  eating: z.boolean(),
  dressing: z.boolean(),
  bedTransfer: z.boolean(),
  toileting: z.boolean(),
  walkingIndoors: z.boolean(),
  bathing: z.boolean(),
});

/** What the household declares about one current member; everything else comes from the registry. */
export const DeclaredMember = z.strictObject({
  personId: Id,
  relation: z.enum(RELATIONS, { error: '未知的家庭关系 / unknown relation' }).optional(),
  livesTogether: z.boolean().default(true),
  supportDuty: z.boolean().optional(),
  unableToLiveIndependently: z.boolean().optional(),
  enrolledEducation: z
    .enum(['primary', 'secondary', 'vocational', 'junior-college', 'bachelor', 'postgraduate'])
    .optional(),
  clergyLivingApartSince: IsoDate.optional(),
  imprisoned: z.boolean().optional(),
  inCompulsoryDrugRehabilitation: z.boolean().optional(),
  declaredMissing: z.boolean().optional(),
  disability: Disability.optional(),
  majorDisease: z.boolean().optional(),
  adl: AdlItems.optional(),
  supporterAbleToSupport: z.boolean().optional(),
  receivesOrphanAllowance: z.boolean().optional(),
});
export type DeclaredMember = z.infer<typeof DeclaredMember>;

export const DeclaredIncome = z
  .strictObject({
    memberId: Id,
    category: z.enum(INCOME_CATEGORIES, { error: '收入类别应为 wage/business/property/transfer / unknown category' }),
    /** Finer kind, matched against the excluded list (e.g. 'residents-pension', 'disability-subsidy'). */
    kind: z.string().trim().min(1).max(50).default('general'),
    /** Total received over the last 12 months. */
    amountFen: Fen,
    costFen: Fen.optional(),
  })
  .refine((i) => i.costFen === undefined || i.category === 'business' || i.category === 'property', {
    message: '只有经营性和财产性收入可以填写成本 / only business and property income have costs',
    path: ['costFen'],
  });
export type DeclaredIncome = z.infer<typeof DeclaredIncome>;

export const DeclaredSpending = z.strictObject({
  memberId: Id.optional(),
  kind: z.enum(SPENDING_KINDS, { error: '支出类别应为 living/medical/education/rehabilitation / unknown kind' }),
  amountFen: Fen,
});

export const DeclaredAssets = z.strictObject({
  financialAssetsFen: Fen,
  vehicles: z
    .array(z.strictObject({ valueFen: Fen }))
    .max(20)
    .default([]),
  dwellingBeyondAreaRule: z.boolean().default(false),
  businessEmployingOthers: z.boolean().default(false),
});

export const NeedInput = z.strictObject({
  need: z.enum(NEEDS, { error: '应为 medical/education/housing/employment / unknown need' }),
  note: z.string().trim().min(2, '请说明需求(至少2个字) / describe the need (at least 2 characters)').max(1000),
});

export const ApplyInput = z.strictObject({
  householdId: Id,
  applicantPersonId: Id,
  channel: z.enum(['window', 'coordinator'], { error: '受理渠道应为 window 或 coordinator / window or coordinator' }),
  area: z.enum(['urban', 'rural'], { error: '应为城市(urban)或农村(rural) / urban or rural' }),
  requested: z
    .array(z.enum(REQUESTABLE_PROGRAMMES, { error: '未知的救助项目 / unknown programme' }))
    .min(1)
    .max(REQUESTABLE_PROGRAMMES.length)
    .default(['auto']),
  emergency: z.boolean().default(false),
  needs: z.array(NeedInput).max(NEEDS.length).default([]),
  /** 支出型临时救助 paid in monthly instalments (DOMAIN §1.4; the region's limit, default 6, applies). */
  stagedMonths: z
    .number({ error: '分期月数应为整数 / staged months must be a whole number' })
    .int('分期月数应为整数 / staged months must be a whole number')
    .min(1, '分期月数至少为1 / at least 1 month')
    .max(12, '分期月数不超过12 / at most 12 months')
    .optional(),
  members: z.array(DeclaredMember).max(30).default([]),
  incomes: z.array(DeclaredIncome).max(200).default([]),
  spending: z.array(DeclaredSpending).max(200).default([]),
  assets: DeclaredAssets,
});
export type ApplyInput = z.infer<typeof ApplyInput>;
/** What an application asks for, as stored with it and classified on: programmes, needs, staged months. */
export function requestedOf(input: PortalApplyInput) {
  return {
    programmes: input.requested,
    needs: input.needs,
    ...(input.stagedMonths !== undefined ? { stagedMonths: input.stagedMonths } : {}),
  };
}

/** The portal's input: the same, without the channel (always 'portal'). */
export const PortalApplyInput = ApplyInput.omit({ channel: true });
export type PortalApplyInput = z.infer<typeof PortalApplyInput>;

export const ApplicationQuery = z.strictObject({
  state: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  regionPrefix: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ApplicationQuery = z.infer<typeof ApplicationQuery>;

export const ExtensionInput = z.strictObject({
  workingDays: z
    .number()
    .int('应为整数个工作日 / whole working days')
    .min(1, '至少延长1个工作日 / at least 1 working day')
    .max(15, '最多延长15个工作日 / at most 15 working days'),
  reason: z.string().trim().min(2, '请填写延期理由(至少2个字) / a reason of at least 2 characters').max(1000),
  version: z.number().int().positive(),
});
export type ExtensionInput = z.infer<typeof ExtensionInput>;

export const DOCUMENT_KINDS = ['authorisation', 'id_card', 'income', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const Reasons = z
  .array(z.string().trim().min(2, '每条理由至少2个字 / each reason at least 2 characters').max(1000))
  .min(1, '请填写理由 / give at least one reason')
  .max(20);

export const TransferQuery = z.strictObject({
  status: z.enum(['sent', 'accepted', 'replied', 'closed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TransferQuery = z.infer<typeof TransferQuery>;

export const TransferReply = z.strictObject({
  reply: z.string().trim().min(2, '请填写办理结果(至少2个字) / a reply of at least 2 characters').max(5000),
});

export const EmergencyInput = z.strictObject({
  placeRegionCode: VillageCode,
  occurredOn: IsoDate,
  needFen: Fen.refine((v) => v > 0, '请填写所需金额 / the need must be above 0'),
  beneficiaryName: z.string().trim().min(1).max(50),
  personId: Id.optional(),
  description: z.string().trim().min(2).max(2000),
});
export type EmergencyInput = z.infer<typeof EmergencyInput>;
