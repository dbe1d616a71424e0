import { describe, expect, it } from 'vitest';
import { bandFor, decideEmergency, decideExpenditure, splitInstalments } from './temporary.ts';
import { withValues, wulong } from './test-fixtures.ts';

const params = wulong('2025-07-15');

describe('临时救助 emergency type (≤ 2,000 paid first, papers after)', () => {
  const emergency = (needFen: number, parameters = params) =>
    decideEmergency({ memberIds: ['a'], placeRegionCode: '500156003', occurredOn: '2025-07-20', needFen, parameters });

  it('need 5,000 → advance 2,000 (cap); need 1,200 → 1,200; need 0 → none', () => {
    expect(emergency(500_000).amountFen).toBe(200_000);
    expect(emergency(120_000).amountFen).toBe(120_000);
    expect(emergency(0).outcome).toBe('ineligible');
  });

  it('decided where it happened regardless of household registration, paid in the month it happened', () => {
    const decision = emergency(500_000);
    expect(decision.trace[0].inputs).toMatchObject({
      placeRegionCode: '500156003',
      householdRegistrationConsidered: false,
    });
    expect(decision.payments).toEqual([{ month: '2025-07', amountFen: 200_000 }]);
  });

  it('the cap is a parameter: 3,000 → need 5,000 gets 3,000', () => {
    expect(emergency(500_000, withValues(params, { temporaryEmergencyCapFen: 300_000 })).amountFen).toBe(300_000);
  });
});

describe('临时救助 expenditure type (bands as multiples of the standard, staged ≤ 6 months)', () => {
  const expenditure = (uncoveredNeedFen: number, extra: { emergencyPaidFen?: number; stagedMonths?: number } = {}) =>
    decideExpenditure({
      memberIds: ['a'],
      area: 'urban',
      uncoveredNeedFen,
      startMonth: '2025-08',
      parameters: params,
      ...extra,
    });

  it('bands: need ≤ 5,000 → ≤ 2 × 770 = 1,540; ≤ 20,000 → ≤ 3,080; above → ≤ 4,620', () => {
    expect(expenditure(100_000).amountFen).toBe(100_000);
    expect(expenditure(500_000).amountFen).toBe(154_000);
    expect(expenditure(500_001).amountFen).toBe(308_000);
    expect(expenditure(2_000_000).amountFen).toBe(308_000);
    expect(expenditure(2_000_001).amountFen).toBe(462_000);
    expect(bandFor(2_000_001, params.values.temporaryExpenditureBands).needUpToFen).toBeNull();
  });

  it('the emergency advance counts against the total: 30,000 need, 2,000 advanced → 4,620 − 2,000 = 2,620', () => {
    expect(expenditure(3_000_000, { emergencyPaidFen: 200_000 }).amountFen).toBe(262_000);
  });

  it('staged: 4,620 over 6 months = 770 each from 2025-08; 8 months asked → 6', () => {
    const decision = expenditure(3_000_000, { stagedMonths: 8 });
    expect(decision.payments).toHaveLength(6);
    expect(decision.payments?.[0]).toEqual({ month: '2025-08', amountFen: 77_000 });
    expect(decision.payments?.[5].month).toBe('2026-01');
  });

  it('instalments sum exactly; the remainder fen go to the first: 1,000.00 over 3 → 333.34 + 333.33 + 333.33', () => {
    expect(splitInstalments(100_000, 3, '2025-12').map((p) => [p.month, p.amountFen])).toEqual([
      ['2025-12', 33_334],
      ['2026-01', 33_333],
      ['2026-02', 33_333],
    ]);
  });

  it('nothing left after the advance → no expenditure-type grant', () => {
    expect(expenditure(150_000, { emergencyPaidFen: 200_000 }).outcome).toBe('ineligible');
  });
});
