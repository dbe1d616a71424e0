import { z } from 'zod';
import { DIMENSION_CODES, GRADE_CODES } from './rating-grades.ts';

/** What a rating says: one grade, optional GB/T 39734 dimensions as tags, an optional comment. */
export const RatingInput = z.strictObject({
  grade: z.enum(GRADE_CODES, {
    error: '请选择评价等级:非常满意、满意、基本满意、不满意或非常不满意 / choose one of the five grades',
  }),
  dimensions: z
    .array(z.enum(DIMENSION_CODES, { error: '未知的评价维度 / unknown evaluation dimension' }))
    .max(DIMENSION_CODES.length)
    .refine((list) => new Set(list).size === list.length, '评价维度重复 / a dimension is listed twice')
    .default([]),
  comment: z.string().trim().max(500, '评价内容不超过500字 / at most 500 characters').optional(),
});
export type RatingInput = z.infer<typeof RatingInput>;

/** The resident rates one of their own closed cases. */
export const PortalRatingInput = RatingInput.extend({ caseId: z.uuid('应为有效的办件ID / must be a case id') });
export type PortalRatingInput = z.infer<typeof PortalRatingInput>;

const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');

export const RatingStatsQuery = z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional() });
export type RatingStatsQuery = z.infer<typeof RatingStatsQuery>;

/** The follow-up case's data: which rating it answers. */
export const FollowUpData = z.strictObject({
  ratingId: z.uuid(),
  ratedCaseId: z.uuid(),
  ratedCaseNo: z.string(),
  grade: z.enum(GRADE_CODES),
  dimensions: z.array(z.enum(DIMENSION_CODES)),
  comment: z.string().nullable(),
});
export type FollowUpData = z.infer<typeof FollowUpData>;
