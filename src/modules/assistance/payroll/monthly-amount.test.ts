import { describe, expect, it } from 'vitest';
import type { EnrollmentBasis } from '../enrollment/enrollment-basis.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import { resolveParameters } from '../rules/policy-parameters.ts';
import { WULONG_TOWNSHIP, withValues, wulong } from '../rules/test-fixtures.ts';
import { monthlyAmountFen, monthRates } from './monthly-amount.ts';

const NO_TOP_UPS = { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 };
const urbanThree: EnrollmentBasis = {
  kind: 'gap',
  monthlyIncomeFen: 126_900,
  members: 3,
  topUps: NO_TOP_UPS,
  earnedIncome: true,
};

function ratesOn(date: string, area: 'urban' | 'rural' = 'urban') {
  return monthRates(resolveParameters(DEFAULT_PARAMETER_VERSIONS, WULONG_TOWNSHIP, date), area);
}

describe('monthly amount with the standard in force for the month', () => {
  it('household of 3, per-capita 423: June 2025 (750) → 981; July 2025 (770 from 2025-07-01) → 1,041', () => {
    expect(monthlyAmountFen(urbanThree, ratesOn('2025-06-01'))).toBe(98_100);
    expect(monthlyAmountFen(urbanThree, ratesOn('2025-07-01'))).toBe(104_100);
  });

  it('rural standard 630: (630 − 423) × 3 = 621', () => {
    expect(monthlyAmountFen(urbanThree, ratesOn('2025-07-01', 'rural'))).toBe(62_100);
  });

  it('income equal to the standard × members pays nothing, never a negative amount', () => {
    expect(monthlyAmountFen({ ...urbanThree, monthlyIncomeFen: 231_000 }, ratesOn('2025-07-01'))).toBe(0);
    expect(monthlyAmountFen({ ...urbanThree, monthlyIncomeFen: 300_000 }, ratesOn('2025-07-01'))).toBe(0);
  });

  it('单人保, own income 0, standard 770 → 770', () => {
    const single: EnrollmentBasis = {
      kind: 'gap',
      monthlyIncomeFen: 0,
      members: 1,
      topUps: NO_TOP_UPS,
      earnedIncome: false,
    };
    expect(monthlyAmountFen(single, ratesOn('2025-07-01'))).toBe(77_000);
  });

  it('分类施保: one elderly member at 10% of 770 adds 77 → 1,041 + 77 = 1,118', () => {
    const rates = monthRates(
      withValues(wulong('2025-07-01'), { topUpBp: { elderly: 1_000, disabled: 0, seriouslyIll: 0, child: 0 } }),
      'urban',
    );
    expect(rates.topUpFen.elderly).toBe(7_700);
    expect(monthlyAmountFen({ ...urbanThree, topUps: { ...NO_TOP_UPS, elderly: 1 } }, rates)).toBe(111_800);
  });

  it('特困 total loss of self-care: 1,001 + 1,144 = 2,145 from 2025-07', () => {
    expect(monthlyAmountFen({ kind: 'tekun', careTier: 'total' }, ratesOn('2025-07-01'))).toBe(100_100 + 114_400);
    expect(monthlyAmountFen({ kind: 'tekun', careTier: 'not-assessed' }, ratesOn('2025-07-01'))).toBe(100_100);
  });

  it('低保边缘 and 刚性支出困难 records pay nothing', () => {
    expect(monthlyAmountFen({ kind: 'none', members: 4 }, ratesOn('2025-07-01'))).toBe(0);
  });
});
