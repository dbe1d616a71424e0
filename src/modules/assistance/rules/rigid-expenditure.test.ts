import { describe, expect, it } from 'vitest';
import { testAssets } from './assets.ts';
import type { Decision } from './decision.ts';
import type { SpendingRecord } from './facts.ts';
import { assessIncome } from './income.ts';
import { decideRigidHardship } from './rigid-expenditure.ts';
import { noAssets, person, transfer, withValues, wulong } from './test-fixtures.ts';

const params = wulong('2025-07-15');
const members = [person('a'), person('b', { relation: 'spouse' })];

function decide(
  monthlyHouseholdFen: number,
  spending: SpendingRecord[],
  earlier: Decision[] = [],
  parameters = params,
) {
  // Income counted without deductions here: a transfer, and spending kinds that are not deducted from income.
  const income = assessIncome(['a', 'b'], [transfer('a', monthlyHouseholdFen)], [], parameters, 'urban', {
    includeHouseholdSpending: true,
  });
  return decideRigidHardship({
    memberIds: ['a', 'b'],
    income,
    spending,
    assets: testAssets(noAssets(), members, parameters, 'urban'),
    earlierDecisions: earlier,
    decisionDate: '2025-07-15',
    parameters,
  });
}

describe('刚性支出困难 (DOMAIN §1.3)', () => {
  it('2,000/capita (24,000/yr < 武隆 31,000), spending 38,400.01 > 80% × 48,000 → valid to 2026-07-14', () => {
    const decision = decide(400_000, [
      { kind: 'living', amountFen: 2_400_000 },
      { kind: 'medical', memberId: 'a', amountFen: 1_440_001 },
    ]);
    expect(decision.outcome).toBe('eligible');
    expect(decision.validUntil).toBe('2026-07-14');
  });

  it('spending exactly 80% of income (38,400 of 48,000) is not "over" the share', () => {
    const decision = decide(400_000, [{ kind: 'living', amountFen: 3_840_000 }]);
    expect(decision.reasons.map((r) => r.code)).toEqual(['rigid-hardship.spending-share']);
  });

  it('per-capita income at last year’s disposable income (31,000/yr = 2,583.33.. /month) fails; below passes', () => {
    // 2 members: 31,000 × 2 / 12 = 5,166.67/month household → 5,166.66 is below, 5,166.67 is not
    expect(decide(516_667, [{ kind: 'medical', amountFen: 9_000_000 }]).reasons.map((r) => r.code)).toEqual([
      'rigid-hardship.income-not-below-disposable',
    ]);
    expect(decide(516_666, [{ kind: 'medical', amountFen: 9_000_000 }]).outcome).toBe('eligible');
  });

  it('the share and the income line are parameters: 50% share, 20,000 line', () => {
    const p = withValues(params, {
      rigidHardshipSpendingShareBp: 5_000,
      disposableIncomePerCapitaAnnualFen: 2_000_000,
    });
    // 1,500/capita = 18,000/yr < 20,000; spending 18,000.01 > 50% × 36,000
    expect(decide(300_000, [{ kind: 'education', amountFen: 1_800_001 }], [], p).outcome).toBe('eligible');
  });

  it('not when already recognised as 低保边缘 (or 低保, 特困)', () => {
    const marginal: Decision = {
      programme: 'lowIncomeMarginal',
      outcome: 'eligible',
      memberIds: [],
      reasons: [],
      trace: [],
    };
    const decision = decide(400_000, [{ kind: 'medical', amountFen: 9_000_000 }], [marginal]);
    expect(decision.reasons.map((r) => r.code)).toEqual(['rigid-hardship.already-recognised']);
  });
});
