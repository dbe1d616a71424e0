import { z } from 'zod';
import { VillageCode } from '../../../core/registry/registry.schema.ts';

export const PublicityQuery = z.strictObject({ village: VillageCode });

export const PublicObjectionInput = z.strictObject({
  content: z
    .string()
    .trim()
    .min(5, '请写明异议内容(至少5个字) / describe the objection (at least 5 characters)')
    .max(2000),
  contact: z.string().trim().min(5, '请留下联系方式 / leave a way to contact you').max(100),
});
export type PublicObjectionInput = z.infer<typeof PublicObjectionInput>;

export const StaffObjectionInput = z.strictObject({
  content: z
    .string()
    .trim()
    .min(5, '请写明异议内容(至少5个字) / describe the objection (at least 5 characters)')
    .max(2000),
  contact: z.string().trim().max(100).optional(),
  receivedOn: z.iso.date('日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD').optional(),
});
export type StaffObjectionInput = z.infer<typeof StaffObjectionInput>;

export const ResolveObjectionInput = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed'], { error: '应为异议成立(upheld)或不成立(dismissed) / upheld or dismissed' }),
  resolution: z.string().trim().min(2, '请填写处理意见(至少2个字) / a resolution of at least 2 characters').max(2000),
});
export type ResolveObjectionInput = z.infer<typeof ResolveObjectionInput>;
