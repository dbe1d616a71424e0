/** Per-person attributes: disability, health, labour capacity, employment, income and phone, all age-dependent. */

import type { Slot } from './household-plans.ts';
import { givenName } from './names.ts';
import { type Rng, weightedTable } from './rng.ts';
import { type DemoPerson, type EmploymentStatus, type HealthStatus, type LabourCapacity, MALE } from './types.ts';

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

function yuanToFen(rng: Rng, minYuan: number, maxYuan: number): number {
  // Self-reported incomes come in round tens of yuan.
  return rng.int(minYuan / 10, maxYuan / 10) * 1000;
}

/** The person for a planned `slot`, whose ID number, birth date (completed `age` today) and hukou are settled. */
export function makePerson(
  rng: Rng,
  slot: Slot,
  age: number,
  todayYear: number,
  idNumber: string,
  birthDate: string,
  hukou: string,
  regionCode: string,
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
    regionCode,
    disabilityCategory,
    disabilityLevel,
    healthStatus,
    labourCapacity,
    employmentStatus,
    monthlyIncomeFen,
  };
}
