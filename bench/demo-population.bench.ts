/**
 * Demo population throughput, printed beside a same-run baseline so numbers from different machines compare.
 * Run: node_modules/.bin/node --experimental-strip-types bench/demo-population.bench.ts [persons=1000000]
 */
import { createRng, generatePopulation, toPersonsCsv } from '../src/core/registry/demo-population.ts';
import { makeIdNumber } from '../src/core/registry/id-number.ts';

const count = Number(process.argv[2] ?? 1_000_000);
if (!Number.isSafeInteger(count) || count <= 0) throw new RangeError('persons must be a positive integer');

const villages = [
  { code: '500156003001', name: '仙女山社区' },
  { code: '500156003201', name: '石梁子村' },
  { code: '500156108202', name: '双河村' },
  { code: '500156001200', name: '芋荷村' },
];

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

// Baseline: the floor for any generator that must output that many ID strings — random valid IDs, no uniqueness,
// no people. Dates are precomputed so the baseline measures ID building, not date formatting.
const dates = Array.from({ length: 36_500 }, (_, i) => new Date(Date.UTC(1925, 0, 1 + i)).toISOString().slice(0, 10));
const rng = createRng(1);
let start = performance.now();
const ids: string[] = [];
for (let i = 0; i < count; i++) ids.push(makeIdNumber('500156', rng.pick(dates), rng.int(0, 999)));
const baselineMs = performance.now() - start;
ids.length = 0;

start = performance.now();
const population = generatePopulation({ villages, persons: count, seed: 1, today: '2025-06-01' });
const generateMs = performance.now() - start;

start = performance.now();
const csv = toPersonsCsv(population.persons);
const csvMs = performance.now() - start;

const n = count.toLocaleString('en-US');
console.log(`baseline  ${n} random ID strings   ${baselineMs.toFixed(0).padStart(6)} ms  ${rate(count, baselineMs)}`);
console.log(
  `generate  ${n} persons, ${population.households.length.toLocaleString('en-US')} households  ` +
    `${generateMs.toFixed(0).padStart(6)} ms  ${rate(count, generateMs)}  (${(generateMs / baselineMs).toFixed(1)}× baseline)`,
);
console.log(
  `csv       ${(csv.length / 1e6).toFixed(1)}M chars   ${csvMs.toFixed(0).padStart(6)} ms  ${rate(count, csvMs)}`,
);
