import { z } from 'zod';
import { SENSITIVITIES } from './dictionary-types.ts';

export const DictionaryCodeParam = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z_]{1,40}$/, '代码表编码为小写字母和下划线 / a code set code is lower case letters and _'),
});

export const ItemParams = DictionaryCodeParam.extend({
  value: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, '代码值格式不正确 / invalid code value'),
});

export const DictionaryItemsQuery = z.strictObject({
  /** Include disabled items (the admin page); dropdowns and valueEnum get active items only. */
  all: z.enum(['true', 'false']).default('false'),
});

const Label = (zh: string, en: string) =>
  z.string().trim().min(1, `${zh}必填 / ${en} is required`).max(100, `${zh}过长 / ${en} too long`);
const Sensitivity = z.enum(SENSITIVITIES, '敏感级别无效 / unknown sensitivity');

export const LocalItemCreate = z.strictObject({
  value: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, '代码值为1-40位字母、数字或 _ . - / 1-40 letters, digits, _ . -'),
  labelZh: Label('中文名称', 'Chinese label'),
  labelEn: Label('英文名称', 'English label'),
  sort: z.number().int().min(0).max(1_000_000).optional(),
  sensitivity: Sensitivity.optional(),
  remark: z.string().trim().max(500).optional(),
});
export type LocalItemCreate = z.infer<typeof LocalItemCreate>;

export const LocalItemUpdate = z.strictObject({
  version: z.number().int().positive(),
  labelZh: Label('中文名称', 'Chinese label').optional(),
  labelEn: Label('英文名称', 'English label').optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
  isActive: z.boolean().optional(),
  sensitivity: Sensitivity.nullable().optional(),
  remark: z.string().trim().max(500).nullable().optional(),
});
export type LocalItemUpdate = z.infer<typeof LocalItemUpdate>;
