import { describe, expect, it } from 'vitest';
import { classifyApplication } from '../rules/classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import { resolveParameters } from '../rules/policy-parameters.ts';
import { decideExpenditure } from '../rules/temporary.ts';
import { householdOfThree, noAssets, person, transfer, WULONG_TOWNSHIP, wages } from '../rules/test-fixtures.ts';
import {
  addMonthsToDate,
  basisFromDecision,
  INSTALMENT_PROGRAMMES,
  instalmentMonths,
  PAID_PROGRAMMES,
  PAYROLL_PROGRAMMES,
  reviewIntervalMonths,
  startMonthAfter,
} from './enrollment-basis.ts';

function urbanThree(): ApplicationFacts {
  return {
    regionCode: WULONG_TOWNSHIP,
    area: 'urban',
    persons: householdOfThree(),
    incomes: [wages('a', 150_000)],
    spending: [],
    assets: noAssets(),
  };
}

describe('enrollment basis from the decision', () => {
  it('低保 household of 3 earning 1,500: household income 1,269/month, 3 members, wages → re-check every 6 months', () => {
    const result = classifyApplication(urbanThree(), {
      versions: DEFAULT_PARAMETER_VERSIONS,
      decisionDate: '2025-07-10',
      benefitMonth: '2025-06',
    });
    const dibao = result.granted[0];
    const basis = basisFromDecision(dibao);
    expect(basis).toEqual({
      kind: 'gap',
      monthlyIncomeFen: 126_900,
      members: 3,
      topUps: { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 },
      earnedIncome: true,
    });
    expect(reviewIntervalMonths('minimumLivingAllowance', basis)).toBe(6);
  });

  it('低保 household living on transfers only (no earned income): yearly re-check', () => {
    const facts: ApplicationFacts = { ...urbanThree(), incomes: [transfer('a', 60_000)] };
    const result = classifyApplication(facts, { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-07-10' });
    const basis = basisFromDecision(result.granted[0]);
    expect(basis).toMatchObject({ kind: 'gap', monthlyIncomeFen: 60_000, members: 3, earnedIncome: false });
    expect(reviewIntervalMonths('minimumLivingAllowance', basis)).toBe(12);
  });

  it('特困 aged 65 with 4 of 6 ADL items failed keeps the care tier "total"', () => {
    const facts: ApplicationFacts = {
      regionCode: WULONG_TOWNSHIP,
      area: 'rural',
      persons: [
        person('old', {
          birthDate: '1960-01-01',
          supporterAbleToSupport: false,
          adl: {
            eating: false,
            dressing: false,
            bedTransfer: false,
            toileting: false,
            walkingIndoors: true,
            bathing: true,
          },
        }),
      ],
      incomes: [],
      spending: [],
      assets: noAssets(),
    };
    const result = classifyApplication(facts, { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-07-10' });
    const tekun = result.granted.find((d) => d.programme === 'extremePovertySupport');
    expect(tekun).toBeDefined();
    expect(basisFromDecision(tekun!)).toEqual({ kind: 'tekun', careTier: 'total' });
  });

  it('payment starts the month after approval: approved 2025-06-20 → 2025-07; 2025-12-31 → 2026-01', () => {
    expect(startMonthAfter('2025-06-20')).toBe('2025-07');
    expect(startMonthAfter('2025-12-31')).toBe('2026-01');
  });

  it('re-check dates clamp to the month end: 2025-08-31 + 6 months → 2026-02-28', () => {
    expect(addMonthsToDate('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonthsToDate('2025-06-20', 12)).toBe('2026-06-20');
  });
});

describe('临时救助 grants as instalments', () => {
  const parameters = resolveParameters(DEFAULT_PARAMETER_VERSIONS, WULONG_TOWNSHIP, '2025-07-28');
  const grant = (uncoveredNeedFen: number, stagedMonths: number) =>
    decideExpenditure({
      memberIds: ['a', 'b'],
      area: 'urban',
      uncoveredNeedFen,
      stagedMonths,
      startMonth: '2025-08',
      parameters,
    });

  it('need 1,500 over 3 months → 500 in August, September and October; never re-checked', () => {
    const basis = basisFromDecision(grant(150_000, 3));
    expect(basis).toEqual({
      kind: 'instalments',
      payments: [
        { month: '2025-08', amountFen: 50_000 },
        { month: '2025-09', amountFen: 50_000 },
        { month: '2025-10', amountFen: 50_000 },
      ],
    });
    expect(reviewIntervalMonths('temporaryAssistanceExpenditure', basis)).toBe(0);
    if (basis.kind !== 'instalments') throw new Error('instalments expected');
    expect(instalmentMonths(basis.payments)).toEqual({ startMonth: '2025-08', endMonth: '2025-10' });
  });

  it('need 10,000 → 4 × 770 = 3,080 over 3 months: the remainder fen go to the first (1,026.68 + 1,026.66 × 2)', () => {
    const basis = basisFromDecision(grant(1_000_000, 3));
    expect(basis.kind === 'instalments' && basis.payments.map((p) => p.amountFen)).toEqual([102_668, 102_666, 102_666]);
  });

  it('a grant without payments cannot be paid: refused', () => {
    expect(() => basisFromDecision({ ...grant(150_000, 1), payments: [] })).toThrow(RangeError);
    expect(() => instalmentMonths([])).toThrow(RangeError);
  });

  it('payroll runs the monthly programmes and both 临时救助 types; recognitions without money have none', () => {
    expect(PAYROLL_PROGRAMMES).toEqual([...PAID_PROGRAMMES, ...INSTALMENT_PROGRAMMES]);
    expect(PAYROLL_PROGRAMMES).toContain('temporaryAssistanceEmergency');
    expect(PAYROLL_PROGRAMMES).not.toContain('rigidExpenditureHardship');
  });
});
