import { z } from 'zod';
import { type Actor, isInScope } from '../auth/actor.ts';
import { dictionaryHas } from '../dictionary/dictionary-cache.ts';
import type { ExcelColumn, ExcelSheetSpec } from '../excel/excel-columns.ts';
import { checkIdNumber } from './id-number.ts';
import type { PersonRecord } from './person-row.ts';
import { DistrictCode, IdNumber, Phone, VillageCode } from './registry.schema.ts';

/** Columns of the persons import template. Sex and birth date are not asked: they come from the ID number. */
export const PERSON_IMPORT_COLUMNS: readonly ExcelColumn[] = [
  { key: 'idNumber', headerZh: '身份证号', headerEn: 'ID number', required: true, text: true, width: 22 },
  { key: 'name', headerZh: '姓名', headerEn: 'Name', required: true, width: 12 },
  { key: 'phone', headerZh: '手机号', headerEn: 'Mobile phone', text: true, width: 14 },
  { key: 'ethnicity', headerZh: '民族', headerEn: 'Ethnicity', dictionary: 'ethnicity', hintZh: '空白为汉族' },
  {
    key: 'regionCode',
    headerZh: '居住地区划代码',
    headerEn: 'Residence code',
    required: true,
    text: true,
    width: 18,
    hintZh: '12位村(社区)代码,须在您的管辖范围内',
  },
  {
    key: 'hukouRegionCode',
    headerZh: '户籍地区划代码',
    headerEn: 'Household registration code',
    text: true,
    width: 16,
    hintZh: '6位县级代码;空白为居住地所在区县',
  },
  {
    key: 'disabilityCategory',
    headerZh: '残疾类别',
    headerEn: 'Disability category',
    dictionary: 'disability_category',
  },
  { key: 'disabilityLevel', headerZh: '残疾等级', headerEn: 'Disability level', dictionary: 'disability_level' },
  { key: 'healthStatus', headerZh: '健康状况', headerEn: 'Health status', dictionary: 'health_status' },
  { key: 'labourCapacity', headerZh: '劳动能力', headerEn: 'Labour capacity', dictionary: 'labour_capacity' },
  { key: 'employmentStatus', headerZh: '就业状况', headerEn: 'Employment status', dictionary: 'employment_status' },
  {
    key: 'monthlyIncome',
    headerZh: '月收入(元)',
    headerEn: 'Monthly income (yuan)',
    width: 12,
    hintZh: '最多两位小数',
  },
];

const inDictionary = (code: string, zh: string, en: string) =>
  z.string().refine((v) => dictionaryHas(code, v), `${zh}不在代码表中 / ${en} is not in the code list`);

/**
 * One import row (strings; code-set columns already turned from labels into codes) → a person record. The
 * residence must lie in the importing user's jurisdiction, like a single registration.
 */
export function personImportSchema(actor: Actor): z.ZodType<PersonRecord> {
  return z
    .object({
      idNumber: IdNumber,
      name: z.string({ error: '姓名必填 / name is required' }).min(1).max(50, '姓名过长 / name too long'),
      phone: Phone.optional(),
      ethnicity: inDictionary('ethnicity', '民族', 'ethnicity').default('01'),
      regionCode: z.string({ error: '居住地区划代码必填 / residence code is required' }).pipe(VillageCode),
      hukouRegionCode: DistrictCode.optional(),
      disabilityCategory: inDictionary('disability_category', '残疾类别', 'disability category').optional(),
      disabilityLevel: inDictionary('disability_level', '残疾等级', 'disability level').optional(),
      healthStatus: inDictionary('health_status', '健康状况', 'health status').default('healthy'),
      labourCapacity: inDictionary('labour_capacity', '劳动能力', 'labour capacity').default('full'),
      employmentStatus: inDictionary('employment_status', '就业状况', 'employment status').default('unknown'),
      monthlyIncome: z
        .string()
        .regex(/^\d{1,7}(\.\d{1,2})?$/, '月收入应为不超过两位小数的非负金额(元) / income in yuan, at most 2 decimals')
        .optional(),
    })
    .superRefine((row, ctx) => {
      if (!isInScope(actor, row.regionCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regionCode'],
          message: '居住地不在您的管辖范围内 / the residence is outside your jurisdiction',
        });
      }
      if ((row.disabilityCategory === undefined) !== (row.disabilityLevel === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['disabilityLevel'],
          message: '残疾类别与等级须同时填写 / disability category and level go together',
        });
      }
    })
    .transform((row): PersonRecord => {
      const id = checkIdNumber(row.idNumber);
      if (!id.ok) throw new Error('unreachable: IdNumber already checked the ID number');
      return {
        idNumber: id.value.idNumber,
        name: row.name,
        sex: id.value.sex,
        birthDate: id.value.birthDate,
        ethnicity: row.ethnicity,
        phone: row.phone ?? null,
        hukouRegionCode: row.hukouRegionCode ?? row.regionCode.slice(0, 6),
        regionCode: row.regionCode,
        disabilityCategory: row.disabilityCategory ?? null,
        disabilityLevel: row.disabilityLevel === undefined ? null : Number(row.disabilityLevel),
        healthStatus: row.healthStatus,
        labourCapacity: row.labourCapacity,
        employmentStatus: row.employmentStatus,
        monthlyIncomeFen: row.monthlyIncome === undefined ? 0 : Math.round(Number(row.monthlyIncome) * 100),
      };
    });
}

/** The persons import sheet for one user. */
export function personImportSpec(actor: Actor): ExcelSheetSpec<PersonRecord> {
  return { sheetName: '居民', columns: PERSON_IMPORT_COLUMNS, schema: personImportSchema(actor) };
}
