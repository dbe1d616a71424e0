import { describe, expect, it } from 'vitest';
import { testAssets } from './assets.ts';
import { noAssets, person, withValues, wulong } from './test-fixtures.ts';

const params = wulong('2025-07-15');
const three = [person('a'), person('b', { relation: 'spouse' }), person('c', { relation: 'child' })];

describe('asset test (DOMAIN §1.1)', () => {
  it('per-capita financial assets exactly 24 × 770 = 18,480 pass (≤); one fen more fails', () => {
    expect(testAssets(noAssets(1_848_000 * 3), three, params, 'urban').passes).toBe(true);
    const over = testAssets(noAssets(1_848_000 * 3 + 1), three, params, 'urban');
    expect(over.passes).toBe(false);
    expect(over.reasons.map((r) => r.code)).toEqual(['assets.financial-over-limit']);
  });

  it('rural cap is 24 × 630 = 15,120 per capita', () => {
    expect(testAssets(noAssets(1_512_000), [person('a')], params, 'rural').passes).toBe(true);
    expect(testAssets(noAssets(1_512_001), [person('a')], params, 'rural').passes).toBe(false);
  });

  it('the multiple is a parameter: at 12×, 10,000 per capita fails (cap 9,240)', () => {
    const result = testAssets(noAssets(1_000_000), [person('a')], withValues(params, { assetMultiple: 12 }), 'urban');
    expect(result.passes).toBe(false);
    expect(result.capPerCapitaFen).toBe(924_000);
    expect(result.reasons[0].zh).toContain('12倍');
  });

  it('major disease in the household: cap 50,000 per capita — exactly 50,000 passes, 50,000.01 fails', () => {
    const ill = [person('a', { majorDisease: true }), person('b', { relation: 'spouse' })];
    expect(testAssets(noAssets(10_000_000), ill, params, 'urban').passes).toBe(true);
    const over = testAssets(noAssets(10_000_001), ill, params, 'urban');
    expect(over.passes).toBe(false);
    expect(over.reasons[0].zh).toContain('重大疾病家庭人均50000.00元');
  });

  it('one vehicle ≤ 30,000 is exempt; a second vehicle or one worth 30,000.01 fails', () => {
    const one = { ...noAssets(), vehicles: [{ valueFen: 3_000_000 }] };
    expect(testAssets(one, three, params, 'urban').passes).toBe(true);
    const two = { ...noAssets(), vehicles: [{ valueFen: 1_000_000 }, { valueFen: 2_000_000 }] };
    expect(testAssets(two, three, params, 'urban').reasons.map((r) => r.code)).toEqual(['assets.vehicle']);
    const dear = { ...noAssets(), vehicles: [{ valueFen: 3_000_001 }] };
    expect(testAssets(dear, three, params, 'urban').passes).toBe(false);
  });

  it('a dwelling beyond the area rule or a business employing others fails', () => {
    expect(testAssets({ ...noAssets(), dwellingBeyondAreaRule: true }, three, params, 'urban').reasons[0].code).toBe(
      'assets.dwelling',
    );
    expect(testAssets({ ...noAssets(), businessEmployingOthers: true }, three, params, 'urban').reasons[0].code).toBe(
      'assets.business',
    );
  });
});
