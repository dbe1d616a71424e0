import { describe, expect, it } from 'vitest';
import { addCalendarDaysRolling, addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.ts';

describe('working days on the official calendar', () => {
  it('received 2025-09-30 + 5 working days → 2025-10-14 (10-01..08 off, Saturday 10-11 is a make-up day)', () => {
    expect(addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
  });

  it('received 2025-01-24 + 5 working days → 2025-02-07 (Sunday 01-26 works, 01-28..02-04 off)', () => {
    expect(addWorkingDays('2025-01-24', 5)).toBe('2025-02-07');
  });

  it('knows make-up working days and holidays: 2025-10-11 (Sat) works, 2025-10-06 (Mon) does not', () => {
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-10-06')).toBe(false);
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('counting starts the day after receipt: received Friday 2025-03-07 + 1 → Monday 2025-03-10', () => {
    expect(addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
  });

  it('10 working days from 2025-09-26 → 2025-10-16 (township review limit across National Day)', () => {
    // make-up days 09-28 (Sun) and 10-11 (Sat): 28, 29, 30 → 3; 10-09, 10, 11 → 6; 13..16 → 10
    expect(addWorkingDays('2025-09-26', 10)).toBe('2025-10-16');
  });

  it('a calendar period ending on a holiday rolls to the next working day: 2025-09-24 + 7 days → 2025-10-09', () => {
    expect(addCalendarDaysRolling('2025-09-24', 7)).toBe('2025-10-09');
    expect(addCalendarDaysRolling('2025-03-03', 7)).toBe('2025-03-10');
  });

  it('working days between is the inverse of adding', () => {
    expect(workingDaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    expect(workingDaysBetween('2025-10-14', '2025-09-30')).toBe(-5);
  });

  it('rejects a negative count', () => {
    expect(() => addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
  });
});
