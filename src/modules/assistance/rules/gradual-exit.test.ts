import { describe, expect, it } from 'vitest';
import { decideExit, type ExitInput, isPaidInMonth } from './gradual-exit.ts';
import { assessIncome } from './income.ts';
import { transfer, withValues, wulong } from './test-fixtures.ts';

const params = wulong('2025-07-15');

function exitOn(monthlyHouseholdFen: number, overrides: Partial<ExitInput> = {}) {
  const income = assessIncome(['a', 'b', 'c'], [transfer('a', monthlyHouseholdFen)], [], params, 'urban', {
    includeHouseholdSpending: true,
  });
  return decideExit({
    event: 'income-change',
    memberIds: ['a', 'b', 'c'],
    decisionDate: '2025-07-15',
    currentMonthlyBenefitFen: 104_100,
    income,
    area: 'urban',
    parameters: params,
    ...overrides,
  });
}

describe('渐退 and exit (DOMAIN §1.1)', () => {
  it('income rises to 800/capita (770..1,155): 1,041 paid 2025-08..2026-01 — month 6 paid, month 7 not', () => {
    const decision = exitOn(240_000);
    expect(decision.outcome).toBe('gradual-exit');
    expect(decision.payments).toHaveLength(6);
    expect(decision.payments?.every((p) => p.amountFen === 104_100)).toBe(true);
    expect(isPaidInMonth(decision, '2025-07')).toBe(false);
    expect(isPaidInMonth(decision, '2025-08')).toBe(true);
    expect(isPaidInMonth(decision, '2026-01')).toBe(true);
    expect(isPaidInMonth(decision, '2026-02')).toBe(false);
    expect(decision.validUntil).toBe('2026-01-31');
  });

  it('income exactly at the standard (770/capita) is 渐退; exactly 1.5× (1,155) stops from next month', () => {
    expect(exitOn(231_000).outcome).toBe('gradual-exit');
    const stop = exitOn(346_500);
    expect(stop.outcome).toBe('stop');
    expect(stop.payments).toEqual([]);
    expect(stop.validUntil).toBe('2025-07-31');
  });

  it('income still below the standard: continue with the new 补差, 600/capita → (770 − 600) × 3 = 510', () => {
    const decision = exitOn(180_000);
    expect(decision.outcome).toBe('continue');
    expect(decision.amountFen).toBe(51_000);
  });

  it('the 渐退 length is a parameter: 3 months → last paid 2025-10', () => {
    const decision = exitOn(240_000, { parameters: withValues(params, { gradualExitMonths: 3 }) });
    expect(decision.payments?.map((p) => p.month)).toEqual(['2025-08', '2025-09', '2025-10']);
  });

  it('death or moving away: stop from next month', () => {
    for (const event of ['death', 'moved-away'] as const) {
      const decision = exitOn(0, { event });
      expect(decision.outcome).toBe('stop');
      expect(decision.reasons[0].zh).toContain('自2025-08起停发');
    }
  });

  it('fraud: stop, recover 6,246 and fine 1-3× (6,246 to 18,738)', () => {
    const decision = exitOn(0, { event: 'fraud', obtainedByFraudFen: 624_600 });
    expect(decision.outcome).toBe('stop');
    expect(decision.reasons.map((r) => r.code)).toEqual(['exit.fraud', 'exit.fraud-recovery']);
    expect(decision.reasons[1].zh).toContain('6246.00至18738.00元');
  });
});
