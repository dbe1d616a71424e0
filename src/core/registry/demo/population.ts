/**
 * Deterministic synthetic population: households planned one at a time, placed in villages, and given people with
 * unique ID numbers. Pure: no I/O. Everything flows from one seeded PRNG, so the same seed + `today` gives the same
 * population.
 */

import { makeIdNumber } from '../id-number.ts';
import { createDateCache, DAY_MS, isoToDay, MIN_DAY } from './dates.ts';
import { createPlan, planRandomHousehold } from './household-plans.ts';
import { createSequenceBook } from './id-allocator.ts';
import { makePerson } from './person-attributes.ts';
import { createRng, weightedTable } from './rng.ts';
import {
  type DemoHousehold,
  type DemoPerson,
  type DemoPopulation,
  type GeneratePopulationOptions,
  MALE,
} from './types.ts';

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

/** Oldest generated age; keeps birth years well inside checkIdNumber's 1900 floor. */
const MAX_AGE = 105;

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
  const plan = createPlan(todayYear);

  const persons: DemoPerson[] = [];
  const households: DemoHousehold[] = [];
  while (persons.length < total) {
    planRandomHousehold(rng, plan);
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
          village.code,
        ),
      );
    }
  }
  return { persons, households };
}
