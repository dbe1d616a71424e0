import { z } from 'zod';
import { SEVERITIES } from './monitoring-rules.ts';

const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
const Bool = z
  .enum(['true', 'false'], { error: '应为 true 或 false / must be true or false' })
  .transform((v) => v === 'true');

export const WARNING_STATUSES = ['open', 'in_progress', 'closed'] as const;
export const WARNING_KINDS = ['warning', 'outreach', 'recheck'] as const;
export const OUTCOMES = ['visited', 'assistance_started', 'dismissed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const WarningQuery = z.strictObject({
  ruleCode: z
    .string()
    .regex(/^[a-z_]{2,40}$/, '未知的预警规则 / unknown rule')
    .optional(),
  kind: z.enum(WARNING_KINDS, { error: '类型应为 warning/outreach/recheck / unknown kind' }).optional(),
  status: z.enum(WARNING_STATUSES, { error: '状态应为 open/in_progress/closed / unknown status' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为2-12位数字 / region code of 2-12 digits')
    .optional(),
  overdue: Bool.optional(),
  assignedToMe: Bool.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type WarningQuery = z.infer<typeof WarningQuery>;

export const WarningExportQuery = WarningQuery.omit({ page: true, pageSize: true });
export type WarningExportQuery = z.infer<typeof WarningExportQuery>;

export const NoteInput = z.strictObject({
  kind: z.enum(['visit', 'note'], { error: '记录类型应为 visit(走访)或 note(备注) / visit or note' }),
  visitedOn: IsoDate.optional(),
  note: z.string().trim().min(2, '请填写记录内容(至少2个字) / at least 2 characters').max(2000),
});
export type NoteInput = z.infer<typeof NoteInput>;

export const CloseInput = z
  .strictObject({
    outcome: z.enum(OUTCOMES, {
      error: '处置结果应为 visited(已走访)、assistance_started(已启动救助)或 dismissed(排除) / unknown outcome',
    }),
    note: z
      .string()
      .trim()
      .min(2, '请填写处置说明或排除理由(至少2个字) / a note or reason of at least 2 characters')
      .max(2000),
    visitedOn: IsoDate.optional(),
    /** An application already opened for the household; otherwise one is opened (temporary assistance). */
    caseId: z.uuid('应为有效的办件ID / must be a case id').optional(),
    version: z.number().int().positive(),
  })
  .refine((c) => c.outcome !== 'visited' || c.visitedOn !== undefined, {
    message: '走访结果须填写走访日期 / a visit needs its date',
    path: ['visitedOn'],
  });
export type CloseInput = z.infer<typeof CloseInput>;

export const RuleUpdateInput = z.strictObject({
  severity: z.enum(SEVERITIES, { error: '严重程度应为 high/medium/low / unknown severity' }),
  dueWorkingDays: z
    .number()
    .int('应为整数个工作日 / whole working days')
    .min(1, '至少1个工作日 / at least 1 working day')
    .max(60, '最多60个工作日 / at most 60 working days'),
  actRole: z.enum(['village_coordinator', 'township_reviewer', 'township_clerk'], {
    error: '处置角色应为村协理员、乡镇审核员或乡镇窗口 / unknown role',
  }),
  enabled: z.boolean(),
  params: z
    .strictObject({
      categories: z
        .array(z.string().regex(/^[a-z_]{2,60}$/))
        .max(40)
        .optional(),
      thresholdFen: z.number().int().min(0).max(1_000_000_000).optional(),
      maxLevel: z.number().int().min(1).max(4).optional(),
      ratioBp: z.number().int().min(1000).max(100_000).optional(),
      months: z.number().int().min(1).max(36).optional(),
      minCount: z.number().int().min(2).max(10).optional(),
      minAge: z.number().int().min(40).max(100).optional(),
      paidCategories: z
        .array(z.string().regex(/^[a-z_]{2,60}$/))
        .max(40)
        .optional(),
      depositCategories: z
        .array(z.string().regex(/^[a-z_]{2,60}$/))
        .max(40)
        .optional(),
    })
    .default({}),
  version: z.number().int().positive(),
});
export type RuleUpdateInput = z.infer<typeof RuleUpdateInput>;

export const DiscoveryInput = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为2-12位数字 / region code of 2-12 digits')
    .optional(),
});
export type DiscoveryInput = z.infer<typeof DiscoveryInput>;

export const FlagInput = z.strictObject({
  personId: z.uuid('应为有效的居民ID / must be a person id'),
  reason: z.string().trim().min(2, '请填写纳入监测的原因(至少2个字) / a reason of at least 2 characters').max(500),
});
export type FlagInput = z.infer<typeof FlagInput>;

export const FlagQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type FlagQuery = z.infer<typeof FlagQuery>;
