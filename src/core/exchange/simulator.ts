/**
 * Deterministic department feeds (pure): realistic records of any category about given people, from one seeded
 * PRNG, in the form a department file has (money in yuan as text, codes, dates). For the demo region (subjects from
 * the registry) and for benchmarks (subjects from the demo population generator).
 */
import { createRng, type Rng } from '../registry/demo/rng.ts';
import {
  AMOUNT_FIELD,
  type CategoryField,
  NAME_FIELD,
  OCCURRED_FIELD,
  RECORD_ID_FIELD,
  SUBJECT_FIELD,
} from './catalogue.ts';

/** Plausible amount range in yuan per category (the `amount` field). */
const AMOUNT_YUAN: Record<string, [number, number]> = {
  police_vehicle: [20_000, 150_000],
  hrss_pension: [150, 4_500],
  hrss_unemployment: [1_500, 1_900],
  hrss_employment: [1_800, 6_500],
  hrss_social_insurance: [3_500, 8_000],
  hrss_work_injury: [1_500, 3_500],
  medical_hospitalisation: [3_000, 80_000],
  medical_self_paid: [50, 3_000],
  tax_wage_income: [5_000, 15_000],
  tax_business_income: [5_000, 50_000],
  tax_property_income: [1_000, 20_000],
  real_estate_title: [100_000, 800_000],
  real_estate_transaction: [100_000, 800_000],
  market_business: [10_000, 1_000_000],
  provident_fund_account: [1_000, 80_000],
  provident_fund_withdrawal: [1_000, 30_000],
  bank_deposit: [100, 100_000],
  bank_wealth: [10_000, 200_000],
  insurance_policy: [1_000, 50_000],
  insurance_payout: [500, 20_000],
  securities_account: [1_000, 200_000],
  securities_fund: [1_000, 100_000],
  disability_rehabilitation: [500, 5_000],
  health_family_planning: [500, 800],
  court_enforcement: [2_000, 200_000],
};

const POOLS: Record<string, readonly string[]> = {
  bank: ['中国农业银行武隆支行', '重庆农村商业银行武隆支行', '中国邮政储蓄银行武隆支行', '中国建设银行武隆支行'],
  broker: ['西南证券', '中信证券', '华泰证券'],
  insurer: ['中国人寿', '中国平安', '太平洋保险'],
  hospital: ['武隆区人民医院', '武隆区中医院', '重庆医科大学附属第一医院', '仙女山街道卫生院'],
  institution: ['武隆区人民医院', '白马镇卫生院', '仙女山街道卫生院'],
  employer: ['武隆喀斯特旅游公司', '仙女山度假酒店', '白马山茶业合作社', '武隆区建筑公司'],
  payer: ['武隆喀斯特旅游公司', '仙女山度假酒店', '武隆区建筑公司'],
  fund: ['易方达蓝筹精选', '华夏成长', '南方稳健'],
  product: ['稳健理财30天', '安享一年期'],
  disease: ['恶性肿瘤', '尿毒症透析', '高血压', '糖尿病'],
  diagnosis: ['肺炎', '骨折', '脑梗死', '恶性肿瘤'],
  business_name: ['武隆山货商行', '仙女山民宿', '白马农家乐', '武隆运输队'],
  insurance_type: ['企业职工基本养老保险', '失业保险', '工伤保险'],
  service: ['肢体康复训练', '辅具适配', '听力康复'],
  reason: ['购房', '退休', '重大疾病'],
  cause: ['死亡', '宣告死亡'],
};

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

function fieldValue(field: CategoryField, rng: Rng, occurredMs: number, i: number): string {
  switch (field.type) {
    case 'code':
      return field.options?.length ? rng.pick(field.options).code : '';
    case 'date':
      return iso(occurredMs + rng.int(180, 5 * 365) * DAY);
    case 'money':
      return (rng.int(10_000, 500_000) / 100).toFixed(2);
    case 'int':
      if (field.key === 'disability_level') return String(rng.int(1, 4));
      if (field.key === 'employees') return String(rng.chance(0.8) ? 0 : rng.int(1, 12));
      if (field.key === 'area_m2') return String(rng.int(40, 200));
      return String(rng.int(1, 3));
    case 'text': {
      const pool = POOLS[field.key];
      if (pool) return rng.pick(pool);
      if (field.key === 'plate') return `渝G${String(10_000 + (i % 89_999)).padStart(5, '0')}`;
      if (field.key.endsWith('_no') || field.key.includes('account'))
        return `${rng.int(100_000, 999_999)}${String(i).padStart(10, '0')}`;
      if (field.key === 'region_code') return '500156003204';
      if (field.sensitive) return '';
      return `${field.labelZh}${rng.int(1, 99)}`;
    }
  }
}

/**
 * `count` records of a category about the given people (ID numbers), deterministic for a seed: the same call gives
 * the same rows. Dates fall within the 24 months before `asOf`; each row has a department record id.
 */
export function simulateRows(
  categoryCode: string,
  fields: readonly CategoryField[],
  subjects: readonly string[],
  count: number,
  options: { seed?: number; asOf?: string } = {},
): Record<string, string>[] {
  if (subjects.length === 0) throw new Error('simulateRows: no subjects');
  const rng = createRng(options.seed ?? 20260101);
  const end = Date.parse(`${options.asOf ?? '2026-11-01'}T00:00:00Z`);
  const [lo, hi] = AMOUNT_YUAN[categoryCode] ?? [100, 10_000];
  const rows: Record<string, string>[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const occurredMs = end - rng.int(0, 730) * DAY;
    const row: Record<string, string> = {};
    for (const field of fields) {
      if (field.key === RECORD_ID_FIELD) row[field.key] = `${categoryCode}-${options.seed ?? 20260101}-${i}`;
      else if (field.key === SUBJECT_FIELD) row[field.key] = subjects[rng.int(0, subjects.length - 1)];
      else if (field.key === NAME_FIELD) continue;
      else if (field.key === OCCURRED_FIELD) row[field.key] = iso(occurredMs);
      else if (field.key === AMOUNT_FIELD) row[field.key] = (rng.int(lo * 100, hi * 100) / 100).toFixed(2);
      else if (field.key === 'self_paid') row[field.key] = (rng.int(lo * 10, hi * 40) / 100).toFixed(2);
      else {
        const v = fieldValue(field, rng, occurredMs, i);
        if (v !== '') row[field.key] = v;
      }
    }
    rows[i] = row;
  }
  return rows;
}
