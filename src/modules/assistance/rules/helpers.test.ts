import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayBeforeAnniversary,
  endOfMonthsFrom,
  firstDayOf,
  lastDayOf,
  monthOf,
  recentPaymentMonths,
  wholeYearsBetween,
} from './dates.ts';
import { applyBasisPoints, divideRoundHalfUp, multipleText, yuan } from './decision.ts';

describe('fen arithmetic', () => {
  it('rounds half up only at the division: 5/2 → 3, 7/3 → 2, 8/3 → 3, −5/2 → −3', () => {
    expect(divideRoundHalfUp(5, 2)).toBe(3);
    expect(divideRoundHalfUp(7, 3)).toBe(2);
    expect(divideRoundHalfUp(8, 3)).toBe(3);
    expect(divideRoundHalfUp(-5, 2)).toBe(-3);
    expect(divideRoundHalfUp(0, 7)).toBe(0);
    expect(() => divideRoundHalfUp(1, 0)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1.5, 2)).toThrow(RangeError);
  });

  it('30% of 770.00 = 231.00, 30% of 750.00 = 225.00, 130% of 717.00 = 932.10', () => {
    expect(applyBasisPoints(77_000, 3_000)).toBe(23_100);
    expect(applyBasisPoints(75_000, 3_000)).toBe(22_500);
    expect(applyBasisPoints(71_700, 13_000)).toBe(93_210);
  });

  it('formats fen as yuan and basis points as multiples: 104100 → 1041.00, 5 → 0.05, 15000 → 1.5', () => {
    expect(yuan(104_100)).toBe('1041.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-150)).toBe('-1.50');
    expect(multipleText(15_000)).toBe('1.5');
    expect(multipleText(240_000)).toBe('24');
  });
});

describe('calendar helpers', () => {
  it('months: 2025-11 + 3 = 2026-02, 2025-01 − 1 = 2024-12; last day of 2024-02 is 2024-02-29', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2025-12')).toBe('2025-12-31');
    expect(firstDayOf('2025-06')).toBe('2025-06-01');
    expect(monthOf('2025-06-20')).toBe('2025-06');
  });

  it('payment months listed on 2025-12-20: next month first, then back across the year end', () => {
    expect(recentPaymentMonths('2025-12-20', 3)).toEqual(['2026-01-01', '2025-12-01', '2025-11-01']);
    expect(recentPaymentMonths('2025-11-01', 13).at(-1)).toBe('2024-12-01');
  });

  it('ages: born 2007-07-16 is 17 on 2025-07-15 and 18 on 2025-07-16; last day as a minor 2025-07-15', () => {
    expect(wholeYearsBetween('2007-07-16', '2025-07-15')).toBe(17);
    expect(wholeYearsBetween('2007-07-16', '2025-07-16')).toBe(18);
    expect(dayBeforeAnniversary('2007-07-16', 18)).toBe('2025-07-15');
    expect(dayBeforeAnniversary('2008-02-29', 18)).toBe('2026-02-28');
  });

  it('a 12-month validity from 2025-07-15 ends 2026-07-14; one month from 2025-01-31 ends 2025-02-28', () => {
    expect(endOfMonthsFrom('2025-07-15', 12)).toBe('2026-07-14');
    expect(endOfMonthsFrom('2025-01-31', 1)).toBe('2025-02-28');
    expect(endOfMonthsFrom('2025-01-28', 1)).toBe('2025-02-27');
    expect(endOfMonthsFrom('2025-07-01', 12)).toBe('2026-06-30');
  });
});
