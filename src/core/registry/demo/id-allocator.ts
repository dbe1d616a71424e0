/** Unique GB 11643 ID numbers: sequence bookkeeping per region, birth day and sex. */

import { makeIdNumber } from '../id-number.ts';
import { createDateCache, DAY_SPAN, isoToDay, MAX_DAY, MIN_DAY } from './dates.ts';
import { type DemoSex, MALE } from './types.ts';

interface RegionCounters {
  /** Sequences handed out so far, per day: [male, female] pairs. Uint16 because a slot never passes 500. */
  counts: Uint16Array;
  salt: number;
}

/**
 * Sequence bookkeeping shared by the generator and `createIdAllocator`. Returns (day - MIN_DAY) * 1000 + sequence as
 * one number so the hot path allocates nothing.
 */
export function createSequenceBook(): (region6: string, day: number, male: boolean) => number {
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
