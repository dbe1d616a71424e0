import { z } from 'zod';
import { RegionCode } from '../registry/registry.schema.ts';

/** Request shapes of the settings, notices and messages routes (one name for a schema and its type). */
export const MessagingIdParam = z.strictObject({ id: z.uuid('应为有效的ID / must be a valid id') });

export const InboxQuery = z.strictObject({
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const SettingsUpdate = z.strictObject({
  /** key → new value (null = back to the default); each value is checked against its setting's type. */
  values: z.record(z.string().max(100), z.unknown()),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

const IsoDate = z.iso.date('应为日期 YYYY-MM-DD / must be a date YYYY-MM-DD');

export const NoticeCreate = z.strictObject({
  title: z.string().trim().min(2, '标题至少2个字 / at least 2 characters').max(100, '标题过长 / too long'),
  body: z.string().trim().min(1, '请填写正文 / the text is required').max(5000, '正文过长 / too long'),
  targetRegion: RegionCode.optional(),
  targetOrgId: z.uuid('应为有效的机构ID / must be an organisation id').optional(),
  publishOn: IsoDate.optional(),
  expireOn: IsoDate.optional(),
});
export type NoticeCreate = z.infer<typeof NoticeCreate>;
