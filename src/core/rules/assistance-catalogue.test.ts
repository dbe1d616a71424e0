import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETER_VERSIONS } from '../../modules/assistance/rules/default-parameters.ts';
import { PARAMETER_VALUE_SCHEMAS } from './assistance-catalogue.ts';
import { ASSISTANCE_KEYS } from './assistance-defaults.ts';
import { PARAMETER_DESCRIPTORS } from './assistance-descriptors.ts';
import { rowStatus, sourceTagOf } from './policy-admin.service.ts';

describe('assistance parameter catalogue', () => {
  it('describes every key once, in Chinese and English', () => {
    expect(PARAMETER_DESCRIPTORS.map((d) => d.key).sort()).toEqual([...ASSISTANCE_KEYS].sort());
    for (const d of PARAMETER_DESCRIPTORS) {
      expect(d.labelZh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.labelEn).toMatch(/[A-Za-z]/);
    }
  });

  it('every shipped default value passes its schema', () => {
    for (const version of DEFAULT_PARAMETER_VERSIONS) {
      for (const key of ASSISTANCE_KEYS) {
        const r = PARAMETER_VALUE_SCHEMAS[key].safeParse(version.values[key]);
        expect(r.success, `${version.id} ${key}`).toBe(true);
      }
    }
  });

  it.each([
    ['dibaoStandardFen', { urban: 0, rural: 63_000 }],
    ['dibaoStandardFen', { urban: 77_000, rural: 63_000, town: 1 }],
    ['employmentCostDeductionBp', 10_001],
    ['marginalIncomeRatioBp', 10_000],
    ['gradualExitUpperRatioBp', 9_999],
    ['studentMaxLevel', 'doctorate'],
    ['fraudFineMultiple', { min: 3, max: 1 }],
    ['rigidHardshipSpendingKinds', []],
    ['rigidDeductibleKinds', ['medical', 'medical']],
    ['tekunAdlTotalLossMinFailed', 7],
    ['rigidHardshipAssetTest', 'yes'],
  ] as const)('%s rejects %j', (key, value) => {
    expect(PARAMETER_VALUE_SCHEMAS[key].safeParse(value).success).toBe(false);
  });

  it('boundaries: deduction 100% and 1.5× line just above 1× are accepted', () => {
    expect(PARAMETER_VALUE_SCHEMAS.employmentCostDeductionBp.safeParse(10_000).success).toBe(true);
    expect(PARAMETER_VALUE_SCHEMAS.marginalIncomeRatioBp.safeParse(10_001).success).toBe(true);
    expect(PARAMETER_VALUE_SCHEMAS.gradualExitUpperRatioBp.safeParse(10_000).success).toBe(true);
  });
});

describe('row status and source tag', () => {
  const row = (id: string, regionCode: string, effectiveFrom: string, withdrawnAt: string | null = null) => ({
    id,
    scheme: 'assistance',
    key: 'k',
    regionCode,
    effectiveFrom,
    value: 1,
    source: '',
    createdBy: 'system',
    createdAt: '2026-01-01T00:00:00Z',
    withdrawnAt,
    withdrawnBy: null,
  });
  const inForce = new Set(['b']);

  it.each([
    [row('a', '500156', '2026-07-01', '2026-02-01T00:00:00Z'), 'withdrawn'],
    [row('a', '500156', '2026-03-02'), 'scheduled'],
    [row('b', '500156', '2026-03-01'), 'in-force'],
    [row('c', '50', '2025-07-01'), 'superseded'],
    [row('d', '500156101', '2025-07-01'), 'elsewhere'],
  ])('row %# on 2026-03-01 for 500156003 is %s', (r, status) => {
    expect(rowStatus(r, '500156003', '2026-03-01', inForce)).toBe(status);
  });

  it('reads the leading [tag] of a source', () => {
    expect(sourceTagOf('[Ex] 30% of the standard')).toBe('Ex');
    expect(sourceTagOf('[Assumption] x')).toBe('Assumption');
    expect(sourceTagOf('渝民发〔2025〕5号')).toBeNull();
  });
});
