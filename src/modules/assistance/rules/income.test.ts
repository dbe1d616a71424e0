import { describe, expect, it } from 'vitest';
import { assessIncome, incomeBelow } from './income.ts';
import { transfer, wages, withValues, wulong } from './test-fixtures.ts';

const params = wulong('2025-07-15');
const household = { includeHouseholdSpending: true };

describe('income assessment (DOMAIN §1.1)', () => {
  it('wages 1,500/month less 30% × 770 = 231 per working member, 3 members → 423.00 per capita', () => {
    const income = assessIncome(['a', 'b', 'c'], [wages('a', 150_000)], [], params, 'urban', household);
    expect(income.employmentDeductionWindowFen).toBe(23_100 * 12);
    expect(income.monthlyHouseholdFen).toBe(126_900);
    expect(income.perCapitaFen).toBe(42_300);
  });

  it('rural deduction is 30% of the rural standard: 30% × 630 = 189; wages 1,000 → 811 for one person', () => {
    const income = assessIncome(['a'], [wages('a', 100_000)], [], params, 'rural', household);
    expect(income.monthlyHouseholdFen).toBe(81_100);
  });

  it('the deduction never exceeds the member’s own wages: wages 100/month → deduction 100, not 231', () => {
    const income = assessIncome(
      ['a', 'b'],
      [wages('a', 10_000), transfer('b', 50_000)],
      [],
      params,
      'urban',
      household,
    );
    expect(income.employmentDeductionWindowFen).toBe(120_000);
    expect(income.monthlyHouseholdFen).toBe(50_000);
  });

  it('each working member gets the deduction: two earners of 2,231 → (4,462 − 462) / 4 = 1,000', () => {
    const income = assessIncome(
      ['a', 'b', 'c', 'd'],
      [wages('a', 223_100), wages('b', 223_100)],
      [],
      params,
      'urban',
      household,
    );
    expect(income.perCapitaFen).toBe(100_000);
  });

  it('a deduction rate of 0% (parameter) leaves wages whole: 1,500 / 3 = 500', () => {
    const income = assessIncome(
      ['a', 'b', 'c'],
      [wages('a', 150_000)],
      [],
      withValues(params, { employmentCostDeductionBp: 0 }),
      'urban',
      household,
    );
    expect(income.perCapitaFen).toBe(50_000);
  });

  it('excluded kinds (disability subsidy 100, residents’ pension 150, heroism award 50) not counted, traced', () => {
    const income = assessIncome(
      ['a'],
      [
        transfer('a', 10_000, 'disability-subsidy'),
        transfer('a', 15_000, 'residents-pension'),
        transfer('a', 5_000, 'heroism-award'),
        transfer('a', 20_000, 'alimony'),
      ],
      [],
      params,
      'urban',
      household,
    );
    expect(income.monthlyHouseholdFen).toBe(20_000);
    expect(income.excludedWindowFen).toBe(30_000 * 12);
    expect(income.trace.filter((t) => t.rule === 'income.excluded-kind')).toHaveLength(3);
  });

  it('the excluded list is a parameter: counting residents’ pension adds its 150', () => {
    const income = assessIncome(
      ['a'],
      [transfer('a', 15_000, 'residents-pension')],
      [],
      withValues(params, { excludedIncomeKinds: ['disability-subsidy'] }),
      'urban',
      household,
    );
    expect(income.monthlyHouseholdFen).toBe(15_000);
  });

  it('business and property are net of costs, a business loss does not offset wages', () => {
    const income = assessIncome(
      ['a', 'b'],
      [
        { memberId: 'a', category: 'business', kind: 'business', amountFen: 1_200_000, costFen: 1_800_000 },
        { memberId: 'b', category: 'property', kind: 'rent', amountFen: 360_000, costFen: 120_000 },
        transfer('b', 30_000),
      ],
      [],
      params,
      'urban',
      household,
    );
    expect(income.byCategoryWindowFen).toEqual({ wage: 0, business: 0, property: 240_000, transfer: 360_000 });
    expect(income.monthlyHouseholdFen).toBe(50_000);
  });

  it('rigid expenditure (medical, schooling) deducted at actual cost, living not: (12,000 − 6,000) / 12 = 500', () => {
    const income = assessIncome(
      ['a'],
      [transfer('a', 100_000)],
      [
        { memberId: 'a', kind: 'medical', amountFen: 360_000 },
        { kind: 'education', amountFen: 240_000 },
        { kind: 'living', amountFen: 500_000 },
      ],
      params,
      'urban',
      household,
    );
    expect(income.rigidDeductionWindowFen).toBe(600_000);
    expect(income.monthlyHouseholdFen).toBe(50_000);
  });

  it('income never goes below zero: spending above income → 0', () => {
    const income = assessIncome(
      ['a'],
      [transfer('a', 10_000)],
      [{ kind: 'medical', amountFen: 1_000_000 }],
      params,
      'urban',
      household,
    );
    expect(income.monthlyHouseholdFen).toBe(0);
  });

  it('one rounding, half up, at the monthly average: 1,000.06 over 12 months → 83.34 (83.338…)', () => {
    const income = assessIncome(
      ['a'],
      [{ memberId: 'a', category: 'transfer', kind: 'x', amountFen: 100_006 }],
      [],
      params,
      'urban',
      household,
    );
    expect(income.monthlyHouseholdFen).toBe(8_334);
  });

  it('comparisons are exact on the household total: 3 members at 2,310.00 are not below 770 × 3, 2,309.99 are', () => {
    const at = assessIncome(['a', 'b', 'c'], [transfer('a', 231_000)], [], params, 'urban', household);
    expect(incomeBelow(at, 77_000, 10_000)).toBe(false);
    const under = assessIncome(['a', 'b', 'c'], [transfer('a', 230_999)], [], params, 'urban', household);
    expect(incomeBelow(under, 77_000, 10_000)).toBe(true);
  });

  it('records of non-members are ignored', () => {
    const income = assessIncome(['a'], [transfer('x', 99_900)], [], params, 'urban', household);
    expect(income.monthlyHouseholdFen).toBe(0);
  });
});
