/**
 * Deterministic synthetic population for demos and benchmarks: rural Chongqing households (tuned for 武隆, a
 * Tujia/Miao area) with valid, unique GB 11643 ID numbers, GB/T 4761 relations and plausible welfare attributes.
 * Pure: no I/O. Everything flows from one seeded PRNG, so the same seed + `today` gives the same population.
 */

import { makeIdNumber } from './id-number.ts';
import { RELATION_CODES } from './relation-codes.ts';

// ---------------------------------------------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------------------------------------------

export interface WeightedTable<T> {
  readonly items: readonly T[];
  /** Running totals of the weights, so a draw is a binary search rather than a scan that re-sums every time. */
  readonly cumulative: Float64Array;
}

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(table: WeightedTable<T>): T;
  chance(probability: number): boolean;
}

/** Precomputes a table for `Rng.weighted`; weights are relative and need not sum to 1. */
export function weightedTable<T>(items: readonly T[], weights: readonly number[]): WeightedTable<T> {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weightedTable needs at least one item and exactly one weight per item');
  }
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i]))
      throw new RangeError(`weight #${i} must be finite and >= 0`);
    total += weights[i];
    cumulative[i] = total;
  }
  if (total <= 0) throw new RangeError('weights must not all be zero');
  return { items, cumulative };
}

/** A seeded mulberry32 PRNG (32-bit state, fast, fine for synthetic data; never for secrets). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (table) => {
      const c = table.cumulative;
      const r = next() * c[c.length - 1];
      let lo = 0;
      let hi = c.length - 1;
      // First index whose running total exceeds r; zero-weight items can never satisfy the strict `>`.
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (c[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return table.items[lo];
    },
    chance: (probability) => next() < probability,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Code tables
// ---------------------------------------------------------------------------------------------------------------

/**
 * The head's own code. GB/T 4761 has both 01 本人 (the subject of a personal record) and 02 户主; member relations
 * in a household are stated relative to the head, so the head row is 02.
 */
export { RELATION_CODES };
export const HEAD_RELATION_CODE = '02';

// Codes the generator emits. Generic 10/20/30 for spouse/son/daughter (sex is on the person, and these are what
// 民政 family-member tables normally carry); specific codes where the generic one would lose the line of descent.
const SPOUSE = '10';
const SON = '20';
const DAUGHTER = '30';
const SON_IN_LAW = '28';
const DAUGHTER_IN_LAW = '38';
const GRANDSON = '41';
const GRANDDAUGHTER = '42';
const DAUGHTERS_SON = '43';
const DAUGHTERS_DAUGHTER = '44';
const FATHER = '51';
const MOTHER = '52';
// Generic 70 rather than 71 兄/73 弟/75 姐/77 妹: the platform's relation dictionary (dictionaries.ts) lists only 70.
const SIBLING = '70';

export type DemoSex = '1' | '2';
export type HealthStatus = 'healthy' | 'chronic' | 'major_disease';
export type LabourCapacity = 'full' | 'partial' | 'none';
export type EmploymentStatus =
  | 'employed'
  | 'farming'
  | 'self_employed'
  | 'unemployed'
  | 'student'
  | 'retired'
  | 'preschool'
  | 'unknown';

const MALE: DemoSex = '1';
const FEMALE: DemoSex = '2';

/** National surname frequency (% of population, rounded), in rank order. */
const SURNAME_FREQUENCIES =
  '王7.12 李7.00 张6.74 刘5.10 陈4.61 杨3.22 黄2.45 赵2.19 吴2.08 周2.07 徐1.45 孙1.38 马1.29 朱1.28 胡1.16 ' +
  '郭1.13 何1.06 高1.00 林1.00 罗0.95 郑0.87 梁0.83 谢0.77 宋0.71 唐0.70 许0.65 韩0.63 冯0.62 邓0.61 曹0.60 ' +
  '彭0.58 曾0.56 肖0.55 田0.53 董0.52 袁0.51 潘0.50 于0.49 蒋0.48 蔡0.47 余0.46 杜0.45 叶0.44 程0.43 苏0.42 ' +
  '魏0.41 吕0.40 丁0.39 任0.38 沈0.37 姚0.36 卢0.35 姜0.34 崔0.33 钟0.32 谭0.31 陆0.30 汪0.29 范0.28 金0.27 ' +
  '石0.26 廖0.25 贾0.24 夏0.23 韦0.22 付0.21 方0.20 白0.19 邹0.19 孟0.18 熊0.18 秦0.17 邱0.17 江0.16 尹0.16 ' +
  '薛0.15 闫0.15 段0.15 雷0.14 侯0.14 龙0.14 史0.13 陶0.13 黎0.13 贺0.13 顾0.12 毛0.12 郝0.12 龚0.12 邵0.11 ' +
  '万0.11 钱0.11 严0.11 覃0.10 武0.10 戴0.10 莫0.10 孔0.10 向0.10 汤0.10 冉0.03';

// 武隆 and the Tujia/Miao counties around it have far more 向/冉/谭/覃/田 and fewer northern surnames than the
// national table; multipliers rather than a separate table keep the national ranking visible.
const LOCAL_SURNAME_MULTIPLIERS: Readonly<Record<string, number>> = {
  向: 14,
  冉: 35,
  谭: 5,
  覃: 8,
  田: 4,
  陈: 1.3,
  刘: 1.2,
  王: 0.7,
  孙: 0.5,
  郭: 0.5,
  韩: 0.4,
  于: 0.3,
  崔: 0.3,
  郝: 0.4,
  闫: 0.3,
};

const SURNAMES: WeightedTable<string> = (() => {
  const names: string[] = [];
  const weights: number[] = [];
  for (const entry of SURNAME_FREQUENCIES.split(' ')) {
    const name = entry.slice(0, 1);
    names.push(name);
    weights.push(Number(entry.slice(1)) * (LOCAL_SURNAME_MULTIPLIERS[name] ?? 1));
  }
  return weightedTable(names, weights);
})();

// Given-name fashions change by generation, so a 2015 child is not called 桂兰 and a 1940 farmer not 子轩.
// Per era and sex: [first-character pool, second-character pool]; single-character names draw from the second pool.
type NamePools = readonly [readonly string[], readonly string[]];
const chars = (s: string): readonly string[] => [...s];
const GIVEN_NAME_POOLS: ReadonlyArray<{ male: NamePools; female: NamePools; singleRate: number }> = [
  {
    // born before 1960
    male: [chars('德国光明世绍正长树家泽洪永开金玉万天学清'), chars('全福贵富荣发才云清华明林山成生安堂元武昌')],
    female: [chars('秀桂玉淑凤素翠春德明树光菊兰金碧'), chars('英兰珍芳芬莲华秀香凤群仙碧清芝')],
    singleRate: 0.12,
  },
  {
    // 1960-1984
    male: [chars('建国志明永小文海俊红卫学华家光继成德长先'), chars('军华平明强林伟勇斌刚辉东兵波峰涛杰龙荣春')],
    female: [chars('小晓红秀丽春美金海燕玉素彩琼'), chars('英兰芳华梅琼群莲霞蓉敏丽燕萍芬琴娟艳菊')],
    singleRate: 0.15,
  },
  {
    // 1985-2004
    male: [chars('俊志晓文家宇浩建天明小嘉鹏佳子'), chars('杰伟鹏磊涛超亮宇强飞龙军洋帆鑫浩斌豪江')],
    female: [chars('晓小丽雪佳思梦婷静欣雨春玉嘉诗'), chars('丽婷娟燕敏静洁琳雪丹艳霞玲倩蓉芳颖瑶月')],
    singleRate: 0.2,
  },
  {
    // 2005 onwards
    male: [chars('子浩梓宇俊皓博明一天思睿锦家铭嘉奕'), chars('轩然豪宇航杰文睿阳鸣远佑熙程墨泽辰铭')],
    female: [chars('欣梓雨诗子可思一梦佳语紫若芷心馨艺'), chars('怡涵桐琪诺瑶欣嫣萱曦若月悦彤妍琳')],
    singleRate: 0.1,
  },
];

function nameEra(birthYear: number): number {
  if (birthYear < 1960) return 0;
  if (birthYear < 1985) return 1;
  if (birthYear < 2005) return 2;
  return 3;
}

/** GB/T 3304 ethnicity codes: 01 汉, 15 土家, 06 苗, 37 仡佬 (the three minorities present in 武隆). */
const HAN = '01';
const ETHNICITIES = weightedTable([HAN, '15', '06', '37'], [86, 8, 4, 2]);

/** GB/T 26341 categories, weighted roughly as among certificate holders (肢体 dominates). */
const DISABILITY_CATEGORIES = weightedTable(['1', '2', '3', '4', '5', '6', '7'], [11, 11, 2, 48, 9, 11, 8]);
const DISABILITY_LEVELS = weightedTable<1 | 2 | 3 | 4>([1, 2, 3, 4], [10, 20, 30, 40]);

/** Mobile number prefixes in use (13x, 15x without 154, 18x, the newer 19x), as numbers to build phones in one step. */
const MOBILE_PREFIXES: readonly number[] = [
  130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 180, 181, 182, 183,
  184, 185, 186, 187, 188, 189, 191, 193, 195, 196, 197, 198, 199,
];

const WORKING_FULL = weightedTable<EmploymentStatus>(
  ['farming', 'employed', 'self_employed', 'unemployed', 'unknown'],
  [40, 38, 8, 8, 6],
);
const WORKING_PARTIAL = weightedTable<EmploymentStatus>(
  ['farming', 'unemployed', 'employed', 'unknown'],
  [60, 25, 10, 5],
);

/** Other Chongqing districts, for the minority whose hukou is not where they live (often in-married spouses). */
const OTHER_DISTRICTS: readonly string[] = [
  '500102', // 涪陵
  '500119', // 南川
  '500230', // 丰都
  '500243', // 彭水
  '500103', // 渝中
  '500106', // 沙坪坝
  '500107', // 九龙坡
  '500112', // 渝北
  '500101', // 万州
  '500114', // 黔江
  '500240', // 石柱
];

// Household kinds with weights calibrated to a mean size of ≈2.8 (hukou households in rural Chongqing, where
// working-age adults migrate but stay registered): many elderly alone or as couples, left-behind grandchildren.
type HouseholdKind =
  | 'elder_alone'
  | 'adult_alone'
  | 'elder_couple'
  | 'middle_couple'
  | 'nuclear'
  | 'single_parent'
  | 'skipped_generation'
  | 'three_generation'
  | 'with_elder_parent'
  | 'with_sibling';
const HOUSEHOLD_KINDS = weightedTable<HouseholdKind>(
  [
    'elder_alone',
    'adult_alone',
    'elder_couple',
    'middle_couple',
    'nuclear',
    'single_parent',
    'skipped_generation',
    'three_generation',
    'with_elder_parent',
    'with_sibling',
  ],
  [14, 6, 15, 8, 22, 5, 10, 13, 6, 1],
);
const NUCLEAR_CHILDREN = weightedTable([1, 2, 3], [40, 45, 15]);
const SINGLE_PARENT_CHILDREN = weightedTable([1, 2], [65, 35]);
const LEFT_BEHIND_CHILDREN = weightedTable([1, 2, 3], [45, 40, 15]);
const GRANDCHILDREN = weightedTable([0, 1, 2], [20, 45, 35]);
const OWN_CHILDREN = weightedTable([0, 1, 2], [20, 50, 30]);

/** Slot pool size: the largest planned household has 6 members (e.g. head, spouse, son, 儿媳, two grandchildren). */
const MAX_MEMBERS = 8;

// ---------------------------------------------------------------------------------------------------------------
// Dates and unique ID numbers
// ---------------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** 1900-01-01: checkIdNumber rejects earlier years. */
const MIN_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
const MAX_DAY = Date.UTC(2100, 0, 1) / DAY_MS;
const DAY_SPAN = MAX_DAY - MIN_DAY;
/** Oldest generated age; keeps birth years well inside checkIdNumber's 1900 floor. */
const MAX_AGE = 105;

function isoToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
  if (!m || Number.isNaN(day) || dayToIso(day) !== iso) throw new RangeError(`not a valid YYYY-MM-DD date: ${iso}`);
  if (day < MIN_DAY || day >= MAX_DAY) throw new RangeError(`date out of the supported 1900-2099 range: ${iso}`);
  return day;
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO strings cached by day, so a million people cost ~40k Date conversions instead of a million. */
function createDateCache(): (day: number) => string {
  const cache: string[] = new Array(DAY_SPAN);
  return (day) => {
    const i = day - MIN_DAY;
    let iso = cache[i];
    if (iso === undefined) {
      iso = dayToIso(day);
      cache[i] = iso;
    }
    return iso;
  };
}

interface RegionCounters {
  /** Sequences handed out so far, per day: [male, female] pairs. Uint16 because a slot never passes 500. */
  counts: Uint16Array;
  salt: number;
}

/**
 * Sequence bookkeeping shared by the generator and `createIdAllocator`. Returns (day - MIN_DAY) * 1000 + sequence as
 * one number so the hot path allocates nothing.
 */
function createSequenceBook(): (region6: string, day: number, male: boolean) => number {
  const regions = new Map<string, RegionCounters>();
  return (region6, day, male) => {
    let region = regions.get(region6);
    if (region === undefined) {
      let salt = 0;
      for (let i = 0; i < region6.length; i++) salt = (salt * 31 + region6.charCodeAt(i)) % 100_003;
      region = { counts: new Uint16Array(DAY_SPAN * 2), salt };
      regions.set(region6, region);
    }
    // Odd sequences 001..999 are male (500 of them), even 002..998 female (499; 000 is not issued).
    const capacity = male ? 500 : 499;
    if (day >= MAX_DAY) throw new RangeError('birth date after 2099 is not supported');
    // A full day moves the birth date one day earlier: never into the future, and a day's shift is invisible.
    for (let d = day; d >= MIN_DAY; d--) {
      const offset = d - MIN_DAY;
      const slot = offset * 2 + (male ? 0 : 1);
      const k = region.counts[slot];
      if (k < capacity) {
        region.counts[slot] = k + 1;
        // k → (37k + c) mod capacity is a bijection (37 is coprime to 500 and 499), so sequences stay unique but
        // look scattered like real ones instead of every ID ending in 001/002.
        const j = (k * 37 + offset * 131 + region.salt) % capacity;
        return offset * 1000 + (male ? 2 * j + 1 : 2 * j + 2);
      }
    }
    throw new RangeError(`no free ID sequence in region ${region6} on or before the requested birth date`);
  };
}

export interface IdAllocator {
  /** A new unique ID; the birth date inside it may be earlier than requested when that date is full. */
  allocate(region6: string, birthDate: string, sex: DemoSex): string;
}

/** Hands out unique ID numbers per region + birth date + sex (500 male / 499 female per day, then the day before). */
export function createIdAllocator(): IdAllocator {
  const take = createSequenceBook();
  const isoOf = createDateCache();
  return {
    allocate(region6, birthDate, sex) {
      if (!/^\d{6}$/.test(region6)) throw new RangeError(`region code must be 6 digits: ${region6}`);
      const encoded = take(region6, isoToDay(birthDate), sex === MALE);
      return makeIdNumber(region6, isoOf(MIN_DAY + Math.floor(encoded / 1000)), encoded % 1000);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Population
// ---------------------------------------------------------------------------------------------------------------

export interface DemoPerson {
  idNumber: string;
  name: string;
  sex: DemoSex;
  birthDate: string;
  /** GB/T 3304 two-digit code. */
  ethnicity: string;
  phone: string | null;
  /** 6-digit district of the hukou; also the first 6 digits of the ID number. */
  hukouRegionCode: string;
  /** 12-digit village (居委会/村委会) code where the person lives. */
  regionCode: string;
  /** GB/T 26341: 1 视力 2 听力 3 言语 4 肢体 5 智力 6 精神 7 多重. */
  disabilityCategory: string | null;
  disabilityLevel: 1 | 2 | 3 | 4 | null;
  healthStatus: HealthStatus;
  labourCapacity: LabourCapacity;
  employmentStatus: EmploymentStatus;
  monthlyIncomeFen: number;
}

export interface DemoHousehold {
  householdNo: string;
  regionCode: string;
  address: string;
  /** Head first (relation HEAD_RELATION_CODE); others relative to the head (GB/T 4761). */
  members: Array<{ personIndex: number; relationCode: string }>;
}

export interface DemoVillage {
  /** 12-digit statistical division code. */
  code: string;
  name: string;
}

export interface GeneratePopulationOptions {
  villages: readonly DemoVillage[];
  /** Exact number of people to generate. */
  persons: number;
  seed?: number;
  /** Reference date for ages, YYYY-MM-DD. Defaults to the current UTC date; pass it for byte-identical output. */
  today?: string;
}

export interface DemoPopulation {
  persons: DemoPerson[];
  households: DemoHousehold[];
}

/** One planned member; a fixed pool of these is reused for every household so planning allocates nothing. */
interface Slot {
  relation: string;
  age: number;
  sex: DemoSex;
  surname: string;
  ethnicity: string;
  /** Married into the household: more likely to have kept a hukou elsewhere. */
  inMarried: boolean;
  /** Shared first given-name character of brothers (字辈), or ''. */
  generationChar: string;
}

interface Plan {
  size: number;
  slots: Slot[];
  headAge: number;
  headSurname: string;
  headEthnicity: string;
  /** Surname children inherit (the father's). */
  lineage: string;
  /** Ages of the oldest and youngest parent-generation adult, bounding children's ages. */
  oldestParent: number;
  youngestParent: number;
  childEthnicity: string;
  todayYear: number;
}

function addMember(
  plan: Plan,
  relation: string,
  age: number,
  sex: DemoSex,
  surname: string,
  ethnicity: string,
  inMarried: boolean,
  generationChar = '',
): void {
  const slot = plan.slots[plan.size++];
  slot.relation = relation;
  slot.age = age;
  slot.sex = sex;
  slot.surname = surname;
  slot.ethnicity = ethnicity;
  slot.inMarried = inMarried;
  slot.generationChar = generationChar;
}

function planSingleHead(rng: Rng, plan: Plan, age: number, sex: DemoSex, ethnicity: string): void {
  const surname = rng.weighted(SURNAMES);
  addMember(plan, HEAD_RELATION_CODE, age, sex, surname, ethnicity, false);
  plan.headAge = age;
  plan.headSurname = surname;
  plan.headEthnicity = ethnicity;
  // A widowed or divorced mother's children carry their father's surname.
  plan.lineage = sex === MALE ? surname : rng.chance(0.75) ? rng.weighted(SURNAMES) : surname;
  plan.oldestParent = age;
  plan.youngestParent = age;
  plan.childEthnicity = ethnicity;
}

function planCouple(rng: Rng, plan: Plan, husbandAge: number, ethnicity: string): void {
  const wifeAge = Math.max(18, husbandAge - rng.int(-2, 6));
  const husbandSurname = rng.weighted(SURNAMES);
  // Chinese women keep their own surname on marriage.
  const wifeSurname = rng.weighted(SURNAMES);
  const wifeEthnicity = rng.chance(0.75) ? ethnicity : rng.weighted(ETHNICITIES);
  if (rng.chance(0.1)) {
    addMember(plan, HEAD_RELATION_CODE, wifeAge, FEMALE, wifeSurname, wifeEthnicity, false);
    addMember(plan, SPOUSE, husbandAge, MALE, husbandSurname, ethnicity, true);
    plan.headAge = wifeAge;
    plan.headSurname = wifeSurname;
    plan.headEthnicity = wifeEthnicity;
  } else {
    addMember(plan, HEAD_RELATION_CODE, husbandAge, MALE, husbandSurname, ethnicity, false);
    addMember(plan, SPOUSE, wifeAge, FEMALE, wifeSurname, wifeEthnicity, true);
    plan.headAge = husbandAge;
    plan.headSurname = husbandSurname;
    plan.headEthnicity = ethnicity;
  }
  plan.lineage = husbandSurname;
  plan.oldestParent = Math.max(husbandAge, wifeAge);
  plan.youngestParent = Math.min(husbandAge, wifeAge);
  // Mixed couples usually register children as the minority (it carries policy benefits).
  plan.childEthnicity = ethnicity !== HAN ? ethnicity : wifeEthnicity;
}

/** Adds up to `count` descendants with ages in [lo, hi], eldest first, 2-6 completed years (so > 1 year) apart. */
function planDescendants(
  rng: Rng,
  plan: Plan,
  count: number,
  lo: number,
  hi: number,
  sonCode: string,
  daughterCode: string,
  surname: string,
  ethnicity: string,
): void {
  if (count === 0 || hi < lo) return;
  let age = rng.int(lo, hi);
  const pools = GIVEN_NAME_POOLS[nameEra(plan.todayYear - age)].male;
  const generationChar = rng.chance(0.45) ? rng.pick(pools[0]) : '';
  for (let i = 0; i < count && age >= lo; i++) {
    const male = rng.chance(0.52);
    addMember(
      plan,
      male ? sonCode : daughterCode,
      age,
      male ? MALE : FEMALE,
      surname,
      ethnicity,
      false,
      generationChar,
    );
    age -= rng.int(2, 6);
  }
}

/** Children of the parent generation already planned: each 20-40 years younger than both parents. */
function planChildren(rng: Rng, plan: Plan, count: number): void {
  const lo = Math.max(0, plan.oldestParent - 40);
  const hi = plan.youngestParent - 20;
  planDescendants(rng, plan, count, lo, hi, SON, DAUGHTER, plan.lineage, plan.childEthnicity);
}

function planHousehold(rng: Rng, plan: Plan, kind: HouseholdKind): void {
  plan.size = 0;
  const ethnicity = rng.weighted(ETHNICITIES);
  switch (kind) {
    case 'elder_alone':
      // Widows outnumber widowers.
      planSingleHead(rng, plan, rng.int(60, 92), rng.chance(0.58) ? FEMALE : MALE, ethnicity);
      break;
    case 'adult_alone':
      // Mostly unmarried men: the rural marriage squeeze.
      planSingleHead(rng, plan, rng.int(25, 59), rng.chance(0.75) ? MALE : FEMALE, ethnicity);
      break;
    case 'elder_couple':
      planCouple(rng, plan, rng.int(60, 88), ethnicity);
      break;
    case 'middle_couple':
      planCouple(rng, plan, rng.int(42, 62), ethnicity);
      break;
    case 'nuclear':
      planCouple(rng, plan, rng.int(26, 52), ethnicity);
      planChildren(rng, plan, rng.weighted(NUCLEAR_CHILDREN));
      break;
    case 'single_parent':
      planSingleHead(rng, plan, rng.int(30, 62), rng.chance(0.5) ? MALE : FEMALE, ethnicity);
      planChildren(rng, plan, rng.weighted(SINGLE_PARENT_CHILDREN));
      break;
    case 'skipped_generation': {
      // Grandparents raising grandchildren whose parents work in the cities (留守儿童).
      const age = rng.int(52, 78);
      if (rng.chance(0.75)) planCouple(rng, plan, age, ethnicity);
      else planSingleHead(rng, plan, age, rng.chance(0.6) ? FEMALE : MALE, ethnicity);
      const viaSon = rng.chance(0.8);
      planDescendants(
        rng,
        plan,
        rng.weighted(LEFT_BEHIND_CHILDREN),
        Math.max(0, plan.oldestParent - 75),
        Math.min(16, plan.youngestParent - 40),
        viaSon ? GRANDSON : DAUGHTERS_SON,
        viaSon ? GRANDDAUGHTER : DAUGHTERS_DAUGHTER,
        viaSon ? plan.lineage : rng.weighted(SURNAMES),
        plan.childEthnicity,
      );
      break;
    }
    case 'three_generation': {
      const age = rng.int(48, 76);
      if (rng.chance(0.8)) planCouple(rng, plan, age, ethnicity);
      else planSingleHead(rng, plan, age, rng.chance(0.55) ? FEMALE : MALE, ethnicity);
      const lo = Math.max(20, plan.oldestParent - 40);
      const hi = plan.youngestParent - 20;
      if (hi < lo) break;
      const childAge = rng.int(lo, hi);
      const childEthnicity = plan.childEthnicity;
      let partnerAge = -1;
      // 上门女婿: the daughter stays and her husband moves in; the children usually take her family's surname.
      const uxorilocal = rng.chance(0.15);
      if (uxorilocal) {
        addMember(plan, DAUGHTER, childAge, FEMALE, plan.lineage, childEthnicity, false);
        partnerAge = childAge + rng.int(-2, 6);
        addMember(plan, SON_IN_LAW, partnerAge, MALE, rng.weighted(SURNAMES), rng.weighted(ETHNICITIES), true);
      } else {
        addMember(plan, SON, childAge, MALE, plan.lineage, childEthnicity, false);
        if (rng.chance(0.85)) {
          partnerAge = Math.max(18, childAge - rng.int(-3, 5));
          addMember(plan, DAUGHTER_IN_LAW, partnerAge, FEMALE, rng.weighted(SURNAMES), rng.weighted(ETHNICITIES), true);
        }
      }
      const oldest = partnerAge < 0 ? childAge : Math.max(childAge, partnerAge);
      const youngest = partnerAge < 0 ? childAge : Math.min(childAge, partnerAge);
      planDescendants(
        rng,
        plan,
        rng.weighted(GRANDCHILDREN),
        Math.max(0, oldest - 40),
        youngest - 20,
        uxorilocal ? DAUGHTERS_SON : GRANDSON,
        uxorilocal ? DAUGHTERS_DAUGHTER : GRANDDAUGHTER,
        plan.lineage,
        childEthnicity,
      );
      break;
    }
    case 'with_elder_parent': {
      const age = rng.int(35, 60);
      if (rng.chance(0.85)) planCouple(rng, plan, age, ethnicity);
      else planSingleHead(rng, plan, age, rng.chance(0.7) ? MALE : FEMALE, ethnicity);
      planChildren(rng, plan, rng.weighted(OWN_CHILDREN));
      const head = plan.headAge;
      const motherAge = Math.min(100, head + rng.int(20, 38));
      const fatherAge = Math.min(Math.max(motherAge + rng.int(-2, 6), head + 20), head + 40, 100);
      const which = rng.next();
      // Widowed mothers are the commonest elder parent moving in with a child.
      if (which >= 0.65) addMember(plan, FATHER, fatherAge, MALE, plan.headSurname, plan.headEthnicity, false);
      if (which < 0.65 || which >= 0.8) {
        addMember(plan, MOTHER, motherAge, FEMALE, rng.weighted(SURNAMES), plan.headEthnicity, false);
      }
      break;
    }
    case 'with_sibling': {
      const age = rng.int(40, 72);
      if (rng.chance(0.5)) planCouple(rng, plan, age, ethnicity);
      else planSingleHead(rng, plan, age, MALE, ethnicity);
      // Never the same age in years: a sibling is clearly older or younger, as the finer 71-77 codes would need.
      const delta = rng.int(1, 12) * (rng.chance(0.5) ? 1 : -1);
      const sex = rng.chance(0.7) ? MALE : FEMALE;
      addMember(plan, SIBLING, plan.headAge + delta, sex, plan.headSurname, plan.headEthnicity, false);
      break;
    }
  }
}

interface VillageState {
  code: string;
  name: string;
  district: string;
  otherDistricts: readonly string[];
  /** Next house number per 组 (villager group). */
  nextHouseNo: Int32Array;
  householdCount: number;
}

/** Generates exactly `persons` people in plausible households spread over `villages`; deterministic per seed. */
export function generatePopulation(options: GeneratePopulationOptions): DemoPopulation {
  const { villages, persons: total } = options;
  if (villages.length === 0) throw new RangeError('at least one village is required');
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('persons must be a non-negative integer');
  const todayIso = options.today ?? new Date().toISOString().slice(0, 10);
  isoToDay(todayIso);
  const todayYear = Number(todayIso.slice(0, 4));
  if (todayYear - MAX_AGE - 1 < 1900) throw new RangeError(`today must be in ${1900 + MAX_AGE + 1} or later`);
  // anniversaries[a] = the day someone born exactly `a` years before today was born. Birth dates are drawn from
  // (anniversaries[a + 1], anniversaries[a]] so the completed age is exactly `a`, and attributes can trust it.
  const anniversaries = new Int32Array(MAX_AGE + 2);
  for (let a = 0; a < anniversaries.length; a++) {
    anniversaries[a] =
      Date.UTC(todayYear - a, Number(todayIso.slice(5, 7)) - 1, Number(todayIso.slice(8, 10))) / DAY_MS;
  }
  const rng = createRng(options.seed ?? 1);

  const states: VillageState[] = villages.map((v) => {
    if (!/^\d{12}$/.test(v.code)) throw new RangeError(`village code must be 12 digits: ${v.code}`);
    const district = v.code.slice(0, 6);
    return {
      code: v.code,
      name: v.name,
      district,
      otherDistricts: OTHER_DISTRICTS.filter((d) => d !== district),
      nextHouseNo: new Int32Array(rng.int(4, 12)).fill(1),
      householdCount: 0,
    };
  });
  // Villages differ in size (roughly 3:1 between the largest and smallest).
  const villageTable = weightedTable(
    states,
    states.map(() => 0.5 + rng.next()),
  );

  const take = createSequenceBook();
  const isoOf = createDateCache();
  const plan: Plan = {
    size: 0,
    slots: Array.from({ length: MAX_MEMBERS }, () => ({
      relation: '',
      age: 0,
      sex: MALE,
      surname: '',
      ethnicity: HAN,
      inMarried: false,
      generationChar: '',
    })),
    headAge: 0,
    headSurname: '',
    headEthnicity: HAN,
    lineage: '',
    oldestParent: 0,
    youngestParent: 0,
    childEthnicity: HAN,
    todayYear,
  };

  const persons: DemoPerson[] = [];
  const households: DemoHousehold[] = [];
  while (persons.length < total) {
    planHousehold(rng, plan, rng.weighted(HOUSEHOLD_KINDS));
    const village = rng.weighted(villageTable);
    const group = rng.int(0, village.nextHouseNo.length - 1);
    const houseNo = village.nextHouseNo[group]++;
    village.householdCount++;
    // The last household is cut short to hit the exact count; members are planned head-first, so what remains is
    // still a consistent family.
    const size = Math.min(plan.size, total - persons.length);
    const members: DemoHousehold['members'] = new Array(size);
    households.push({
      householdNo: `${village.code}${String(village.householdCount).padStart(4, '0')}`,
      regionCode: village.code,
      address: `${village.name}${group + 1}组${houseNo}号`,
      // Exactly sized: a pushed-to empty array reserves ~17 slots, which across 350k households is real memory.
      members,
    });
    for (let i = 0; i < size; i++) {
      const slot = plan.slots[i];
      let age = Math.min(slot.age, MAX_AGE);
      const male = slot.sex === MALE;
      const hukou = rng.chance(slot.inMarried ? 0.1 : 0.015) ? rng.pick(village.otherDistricts) : village.district;
      const latest = anniversaries[age];
      const wantedDay = latest - rng.int(0, latest - anniversaries[age + 1] - 1);
      const encoded = take(hukou, wantedDay, male);
      const birthDay = MIN_DAY + Math.floor(encoded / 1000);
      // A full ID day pushes the birth date back; across an anniversary that makes the person a year older.
      if (birthDay <= anniversaries[age + 1]) age++;
      const birthDate = isoOf(birthDay);
      members[i] = { personIndex: persons.length, relationCode: slot.relation };
      persons.push(
        makePerson(
          rng,
          slot,
          age,
          todayYear,
          makeIdNumber(hukou, birthDate, encoded % 1000),
          birthDate,
          hukou,
          village,
        ),
      );
    }
  }
  return { persons, households };
}

function givenName(rng: Rng, birthYear: number, male: boolean, generationChar: string): string {
  const era = GIVEN_NAME_POOLS[nameEra(birthYear)];
  const [first, second] = male ? era.male : era.female;
  if (male && generationChar !== '') return generationChar + rng.pick(second);
  if (rng.chance(era.singleRate)) return rng.pick(second);
  return rng.pick(first) + rng.pick(second);
}

function yuanToFen(rng: Rng, minYuan: number, maxYuan: number): number {
  // Self-reported incomes come in round tens of yuan.
  return rng.int(minYuan / 10, maxYuan / 10) * 1000;
}

function makePerson(
  rng: Rng,
  slot: Slot,
  age: number,
  todayYear: number,
  idNumber: string,
  birthDate: string,
  hukou: string,
  village: VillageState,
): DemoPerson {
  const male = slot.sex === MALE;

  // Certificate holding rises steeply with age; infants are rarely certified yet.
  const disabilityRate =
    age < 6 ? 0.008 : age < 18 ? 0.018 : age < 45 ? 0.04 : age < 60 ? 0.07 : age < 75 ? 0.11 : 0.16;
  let disabilityCategory: string | null = null;
  let disabilityLevel: 1 | 2 | 3 | 4 | null = null;
  if (rng.chance(disabilityRate)) {
    disabilityCategory = rng.weighted(DISABILITY_CATEGORIES);
    disabilityLevel = rng.weighted(DISABILITY_LEVELS);
  }

  const majorRate = age < 40 ? 0.008 : age < 60 ? 0.02 : 0.04;
  const chronicRate = age < 30 ? 0.02 : age < 45 ? 0.06 : age < 60 ? 0.18 : age < 75 ? 0.38 : 0.55;
  const healthStatus: HealthStatus = rng.chance(majorRate)
    ? 'major_disease'
    : rng.chance(chronicRate)
      ? 'chronic'
      : 'healthy';

  let labourCapacity: LabourCapacity;
  if (age < 16 || age >= 75) labourCapacity = 'none';
  else if (disabilityLevel !== null && disabilityLevel <= 2) labourCapacity = 'none';
  else if (healthStatus === 'major_disease') labourCapacity = rng.chance(0.6) ? 'none' : 'partial';
  else if (age >= 65) labourCapacity = rng.chance(0.7) ? 'partial' : 'none';
  else if (disabilityLevel !== null) labourCapacity = rng.chance(0.6) ? 'partial' : 'full';
  else if (age >= 60 || healthStatus === 'chronic') labourCapacity = rng.chance(0.5) ? 'partial' : 'full';
  else labourCapacity = 'full';

  let employmentStatus: EmploymentStatus;
  let monthlyIncomeFen = 0;
  if (age < 6) employmentStatus = 'preschool';
  else if (age < 16 || (age < 19 && rng.chance(0.85)) || (age < 23 && rng.chance(0.35))) employmentStatus = 'student';
  else if (age >= 60 && rng.chance(0.12)) employmentStatus = 'retired';
  else if (labourCapacity === 'none') employmentStatus = 'unemployed';
  else if (age >= 60) employmentStatus = rng.chance(0.8) ? 'farming' : 'unemployed';
  else employmentStatus = rng.weighted(labourCapacity === 'full' ? WORKING_FULL : WORKING_PARTIAL);

  switch (employmentStatus) {
    case 'farming':
      monthlyIncomeFen = yuanToFen(rng, 800, 2500);
      break;
    case 'employed':
      monthlyIncomeFen = yuanToFen(rng, 2500, 6000);
      break;
    case 'self_employed':
      monthlyIncomeFen = yuanToFen(rng, 1500, 8000);
      break;
    case 'retired':
      // Urban employee pension.
      monthlyIncomeFen = yuanToFen(rng, 1800, 4500);
      break;
    case 'unemployed':
      // Over 60: about half report the small 城乡居民 basic pension; working age: occasional odd jobs.
      if (age >= 60) monthlyIncomeFen = rng.chance(0.5) ? yuanToFen(rng, 150, 400) : 0;
      else monthlyIncomeFen = rng.chance(0.2) ? yuanToFen(rng, 200, 800) : 0;
      break;
    default:
      monthlyIncomeFen = 0;
  }

  const phoneRate = age < 14 ? 0 : age < 18 ? 0.6 : age < 70 ? 0.95 : age < 80 ? 0.65 : 0.35;
  const phone = rng.chance(phoneRate) ? String(rng.pick(MOBILE_PREFIXES) * 100_000_000 + rng.int(0, 99_999_999)) : null;

  return {
    idNumber,
    name: slot.surname + givenName(rng, todayYear - age, male, slot.generationChar),
    sex: slot.sex,
    birthDate,
    ethnicity: slot.ethnicity,
    phone,
    hukouRegionCode: hukou,
    regionCode: village.code,
    disabilityCategory,
    disabilityLevel,
    healthStatus,
    labourCapacity,
    employmentStatus,
    monthlyIncomeFen,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------------

/** Header of the `huimin import persons.csv` format. */
export const PERSONS_CSV_HEADER =
  'id_number,name,sex,birth_date,ethnicity,phone,hukou_region_code,region_code,disability_category,' +
  'disability_level,health_status,labour_capacity,employment_status,monthly_income_fen';

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV in the import format: RFC 4180 quoting, LF line ends, trailing newline; null fields are empty. */
export function toPersonsCsv(persons: readonly DemoPerson[]): string {
  // Rows are joined in blocks so each short-lived row string dies young instead of a million of them being promoted
  // to the old generation before one final join (that made the GC, not the formatting, the bottleneck).
  const blocks: string[] = [PERSONS_CSV_HEADER];
  let lines: string[] = [];
  for (const p of persons) {
    if (lines.length === 4096) {
      blocks.push(lines.join('\n'));
      lines = [];
    }
    lines.push(
      `${csvField(p.idNumber)},${csvField(p.name)},${p.sex},${csvField(p.birthDate)},${csvField(p.ethnicity)},` +
        `${csvField(p.phone)},${csvField(p.hukouRegionCode)},${csvField(p.regionCode)},` +
        `${csvField(p.disabilityCategory)},${p.disabilityLevel ?? ''},${p.healthStatus},${p.labourCapacity},` +
        `${p.employmentStatus},${p.monthlyIncomeFen}`,
    );
  }
  if (lines.length > 0) blocks.push(lines.join('\n'));
  return `${blocks.join('\n')}\n`;
}
