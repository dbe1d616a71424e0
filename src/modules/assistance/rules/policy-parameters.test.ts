import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETER_VERSIONS, PARAMETER_SOURCES, VERSION_NOTES } from './default-parameters.ts';
import { type PolicyParameterVersion, resolveParameters, standardFor } from './policy-parameters.ts';
import { WULONG_TOWNSHIP, wulong } from './test-fixtures.ts';

const base = DEFAULT_PARAMETER_VERSIONS[0].values;

function version(id: string, regionCode: string, effectiveFrom: string, urban: number): PolicyParameterVersion {
  return { id, regionCode, effectiveFrom, values: { ...base, dibaoStandardFen: { urban, rural: urban } } };
}

describe('resolveParameters: most specific region prefix, then latest effectiveFrom ≤ date', () => {
  const versions = [
    version('city-2024', '50', '2024-01-01', 70_000),
    version('city-2025', '50', '2025-07-01', 77_000),
    version('district-2025', '500156', '2025-01-01', 76_000),
    version('other-province', '51', '2020-01-01', 60_000),
  ];

  it('a district version wins over the city version in force on the same date', () => {
    expect(resolveParameters(versions, '500156003', '2025-08-01').versionId).toBe('district-2025');
  });

  it('before the district version starts, the city version applies (2024-06-01 → city-2024)', () => {
    expect(resolveParameters(versions, '500156003', '2024-06-01').versionId).toBe('city-2024');
  });

  it('another district of the city gets the latest city version (500101 on 2025-07-01 → city-2025)', () => {
    expect(resolveParameters(versions, '500101', '2025-07-01').versionId).toBe('city-2025');
    expect(resolveParameters(versions, '500101', '2025-06-30').versionId).toBe('city-2024');
  });

  it('no version for the region or date throws', () => {
    expect(() => resolveParameters(versions, '110101', '2025-01-01')).toThrow(RangeError);
    expect(() => resolveParameters(versions, '500101', '2023-12-31')).toThrow(RangeError);
    expect(() => resolveParameters(versions, '500101', '2025-7-1')).toThrow(RangeError);
  });
});

describe('default 重庆/武隆 versions (DOMAIN §1.1-1.4)', () => {
  it('urban/rural 770/630 from 2025-07-01, 750/610 the day before', () => {
    expect(wulong('2025-07-01').values.dibaoStandardFen).toEqual({ urban: 77_000, rural: 63_000 });
    expect(wulong('2025-06-30').values.dibaoStandardFen).toEqual({ urban: 75_000, rural: 61_000 });
  });

  it('636/515 from 2021-09-01, 717/581 from 2022-07-01 (assumed start date)', () => {
    expect(standardFor(wulong('2021-09-01'), 'urban')).toBe(63_600);
    expect(standardFor(wulong('2021-09-01'), 'rural')).toBe(51_500);
    expect(standardFor(wulong('2022-07-01'), 'urban')).toBe(71_700);
    expect(standardFor(wulong('2022-07-01'), 'rural')).toBe(58_100);
  });

  it('武隆 uses its own 2025-07 version (disposable income 31,000) and the city one before (39,600)', () => {
    expect(wulong('2025-07-01').versionId).toBe('cq-wulong-2025-07-01');
    expect(wulong('2025-07-01').values.disposableIncomePerCapitaAnnualFen).toBe(3_100_000);
    expect(
      resolveParameters(DEFAULT_PARAMETER_VERSIONS, '500101', '2025-07-01').values.disposableIncomePerCapitaAnnualFen,
    ).toBe(3_960_000);
    expect(wulong('2025-06-30').versionId).toBe('cq-2023-07-01');
    expect(resolveParameters(DEFAULT_PARAMETER_VERSIONS, WULONG_TOWNSHIP, '2025-06-30').regionCode).toBe('50');
  });

  it('特困 basic 1001 from 2025-07 and every version ≥ 1.3 × its urban standard', () => {
    expect(wulong('2025-07-01').values.tekunBasicStandardFen).toBe(100_100);
    for (const v of DEFAULT_PARAMETER_VERSIONS) {
      expect(v.values.tekunBasicStandardFen * 10_000).toBeGreaterThanOrEqual(v.values.dibaoStandardFen.urban * 13_000);
    }
  });

  it('listed defaults: 30% deduction, 24×, vehicle 30,000, disease cap 50,000, 1.5×, 80%, 6 months, 2,000', () => {
    const v = wulong('2025-07-01').values;
    expect(v.employmentCostDeductionBp).toBe(3_000);
    expect(v.assetMultiple).toBe(24);
    expect(v.vehicleExemptMaxFen).toBe(3_000_000);
    expect(v.majorDiseaseAssetCapFen).toBe(5_000_000);
    expect(v.marginalIncomeRatioBp).toBe(15_000);
    expect(v.rigidHardshipSpendingShareBp).toBe(8_000);
    expect(v.gradualExitMonths).toBe(6);
    expect(v.temporaryEmergencyCapFen).toBe(200_000);
    expect(v.temporaryMaxStagedMonths).toBe(6);
    expect(v.tekunCareAllowanceFen).toEqual({ selfCare: 0, partial: 44_000, total: 114_400 });
  });

  it('every parameter and every default version carries a source label', () => {
    expect(Object.keys(PARAMETER_SOURCES).sort()).toEqual(Object.keys(base).sort());
    for (const v of DEFAULT_PARAMETER_VERSIONS) expect(VERSION_NOTES[v.id]).toBeDefined();
  });
});
