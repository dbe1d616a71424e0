import { z } from 'zod';
import { isKnownRegion, regionLevelOfCode } from '../region/region-tree.ts';
import { dictionaryHas } from './dictionaries.ts';
import { checkIdNumber, ID_PROBLEM_MESSAGES } from './id-number.ts';

/** GB 11643 ID number with check digit; the issue names the problem (format, birth date, check digit). */
export const IdNumber = z
  .string({ error: '身份证号必填 / ID number is required' })
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = checkIdNumber(v);
    if (!r.ok)
      ctx.addIssue({
        code: 'custom',
        message: `${ID_PROBLEM_MESSAGES[r.problem].zh} / ${ID_PROBLEM_MESSAGES[r.problem].en}`,
      });
  });

export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为11位,以1开头 / a mobile number has 11 digits starting with 1');

/** A village/community code (12 digits) from the real code list. */
export const VillageCode = z
  .string()
  .regex(/^\d{12}$/, '区划代码应为12位村(社区)代码 / a 12-digit village/community code is required')
  .refine((c) => isKnownRegion(c), '区划代码不存在 / unknown region code');

/** Any known region code (2-12 digits). */
export const RegionCode = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '区划代码格式错误 / region code must have 2, 4, 6, 9 or 12 digits')
  .refine((c) => isKnownRegion(c), '区划代码不存在 / unknown region code');

/** Provinces of GB/T 2260; districts outside the shipped code list are accepted when their province is real. */
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

export const DistrictCode = z
  .string()
  .regex(/^\d{6}$/, '户籍地应为6位县级区划代码 / household registration needs a 6-digit district code')
  .refine(
    (c) =>
      isKnownRegion(c.slice(0, 4))
        ? isKnownRegion(c) && regionLevelOfCode(c) === 3
        : PROVINCES.has(c.slice(0, 2)) && c.slice(2) !== '0000',
    '户籍地区划代码不存在 / unknown district code',
  );

const dict = (code: string) =>
  z.string().refine((v) => dictionaryHas(code, v), `不在代码表 ${code} 中 / not in code list ${code}`);

export const PersonCreate = z.strictObject({
  idNumber: IdNumber,
  name: z.string().trim().min(1, '姓名必填 / name is required').max(50, '姓名过长 / name too long'),
  phone: Phone.optional(),
  ethnicity: dict('ethnicity').default('01'),
  hukouRegionCode: DistrictCode.optional(),
  regionCode: VillageCode,
  disabilityCategory: dict('disability_category').optional(),
  disabilityLevel: z.number().int().min(1).max(4).optional(),
  healthStatus: dict('health_status').default('healthy'),
  labourCapacity: dict('labour_capacity').default('full'),
  employmentStatus: dict('employment_status').default('unknown'),
  monthlyIncomeFen: z.number().int().min(0).max(100_000_000).default(0),
});
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonUpdate = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(50).optional(),
  phone: Phone.nullable().optional(),
  ethnicity: dict('ethnicity').optional(),
  regionCode: VillageCode.optional(),
  disabilityCategory: dict('disability_category').nullable().optional(),
  disabilityLevel: z.number().int().min(1).max(4).nullable().optional(),
  healthStatus: dict('health_status').optional(),
  labourCapacity: dict('labour_capacity').optional(),
  employmentStatus: dict('employment_status').optional(),
  monthlyIncomeFen: z.number().int().min(0).max(100_000_000).optional(),
  /** Date of death (死亡日期): emits person.deceased, which stops benefits from the following month. */
  deceasedOn: z.iso.date('应为日期 YYYY-MM-DD / must be a date').optional(),
});
export type PersonUpdate = z.infer<typeof PersonUpdate>;

const Page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const PersonQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  idNumber: z.string().trim().max(18).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码格式错误 / bad region code')
    .optional(),
  householdId: z.uuid().optional(),
  ...Page,
});
export type PersonQuery = z.infer<typeof PersonQuery>;

export const HouseholdQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码格式错误 / bad region code')
    .optional(),
  ...Page,
});
export type HouseholdQuery = z.infer<typeof HouseholdQuery>;

export const HouseholdCreate = z.strictObject({
  address: z.string().trim().min(2).max(200),
  regionCode: VillageCode,
  headPersonId: z.uuid(),
  validFrom: z.iso.date().optional(),
});

export const MemberAdd = z.strictObject({
  personId: z.uuid(),
  relationCode: dict('relation'),
  validFrom: z.iso.date(),
});

export const MemberLeave = z.strictObject({ validTo: z.iso.date() });

export const RevealRequest = z.strictObject({
  reason: z.string().trim().min(2, '请填写查看理由 / give a reason').max(200),
});
