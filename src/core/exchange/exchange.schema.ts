import { z } from 'zod';

const Label = z
  .string()
  .trim()
  .min(1, '名称不能为空 / must not be empty')
  .max(100, '不超过100字 / at most 100 characters');

export const CategoryCodeParam = z.strictObject({
  code: z.string().regex(/^[a-z_]{2,60}$/, '类别代码为小写字母和下划线 / a category code is lower-case letters and _'),
});

export const CategoryUpdate = z.strictObject({
  version: z.number().int().min(1),
  nameZh: Label.optional(),
  nameEn: Label.optional(),
  enabled: z.boolean().optional(),
  fieldLabels: z
    .array(z.strictObject({ key: z.string().min(1).max(60), labelZh: Label, labelEn: Label }))
    .max(30)
    .optional(),
});
export type CategoryUpdate = z.infer<typeof CategoryUpdate>;

/** A pushed batch: the category's field keys per record, money in yuan (as in the template). At most 10,000. */
export const PushRecords = z.strictObject({
  records: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])), {
      error: 'records 应为记录数组 / records must be an array of records',
    })
    .min(1, '至少一条记录 / at least one record')
    .max(10_000, '每批不超过10000条 / at most 10,000 records per batch'),
});

export const QueryRecords = z.strictObject({
  idNumber: z.string().trim().min(1, '身份证号必填 / idNumber is required').max(18),
});

export const VerificationInput = z.strictObject({
  householdId: z.uuid('应为有效的家庭ID / must be a valid household id'),
  caseId: z.uuid('应为有效的办件ID / must be a valid case id').optional(),
});

export const BatchVerificationInput = z.strictObject({
  householdIds: z.array(z.uuid('应为有效的家庭ID / must be a valid household id')).min(1).max(5000),
});

export const VerificationQuery = z.strictObject({
  caseId: z.uuid().optional(),
  householdId: z.uuid().optional(),
});

export const BatchQuery = z.strictObject({
  categoryCode: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const IdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });
