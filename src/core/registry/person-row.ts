import { isKnownRegion, regionLevelOfCode } from '../region/region-tree.ts';
import type { FieldError } from '../shared/errors.ts';
import { dictionaryHas } from './dictionaries.ts';
import { checkIdNumber, ID_PROBLEM_MESSAGES } from './id-number.ts';

/** The columns of a persons import file (the `huimin import persons.csv` format). */
export const PERSON_CSV_COLUMNS = [
  'id_number',
  'name',
  'sex',
  'birth_date',
  'ethnicity',
  'phone',
  'hukou_region_code',
  'region_code',
  'disability_category',
  'disability_level',
  'health_status',
  'labour_capacity',
  'employment_status',
  'monthly_income_fen',
] as const;

export interface PersonRecord {
  idNumber: string;
  name: string;
  sex: string;
  birthDate: string;
  ethnicity: string;
  phone: string | null;
  hukouRegionCode: string;
  regionCode: string;
  disabilityCategory: string | null;
  disabilityLevel: number | null;
  healthStatus: string;
  labourCapacity: string;
  employmentStatus: string;
  monthlyIncomeFen: number;
}

const err = (field: string, zh: string, en: string): FieldError => ({ field, message_zh: zh, message_en: en });

/**
 * Validates one import row. Sex and birth date come from the ID number; when the file states them too they must
 * agree. Returns every problem of the row at once.
 */
export function validatePersonRow(
  raw: Record<string, string | undefined>,
  today: Date = new Date(),
): { ok: true; value: PersonRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const get = (k: string) => (raw[k] ?? '').trim();
  const idCheck = checkIdNumber(get('id_number'), today);
  if (!idCheck.ok) {
    const m = ID_PROBLEM_MESSAGES[idCheck.problem];
    errors.push(err('id_number', m.zh, m.en));
  }
  const name = get('name');
  if (name.length === 0 || name.length > 50)
    errors.push(err('name', '姓名必填且不超过50字', 'name is required, at most 50 characters'));
  if (idCheck.ok) {
    if (get('sex') && get('sex') !== idCheck.value.sex)
      errors.push(err('sex', '性别与身份证号不符', 'sex does not match the ID number'));
    if (get('birth_date') && get('birth_date') !== idCheck.value.birthDate) {
      errors.push(err('birth_date', '出生日期与身份证号不符', 'birth date does not match the ID number'));
    }
  }
  const phone = get('phone');
  if (phone && !/^1[3-9]\d{9}$/.test(phone))
    errors.push(err('phone', '手机号应为11位,以1开头', 'a mobile number has 11 digits starting with 1'));
  const regionCode = get('region_code');
  if (!/^\d{12}$/.test(regionCode) || !isKnownRegion(regionCode)) {
    errors.push(
      err('region_code', '居住地应为存在的12位村(社区)代码', 'residence must be a known 12-digit village code'),
    );
  }
  const hukou = get('hukou_region_code') || regionCode.slice(0, 6);
  if (regionLevelOfCode(hukou) !== 3 || !isKnownRegion(hukou)) {
    errors.push(
      err(
        'hukou_region_code',
        '户籍地应为存在的6位县级代码',
        'household registration must be a known 6-digit district code',
      ),
    );
  }
  const ethnicity = get('ethnicity') || '01';
  if (!dictionaryHas('ethnicity', ethnicity))
    errors.push(err('ethnicity', '民族代码不在代码表中', 'unknown ethnicity code'));
  const disabilityCategory = get('disability_category') || null;
  if (disabilityCategory && !dictionaryHas('disability_category', disabilityCategory)) {
    errors.push(err('disability_category', '残疾类别代码无效', 'unknown disability category'));
  }
  const levelRaw = get('disability_level');
  const disabilityLevel = levelRaw ? Number(levelRaw) : null;
  if (
    disabilityLevel !== null &&
    !(Number.isInteger(disabilityLevel) && disabilityLevel >= 1 && disabilityLevel <= 4)
  ) {
    errors.push(err('disability_level', '残疾等级应为1-4', 'disability level must be 1 to 4'));
  }
  if ((disabilityCategory === null) !== (disabilityLevel === null)) {
    errors.push(err('disability_level', '残疾类别与等级须同时填写', 'disability category and level go together'));
  }
  const healthStatus = get('health_status') || 'healthy';
  if (!dictionaryHas('health_status', healthStatus))
    errors.push(err('health_status', '健康状况代码无效', 'unknown health status'));
  const labourCapacity = get('labour_capacity') || 'full';
  if (!dictionaryHas('labour_capacity', labourCapacity))
    errors.push(err('labour_capacity', '劳动能力代码无效', 'unknown labour capacity'));
  const employmentStatus = get('employment_status') || 'unknown';
  if (!dictionaryHas('employment_status', employmentStatus)) {
    errors.push(err('employment_status', '就业状况代码无效', 'unknown employment status'));
  }
  const incomeRaw = get('monthly_income_fen') || '0';
  const monthlyIncomeFen = Number(incomeRaw);
  if (!/^\d{1,9}$/.test(incomeRaw))
    errors.push(err('monthly_income_fen', '月收入应为非负整数(分)', 'monthly income must be a whole number of fen'));
  if (errors.length > 0 || !idCheck.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      idNumber: idCheck.value.idNumber,
      name,
      sex: idCheck.value.sex,
      birthDate: idCheck.value.birthDate,
      ethnicity,
      phone: phone || null,
      hukouRegionCode: hukou,
      regionCode,
      disabilityCategory,
      disabilityLevel,
      healthStatus,
      labourCapacity,
      employmentStatus,
      monthlyIncomeFen,
    },
  };
}
