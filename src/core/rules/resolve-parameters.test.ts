import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETER_VERSIONS } from '../../modules/assistance/rules/default-parameters.ts';
import { resolveParameters } from '../../modules/assistance/rules/policy-parameters.ts';
import { ASSISTANCE_KEYS, defaultAssistanceRows } from './assistance-defaults.ts';
import {
  citationHash,
  type ParameterRow,
  resolveKeys,
  snapshotAnchor,
  synthesiseVersions,
} from './resolve-parameters.ts';

const row = (id: string, key: string, regionCode: string, effectiveFrom: string, value: unknown): ParameterRow => ({
  id,
  key,
  regionCode,
  effectiveFrom,
  value,
});

const XNS_VILLAGE = '500156003204';

describe('resolveKeys: per key, most specific region, then latest effective_from ≤ date', () => {
  const rows = [
    row('cq-std-2023', 'standard', '50', '2023-07-01', 75_000),
    row('cq-std-2025', 'standard', '50', '2025-07-01', 77_000),
    row('cq-income', 'income', '50', '2023-07-01', 3_960_000),
    row('wl-income', 'income', '500156', '2025-07-01', 3_100_000),
    row('sc-std', 'standard', '51', '2020-01-01', 60_000),
  ];

  it('urban 770 from 2025-07-01, 750 the day before', () => {
    expect(resolveKeys(rows, XNS_VILLAGE, '2025-07-01').values.standard).toBe(77_000);
    expect(resolveKeys(rows, XNS_VILLAGE, '2025-06-30').values.standard).toBe(75_000);
  });

  it('a district row overriding one key while the city later changes another key: both apply', () => {
    const later = [...rows, row('cq-std-2026', 'standard', '50', '2026-01-01', 80_000)];
    const r = resolveKeys(later, XNS_VILLAGE, '2026-01-01');
    expect(r.values).toEqual({ income: 3_100_000, standard: 80_000 });
    expect(r.citations.income.rowId).toBe('wl-income');
    expect(r.citations.standard.rowId).toBe('cq-std-2026');
  });

  it('the district row wins over a later city row for the same key (most specific region first)', () => {
    const later = [...rows, row('cq-income-2026', 'income', '50', '2026-01-01', 4_200_000)];
    expect(resolveKeys(later, XNS_VILLAGE, '2026-06-01').citations.income.rowId).toBe('wl-income');
    expect(resolveKeys(later, '500101', '2026-06-01').citations.income.rowId).toBe('cq-income-2026');
  });

  it('rows of other regions and future rows are ignored', () => {
    const r = resolveKeys(rows, '500101001', '2024-01-01');
    expect(r.values).toEqual({ income: 3_960_000, standard: 75_000 });
    expect(resolveKeys(rows, '110101', '2025-01-01').values).toEqual({});
  });
});

describe('synthesiseVersions: one whole version per breakpoint', () => {
  const rows = [
    row('a1', 'standard', '50', '2023-07-01', 75_000),
    row('b1', 'income', '50', '2023-07-01', 1),
    row('a2', 'standard', '50', '2025-07-01', 77_000),
    row('b2', 'income', '500156', '2025-07-01', 2),
    row('b3', 'income', '50', '2026-01-01', 3),
    row('only-standard', 'standard', '500156', '2022-01-01', 70_000),
  ];

  it('skips dates where a required key is missing and dates where nothing cited changes', () => {
    const versions = synthesiseVersions('assistance', rows, XNS_VILLAGE, ['standard', 'income']);
    // 2022-01-01 lacks 'income'; 2026-01-01's city income is shadowed by 武隆's row, so it cites the same rows.
    expect(versions.map((v) => v.effectiveFrom)).toEqual(['2023-07-01', '2025-07-01']);
    // 500156's own standard (70,000 from 2022) shadows the city's 750 and 770 for 武隆.
    expect(versions.map((v) => v.values)).toEqual([
      { income: 1, standard: 70_000 },
      { income: 2, standard: 70_000 },
    ]);
  });

  it('the hash depends only on the rows cited, not on the region asked', () => {
    const city = rows.filter((r) => r.regionCode === '50');
    const a = synthesiseVersions('assistance', city, '500101', ['standard', 'income']);
    const b = synthesiseVersions('assistance', city, '500102', ['standard', 'income']);
    expect(a.map((v) => v.hash)).toEqual(b.map((v) => v.hash));
    expect(a).toHaveLength(3);
    expect(citationHash('assistance', a[0].citations)).toBe(a[0].hash);
    expect(citationHash('other', a[0].citations)).not.toBe(a[0].hash);
  });

  it('the snapshot anchor is the most specific region and the latest start among the rows cited', () => {
    const [, v2025] = synthesiseVersions('assistance', rows, XNS_VILLAGE, ['standard', 'income']);
    expect(snapshotAnchor(v2025.citations)).toEqual({ regionCode: '500156', onDate: '2025-07-01' });
  });
});

describe('default rows reproduce the shipped 重庆/武隆 versions under per-key resolution', () => {
  const seeded = defaultAssistanceRows().map((r, i) => ({ ...r, id: String(i) }));

  it('one row per key for the first version, then only the keys whose value changes', () => {
    const first = seeded.filter((r) => r.effectiveFrom === '2021-09-01');
    expect(first).toHaveLength(ASSISTANCE_KEYS.length);
    const july2025 = seeded.filter((r) => r.effectiveFrom === '2025-07-01');
    expect(july2025.map((r) => `${r.regionCode}:${r.key}`).sort()).toEqual([
      '500156:disposableIncomePerCapitaAnnualFen',
      '50:dibaoStandardFen',
      '50:tekunBasicStandardFen',
    ]);
    expect(seeded.every((r) => /^\[(N|CQ|Seed|Ex|Assumption)\] /.test(r.source))).toBe(true);
  });

  it.each([
    ['500156003204', '2025-07-01'],
    ['500156003204', '2025-06-30'],
    ['500156101202', '2022-08-15'],
    ['500101', '2025-07-01'],
    ['500101', '2021-09-01'],
  ])('region %s on %s resolves to the same values as the whole default versions', (region, date) => {
    const synthetic = synthesiseVersions('assistance', seeded, region, ASSISTANCE_KEYS).map((v) => ({
      id: v.hash,
      regionCode: region,
      effectiveFrom: v.effectiveFrom,
      values: v.values as never,
    }));
    expect(resolveParameters(synthetic, region, date).values).toEqual(
      resolveParameters(DEFAULT_PARAMETER_VERSIONS, region, date).values,
    );
  });

  it('武隆 on 2025-07-01: urban 770, rural 630, disposable income 31,000 (its own row), 1,001 特困', () => {
    const [latest] = synthesiseVersions('assistance', seeded, XNS_VILLAGE, ASSISTANCE_KEYS).slice(-1);
    expect(latest.effectiveFrom).toBe('2025-07-01');
    expect(latest.values.dibaoStandardFen).toEqual({ urban: 77_000, rural: 63_000 });
    expect(latest.values.disposableIncomePerCapitaAnnualFen).toBe(3_100_000);
    expect(latest.citations.disposableIncomePerCapitaAnnualFen.regionCode).toBe('500156');
    expect(latest.values.tekunBasicStandardFen).toBe(100_100);
  });
});
