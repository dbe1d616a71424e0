import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../../../core/workflow/working-days.ts';
import { exportRows, type StatisticsOverview } from './statistics-export.ts';
import {
  childCodeLength,
  defaultMonthWindow,
  fenToYuan,
  fillMonths,
  mergeGroups,
  monthsBetween,
  regionName,
  toProcessingRows,
  toProgrammeRows,
  toRegionRows,
  totalOf,
  workingDayCalendar,
} from './statistics-shaping.ts';

describe('statistics shaping', () => {
  it('groups one level below the region looked at: district 500156 → townships (9), township → villages (12)', () => {
    expect(childCodeLength('500156')).toBe(9);
    expect(childCodeLength('500156003')).toBe(12);
    expect(childCodeLength('500156003204')).toBe(12);
    expect(childCodeLength('50')).toBe(4);
    expect(childCodeLength('')).toBe(2);
  });

  it('names regions briefly: 荆竹村村民委员会 → 荆竹村, 石梁子社区居民委员会 → 石梁子社区; unknown codes as themselves', () => {
    expect(regionName('500156003204')).toBe('荆竹村');
    expect(regionName('500156003001')).toBe('石梁子社区');
    expect(regionName('500156003')).toBe('仙女山街道');
    expect(regionName('500156999999')).toBe('500156999999');
  });

  it('lists the months of a window across a year end, and the default 12 months up to today', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2025-11')).toEqual([]);
    expect(defaultMonthWindow('2026-11-25')).toEqual({ from: '2025-12', to: '2026-11' });
  });

  it('counts working days like workingDaysBetween: received 2025-09-30, closed 2025-10-14 → 5 (National Day, 10-11 调休)', () => {
    const cal = workingDayCalendar('2025-09-30', '2025-10-31');
    const ordinal = (d: string) => cal.ordinals[cal.dates.indexOf(d)];
    expect(ordinal('2025-10-14') - ordinal('2025-09-30')).toBe(5);
    expect(workingDaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    // 10-11 (Saturday) is a make-up working day, 10-08 is still a holiday
    expect(ordinal('2025-10-11') - ordinal('2025-10-10')).toBe(1);
    expect(ordinal('2025-10-08') - ordinal('2025-10-07')).toBe(0);
    for (const [a, b] of [
      ['2025-09-30', '2025-10-31'],
      ['2025-10-03', '2025-10-20'],
      ['2025-10-09', '2025-10-09'],
    ]) {
      expect(ordinal(b) - ordinal(a)).toBe(workingDaysBetween(a, b));
    }
  });

  it('fills months without data with zeros, in window order', () => {
    const rows = fillMonths(
      ['2025-06', '2025-07', '2025-08'],
      [{ month: '2025-07', households: 2, amountFen: 208_200 }],
    );
    expect(rows.map((r) => [r.month, r.households, r.amountFen])).toEqual([
      ['2025-06', 0, 0],
      ['2025-07', 2, 208_200],
      ['2025-08', 0, 0],
    ]);
  });

  it('merges enrollment and payroll sides by region; a region with money but no enrollment in the window still shows', () => {
    const merged = mergeGroups(
      [
        { key: '500156101', households: 1, recipients: 4, newCount: 1, exitedCount: 0 },
        { key: '500156003', households: 2, recipients: 5, newCount: 2, exitedCount: 1 },
      ],
      [
        { key: '500156003', amountFen: 104_100 + 98_100 },
        { key: '500156002', amountFen: 63_000 },
      ],
    );
    const rows = toRegionRows(merged);
    expect(rows.map((r) => [r.regionCode, r.regionName, r.households, r.amountFen])).toEqual([
      ['500156002', expect.any(String), 0, 63_000],
      ['500156003', '仙女山街道', 2, 202_200],
      ['500156101', '白马镇', 1, 0],
    ]);
    expect(totalOf(rows)).toEqual({ households: 3, recipients: 9, newCount: 3, exitedCount: 1, amountFen: 265_200 });
  });

  it('orders programmes 特困 → 低保 → … and names them', () => {
    const rows = toProgrammeRows(
      mergeGroups(
        [
          { key: 'lowIncomeMarginal', households: 1, recipients: 4, newCount: 0, exitedCount: 0 },
          { key: 'minimumLivingAllowance', households: 3, recipients: 7, newCount: 1, exitedCount: 0 },
          { key: 'extremePovertySupport', households: 1, recipients: 1, newCount: 0, exitedCount: 0 },
        ],
        [],
      ),
    );
    expect(rows.map((r) => r.programmeName)).toEqual(['特困供养', '最低生活保障', '低保边缘']);
  });

  it('averages processing time to one decimal and joins open counts: 3 closed in 12+20+21 days → 17.7', () => {
    const rows = toProcessingRows(
      [{ key: '500156003', closed: 3, totalWorkingDays: 53, maxWorkingDays: 21, closedLate: 0 }],
      [
        { key: '500156003', open: 4, overdue: 1 },
        { key: '500156101', open: 2, overdue: 2 },
      ],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        regionCode: '500156003',
        closed: 3,
        avgWorkingDays: 17.7,
        maxWorkingDays: 21,
        open: 4,
      }),
      expect.objectContaining({ regionCode: '500156101', closed: 0, avgWorkingDays: null, open: 2, overdue: 2 }),
    ]);
  });

  it('exports money as yuan with a total line: 1,041.00 + 981.00 = 2,022.00', () => {
    expect(fenToYuan(104_100)).toBe(1041);
    expect(fenToYuan(12_345)).toBe(123.45);
    const regions = toRegionRows(
      mergeGroups(
        [{ key: '500156003', households: 2, recipients: 6, newCount: 2, exitedCount: 0 }],
        [{ key: '500156003', amountFen: 202_200 }],
      ),
    );
    const overview = {
      region: { code: '500156', name: '武隆区' },
      regions,
      regionTotal: totalOf(regions),
    } as unknown as StatisticsOverview;
    const rows = exportRows('regions', overview);
    expect(rows.at(-1)).toMatchObject({ regionName: '合计(武隆区)', households: 2, amountYuan: 2022 });
  });
});
