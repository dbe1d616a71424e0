import { describe, expect, it } from 'vitest';
import { testAssets } from './assets.ts';
import type { PersonFacts } from './facts.ts';
import { assessIncome } from './income.ts';
import { decideMarginal } from './marginal.ts';
import { decideSinglePerson, qualifiesForSinglePerson } from './single-person.ts';
import { noAssets, person, transfer, wages, withValues, wulong } from './test-fixtures.ts';

const params = wulong('2025-07-15');
const hh = { includeHouseholdSpending: true };

function marginal(monthlyHouseholdFen: number, members = 1, assetsFen = 0, parameters = params) {
  const people = Array.from({ length: members }, (_, i) => person(`m${i}`));
  const income = assessIncome(
    people.map((p) => p.id),
    [transfer('m0', monthlyHouseholdFen)],
    [],
    parameters,
    'urban',
    hh,
  );
  const assets = testAssets(noAssets(assetsFen), people, parameters, 'urban');
  return decideMarginal({ memberIds: people.map((p) => p.id), income, assets, area: 'urban', parameters });
}

describe('低保边缘 (< 1.5 × standard, not 低保, assets pass)', () => {
  it('exactly 1.5 × 770 = 1,155 is NOT 低保边缘; 1,154.99 is', () => {
    expect(marginal(115_500).outcome).toBe('ineligible');
    expect(marginal(115_500).reasons[0].zh).toBe('家庭人均月收入1155.00元，不低于低保标准770.00元的1.5倍（1155.00元）');
    expect(marginal(115_499).outcome).toBe('eligible');
  });

  it('exactly the standard 770 is 低保边缘 (not 低保); 769.99 belongs to 低保 instead', () => {
    expect(marginal(77_000).outcome).toBe('eligible');
    expect(marginal(76_999).reasons.map((r) => r.code)).toEqual(['marginal.dibao-eligible']);
  });

  it('the ratio is a parameter: at 2×, 1,500 per capita qualifies', () => {
    expect(marginal(150_000, 1, 0, withValues(params, { marginalIncomeRatioBp: 20_000 })).outcome).toBe('eligible');
  });

  it('assets must pass: 1,000 per capita with 18,480.01 per capita in deposits → not 低保边缘', () => {
    const decision = marginal(100_000, 1, 1_848_001);
    expect(decision.outcome).toBe('ineligible');
    expect(decision.reasons.map((r) => r.code)).toEqual(['assets.financial-over-limit']);
  });
});

describe('单人保 (member of a 低保边缘 household enrolled alone)', () => {
  const household = marginal(400_000, 4); // 1,000 per capita

  function single(p: PersonFacts, ownMonthlyWages = 0, parameters = params) {
    const ownIncome = assessIncome(
      [p.id],
      ownMonthlyWages > 0 ? [wages(p.id, ownMonthlyWages)] : [],
      [],
      parameters,
      'urban',
      {
        includeHouseholdSpending: false,
      },
    );
    return decideSinglePerson({ person: p, household, ownIncome, area: 'urban', benefitMonth: '2025-07', parameters });
  }

  it('qualifies: level 1-2 any category, level 3 intellectual/psychiatric, major disease; not level 3 physical', () => {
    expect(qualifiesForSinglePerson(person('x', { disability: { category: 'visual', level: 2 } }), params)).toBe(true);
    expect(qualifiesForSinglePerson(person('x', { disability: { category: 'psychiatric', level: 3 } }), params)).toBe(
      true,
    );
    expect(qualifiesForSinglePerson(person('x', { disability: { category: 'physical', level: 3 } }), params)).toBe(
      false,
    );
    expect(qualifiesForSinglePerson(person('x', { majorDisease: true }), params)).toBe(true);
    expect(qualifiesForSinglePerson(person('x'), params)).toBe(false);
  });

  it('level-1 disabled member with no income → 770 − 0 = 770', () => {
    expect(single(person('c', { disability: { category: 'physical', level: 1 } })).amountFen).toBe(77_000);
  });

  it('own wages 500 less the 231 deduction → own income 269 → 770 − 269 = 501', () => {
    expect(single(person('c', { majorDisease: true }), 50_000).amountFen).toBe(50_100);
  });

  it('own income at the standard → not eligible; a household that is not 低保边缘 → not eligible', () => {
    expect(single(person('c', { majorDisease: true }), 100_100).outcome).toBe('ineligible');
    const notMarginal = decideSinglePerson({
      person: person('c', { majorDisease: true }),
      household: marginal(800_000, 4), // 2,000 per capita
      ownIncome: assessIncome(['c'], [], [], params, 'urban', { includeHouseholdSpending: false }),
      area: 'urban',
      benefitMonth: '2025-07',
      parameters: params,
    });
    expect(notMarginal.reasons.map((r) => r.code)).toEqual(['single-person.not-marginal']);
  });
});
