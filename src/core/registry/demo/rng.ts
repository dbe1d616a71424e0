/** Seeded PRNG and weighted draws for the demo population generator. */

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
