import { describe, expect, it } from 'vitest';
import { hasPublicityEnded, publicityPeriod } from './publicity-period.ts';

describe('公示 period: 7 calendar days from the next day, rolled to a working day', () => {
  it('opened Wed 2025-11-05 → 2025-11-06 .. 2025-11-12; approval possible from 2025-11-13', () => {
    const p = publicityPeriod('2025-11-05');
    expect(p).toEqual({ startsOn: '2025-11-06', endsOn: '2025-11-12' });
    expect(hasPublicityEnded(p, '2025-11-12')).toBe(false);
    expect(hasPublicityEnded(p, '2025-11-13')).toBe(true);
  });

  it('opened 2025-09-26: 7 days end on 10-03 (National Day holiday) → rolled to 2025-10-09', () => {
    expect(publicityPeriod('2025-09-26').endsOn).toBe('2025-10-09');
  });

  it('the day count is a parameter: 5 days from Mon 2025-11-03 → Sat 11-08 rolls to Mon 2025-11-10', () => {
    expect(publicityPeriod('2025-11-03', 5)).toEqual({ startsOn: '2025-11-04', endsOn: '2025-11-10' });
    expect(() => publicityPeriod('2025-11-03', 0)).toThrow(RangeError);
  });
});
