/**
 * Deterministic synthetic population for demos and benchmarks: rural Chongqing households (tuned for 武隆, a
 * Tujia/Miao area) with valid, unique GB 11643 ID numbers, GB/T 4761 relations and plausible welfare attributes.
 * Pure: no I/O. Everything flows from one seeded PRNG, so the same seed + `today` gives the same population.
 *
 * The implementation lives in ./demo/; this module is its public API.
 */

export { createIdAllocator, type IdAllocator } from './demo/id-allocator.ts';
export { PERSONS_CSV_HEADER, toPersonsCsv } from './demo/persons-csv.ts';
export { generatePopulation } from './demo/population.ts';
export { HEAD_RELATION_CODE } from './demo/relations.ts';
export { createRng, type Rng, type WeightedTable, weightedTable } from './demo/rng.ts';
export type {
  DemoHousehold,
  DemoPerson,
  DemoPopulation,
  DemoSex,
  DemoVillage,
  EmploymentStatus,
  GeneratePopulationOptions,
  HealthStatus,
  LabourCapacity,
} from './demo/types.ts';
export { RELATION_CODES } from './relation-codes.ts';
