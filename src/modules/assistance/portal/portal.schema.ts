import { z } from 'zod';
import { PortalApplyInput } from '../application/application.schema.ts';

/** Zod schemas of the resident portal's assistance routes (one name for a schema and its type). */

/** A resident applies for their own household, as themselves: no household or applicant to choose. */
export const ResidentApplyInput = PortalApplyInput.omit({ householdId: true, applicantPersonId: true });
export type ResidentApplyInput = z.infer<typeof ResidentApplyInput>;

export const CaseParam = z.strictObject({ caseId: z.uuid('应为有效的办件ID / must be a case id') });

const Text = (max: number) => z.string().trim().max(max, `不超过${max}个字 / at most ${max} characters`);

/** 定期报告 / 变更报告 from the portal: what changed, in the resident's words, with optional figures. */
export const ResidentReportInput = z.strictObject({
  enrollmentId: z.uuid('应为有效的保障记录ID / must be an enrollment id'),
  kind: z.enum(['periodic', 'change'], { error: '报告类型应为 periodic 或 change / periodic or change' }),
  /** What changed or "no change" for a periodic report. */
  summary: Text(2000).min(2, '请填写情况说明(至少2个字) / describe the situation (at least 2 characters)'),
  changes: z
    .array(z.enum(['members', 'income', 'assets', 'address', 'health', 'employment', 'other']))
    .max(7)
    .default([]),
  /** Household income in the last month, fen, if the resident gives it. */
  monthlyIncomeFen: z
    .number()
    .int('金额应为整数(分) / amount must be an integer number of fen')
    .min(0, '金额不能为负数 / amount cannot be negative')
    .max(100_000_000, '金额超出合理范围 / amount out of range')
    .optional(),
  phoneChanged: z.boolean().default(false),
});
export type ResidentReportInput = z.infer<typeof ResidentReportInput>;
