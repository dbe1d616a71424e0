/**
 * Household structure planning: picks a household kind and fills a reusable pool of member slots (relation, age,
 * sex, surname, ethnicity) that the generator then turns into people.
 */

import { GIVEN_NAME_POOLS, nameEra, SURNAMES } from './names.ts';
import {
  DAUGHTER,
  DAUGHTER_IN_LAW,
  DAUGHTERS_DAUGHTER,
  DAUGHTERS_SON,
  FATHER,
  GRANDDAUGHTER,
  GRANDSON,
  HEAD_RELATION_CODE,
  MOTHER,
  SIBLING,
  SON,
  SON_IN_LAW,
  SPOUSE,
} from './relations.ts';
import { type Rng, weightedTable } from './rng.ts';
import { type DemoSex, FEMALE, MALE } from './types.ts';

/** GB/T 3304 ethnicity codes: 01 汉, 15 土家, 06 苗, 37 仡佬 (the three minorities present in 武隆). */
const HAN = '01';
const ETHNICITIES = weightedTable([HAN, '15', '06', '37'], [86, 8, 4, 2]);

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

/** One planned member; a fixed pool of these is reused for every household so planning allocates nothing. */
export interface Slot {
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

export interface Plan {
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

/** A plan with an empty slot pool, to be refilled by `planRandomHousehold` for every household. */
export function createPlan(todayYear: number): Plan {
  return {
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
}

/** Replans `plan` as a household of a randomly drawn kind; `plan.slots[0 .. plan.size)` are its members, head first. */
export function planRandomHousehold(rng: Rng, plan: Plan): void {
  planHousehold(rng, plan, rng.weighted(HOUSEHOLD_KINDS));
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
