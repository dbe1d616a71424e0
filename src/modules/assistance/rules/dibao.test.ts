import { describe, expect, it } from 'vitest';
import { testAssets } from './assets.ts';
import { decideDibao, topUpFor } from './dibao.ts';
import type { PersonFacts } from './facts.ts';
import { assessIncome } from './income.ts';
import type { ResolvedParameters } from './policy-parameters.ts';
import { noAssets, person, transfer, withValues, wulong } from './test-fixtures.ts';

const params = wulong('2025-07-15');

function decide(
  members: PersonFacts[],
  monthlyTransferFen: number,
  parameters: ResolvedParameters = params,
  assetsFen = 0,
) {
  const ids = members.map((m) => m.id);
  const income = assessIncome(ids, [transfer(ids[0], monthlyTransferFen)], [], parameters, 'urban', {
    includeHouseholdSpending: true,
  });
  const assets = testAssets(noAssets(assetsFen), members, parameters, 'urban');
  return decideDibao({ members, income, assets, area: 'urban', benefitMonth: '2025-07', parameters });
}

describe('低保 eligibility and 补差 (DOMAIN §1.1)', () => {
  it('income exactly equal to the standard (770) is NOT eligible — the rule is strictly less', () => {
    const decision = decide([person('a')], 77_000);
    expect(decision.outcome).toBe('ineligible');
    expect(decision.reasons.map((r) => r.code)).toEqual(['dibao.income-not-below-standard']);
    expect(decision.reasons[0].zh).toBe('家庭人均月收入770.00元，不低于低保标准770.00元');
  });

  it('one fen below the standard (769.99) is eligible with 0.01 benefit', () => {
    const decision = decide([person('a')], 76_999);
    expect(decision.outcome).toBe('eligible');
    expect(decision.amountFen).toBe(1);
  });

  it('no income, 2 members: (770 − 0) × 2 = 1,540', () => {
    expect(decide([person('a'), person('b', { relation: 'spouse' })], 0).amountFen).toBe(154_000);
  });

  it('per-capita not a whole fen: 3 members, household 1,000.01 → 770 × 3 − 1,000.01 = 1,309.99', () => {
    const decision = decide(
      [person('a'), person('b', { relation: 'spouse' }), person('c', { relation: 'child' })],
      100_001,
    );
    expect(decision.amountFen).toBe(130_999);
    expect(decision.trace.find((t) => t.rule === 'dibao.gap-benefit')?.result).toMatchObject({
      text: '770.00 × 3 − 1000.01 = 1309.99',
    });
  });

  it('assets failing refuse even with income below the standard, both reasons given', () => {
    const decision = decide([person('a')], 80_000, params, 1_848_001);
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'dibao.income-not-below-standard',
      'assets.financial-over-limit',
    ]);
  });

  it('the standard is a parameter: at 800, income 780 → eligible 20', () => {
    const p = withValues(params, { dibaoStandardFen: { urban: 80_000, rural: 66_000 } });
    expect(decide([person('a')], 78_000, p).amountFen).toBe(2_000);
  });
});

describe('分类施保 top-ups (percent of standard, highest single category per member)', () => {
  const rates = withValues(params, { topUpBp: { elderly: 1_000, disabled: 2_000, seriouslyIll: 1_500, child: 500 } });

  it('defaults are off (0%): no top-up', () => {
    expect(topUpFor(person('e', { birthDate: '1950-01-01' }), params, 'urban', '2025-07-01')).toBeNull();
  });

  it('elderly 10% of 770 = 77; disabled level 2 20% = 154; an elderly disabled member gets only the higher 154', () => {
    expect(topUpFor(person('e', { birthDate: '1950-01-01' }), rates, 'urban', '2025-07-01')?.amountFen).toBe(7_700);
    const both = person('x', { birthDate: '1950-01-01', disability: { category: 'physical', level: 2 } });
    expect(topUpFor(both, rates, 'urban', '2025-07-01')).toMatchObject({ category: 'disabled', amountFen: 15_400 });
  });

  it('level 3 physical disability gets no disabled top-up (max level 2); a child 5% = 38.50', () => {
    expect(
      topUpFor(person('d', { disability: { category: 'physical', level: 3 } }), rates, 'urban', '2025-07-01'),
    ).toBeNull();
    expect(topUpFor(person('k', { birthDate: '2015-01-01' }), rates, 'urban', '2025-07-01')?.amountFen).toBe(3_850);
  });

  it('benefit = 补差 + top-ups: 2 members, no income, one seriously ill → 1,540 + 115.50 = 1,655.50', () => {
    const members = [person('a', { majorDisease: true }), person('b', { relation: 'spouse' })];
    expect(decide(members, 0, rates).amountFen).toBe(165_550);
  });
});
