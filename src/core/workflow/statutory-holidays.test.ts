import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { officialCalendarCovers, statutoryRestDays } from './statutory-holidays.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.ts';

describe('statutory rest days for a year the official calendar does not cover yet', () => {
  it('the package has 2025 and 2026, not 2027 (so 2027 falls back to the statutory days)', () => {
    expect(officialCalendarCovers(2025)).toBe(true);
    expect(officialCalendarCovers(2026)).toBe(true);
    expect(officialCalendarCovers(2027)).toBe(false);
  });

  it('checked against the official arrangements of 2025 and 2026: every statutory day is a holiday there', () => {
    for (const year of [2025, 2026]) {
      const days = statutoryRestDays(year).filter((d) => !d.inLieu);
      expect(days.length).toBe(13); // 1 + 4 + 1 + 2 + 1 + 1 + 3
      for (const d of days) expect({ ...d, holiday: chineseDays.isHoliday(d.date) }).toEqual({ ...d, holiday: true });
    }
  });

  it('2027: 元旦 Fri 01-01; 春节 除夕 02-05 to 初三 02-08, the weekend 02-06/07 given back on 02-09/10', () => {
    const y2027 = statutoryRestDays(2027);
    expect(y2027.filter((d) => d.name === '春节').map((d) => [d.date, d.inLieu])).toEqual([
      ['2027-02-05', false],
      ['2027-02-06', false],
      ['2027-02-07', false],
      ['2027-02-08', false],
      ['2027-02-09', true],
      ['2027-02-10', true],
    ]);
    expect(y2027.find((d) => d.name === '元旦')).toEqual({ date: '2027-01-01', name: '元旦', inLieu: false });
    expect(y2027.filter((d) => d.name === '清明节').map((d) => d.date)).toEqual(['2027-04-05']);
    expect(y2027.filter((d) => d.name === '端午节').map((d) => d.date)).toEqual(['2027-06-09']);
    expect(y2027.filter((d) => d.name === '中秋节').map((d) => d.date)).toEqual(['2027-09-15']);
  });

  it('deadlines across New Year 2027 skip 01-01: received Wed 2026-12-30 + 2 working days → Mon 2027-01-04', () => {
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
  });

  it('30 working days from 2027-01-25 run past the Spring Festival: 02-05..02-10 are off → 2027-03-12', () => {
    // Jan 26-29 (4), Feb 1-4 (8), Feb 11-12 (10), then 4 weeks of 5 (30 on Fri 03-12)
    expect(addWorkingDays('2027-01-25', 30)).toBe('2027-03-12');
    expect(workingDaysBetween('2027-01-25', '2027-03-12')).toBe(30);
  });
});
