import { describe, expect, it } from 'vitest';
import { classifyApplication } from './classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from './default-parameters.ts';
import type { ApplicationFacts, PersonFacts } from './facts.ts';
import {
  householdOfThree,
  noAssets,
  person,
  transfer,
  versionOf,
  WULONG_TOWNSHIP,
  wages,
  wulong,
} from './test-fixtures.ts';

const options = { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-07-15' };

function facts(persons: PersonFacts[], extra: Partial<ApplicationFacts> = {}): ApplicationFacts {
  return {
    regionCode: WULONG_TOWNSHIP,
    area: 'urban',
    persons,
    incomes: [],
    spending: [],
    assets: noAssets(),
    ...extra,
  };
}

const programmes = (result: ReturnType<typeof classifyApplication>) =>
  result.decisions.map((d) => `${d.programme}:${d.outcome}`);

describe('classification order 特困 → 低保 → 低保边缘 (+ 单人保) → 刚性支出困难, + 临时救助', () => {
  it('a 75-year-old living alone, no income, no supporter → 特困 only (1,001), 低保 not evaluated', () => {
    const result = classifyApplication(
      facts([person('e', { birthDate: '1950-01-01', supporterAbleToSupport: false })]),
      options,
    );
    expect(programmes(result)).toEqual(['extremePovertySupport:eligible']);
    expect(result.monthlyTotalFen).toBe(100_100);
  });

  it('a 特困 member leaves; the rest is assessed for 低保 alone: 1,000 − 231 = 769 → 1 × (770 − 769) = 1', () => {
    const result = classifyApplication(
      facts(
        [
          person('a'),
          person('s', {
            relation: 'sibling',
            supportDuty: true,
            disability: { category: 'intellectual', level: 2 },
            supporterAbleToSupport: false,
          }),
        ],
        { incomes: [wages('a', 100_000), transfer('s', 10_000, 'disability-subsidy')] },
      ),
      options,
    );
    expect(programmes(result)).toEqual(['extremePovertySupport:eligible', 'minimumLivingAllowance:eligible']);
    expect(result.decisions[1].memberIds).toEqual(['a']);
    expect(result.decisions[1].amountFen).toBe(100);
    expect(result.monthlyTotalFen).toBe(100_100 + 100);
  });

  it('a minor child with supporting parents is not a 特困 candidate (traced), the household goes to 低保', () => {
    const result = classifyApplication(facts(householdOfThree(), { incomes: [wages('a', 150_000)] }), options);
    expect(programmes(result)).toEqual(['minimumLivingAllowance:eligible']);
    const candidates = result.trace.filter((t) => t.rule === 'classify.tekun-candidate');
    expect(candidates.map((t) => t.result)).toEqual([false, false, false]);
  });

  it('above 1.5× with heavy living and rehabilitation spending → 刚性支出困难 (2,000/capita; 39,000 > 80% × 48,000)', () => {
    const result = classifyApplication(
      facts([person('a'), person('b', { relation: 'spouse' })], {
        incomes: [transfer('a', 400_000)],
        spending: [
          { kind: 'living', amountFen: 3_000_000 },
          { kind: 'rehabilitation', memberId: 'b', amountFen: 900_000 },
        ],
      }),
      options,
    );
    expect(programmes(result)).toEqual([
      'minimumLivingAllowance:ineligible',
      'lowIncomeMarginal:ineligible',
      'rigidExpenditureHardship:eligible',
    ]);
    expect(result.monthlyTotalFen).toBe(0);
  });

  it('emergency (need 5,000 → 2,000 first) and expenditure (need 30,000 → 4,620 − 2,000 = 2,620 over 2 months)', () => {
    const result = classifyApplication(facts(householdOfThree(), { incomes: [wages('a', 500_000)] }), {
      ...options,
      emergency: { placeRegionCode: '500101001', occurredOn: '2025-07-10', needFen: 500_000 },
      expenditure: { uncoveredNeedFen: 3_000_000, stagedMonths: 2 },
    });
    const emergency = result.decisions.find((d) => d.programme === 'temporaryAssistanceEmergency');
    expect(emergency?.amountFen).toBe(200_000);
    // Decided where it happened (万州, a Chongqing-wide version), not by the 武隆 registration.
    expect(emergency?.trace[0].parameterVersionId).toBe('cq-2025-07-01');
    const expenditure = result.decisions.find((d) => d.programme === 'temporaryAssistanceExpenditure');
    expect(expenditure?.amountFen).toBe(262_000);
    expect(expenditure?.payments).toEqual([
      { month: '2025-07', amountFen: 131_000 },
      { month: '2025-08', amountFen: 131_000 },
    ]);
  });

  it('an advance granted apart (急难型 case, 2,000) is deducted: need 30,000 → 4,620 − 2,000 = 2,620; none decided here', () => {
    const result = classifyApplication(facts(householdOfThree(), { incomes: [wages('a', 500_000)] }), {
      ...options,
      expenditure: { uncoveredNeedFen: 3_000_000, stagedMonths: 2, advancesPaidFen: 200_000 },
    });
    expect(result.decisions.some((d) => d.programme === 'temporaryAssistanceEmergency')).toBe(false);
    const expenditure = result.decisions.find((d) => d.programme === 'temporaryAssistanceExpenditure');
    expect(expenditure?.amountFen).toBe(262_000);
    expect(expenditure?.trace[0].inputs.emergencyPaidFen).toBe(200_000);
  });

  it('an excluded member (prisoner) is listed with the reason, and their income is not counted', () => {
    const result = classifyApplication(
      facts([person('a'), person('p', { relation: 'spouse', imprisoned: true })], { incomes: [wages('p', 900_000)] }),
      options,
    );
    expect(result.excluded).toEqual([
      expect.objectContaining({ personId: 'p', code: 'household.excluded.prisoner', zh: '在监狱服刑，不计入家庭成员' }),
    ]);
    expect(result.memberIds).toEqual(['a']);
    expect(result.decisions[0]).toMatchObject({
      programme: 'minimumLivingAllowance',
      outcome: 'eligible',
      amountFen: 77_000,
    });
  });

  it('no counted member → error', () => {
    expect(() => classifyApplication(facts([person('a', { declaredMissing: true })]), options)).toThrow(RangeError);
  });

  it('the trace cites the parameter versions read and lists every person', () => {
    const result = classifyApplication(facts(householdOfThree()), options);
    expect(result.trace.filter((t) => t.rule === 'household.member')).toHaveLength(3);
    const versions = new Set(result.trace.map((t) => t.parameterVersionId).filter((v) => v !== null));
    expect([...versions]).toEqual(['cq-wulong-2025-07-01']);
  });

  it('another parameter set flows through untouched: standard 1,000, deduction 0% → (1,500 / 3 = 500) → 1,500', () => {
    const values = {
      ...wulong('2025-07-15').values,
      dibaoStandardFen: { urban: 100_000, rural: 80_000 },
      employmentCostDeductionBp: 0,
    };
    const result = classifyApplication(facts(householdOfThree(), { incomes: [wages('a', 150_000)] }), {
      versions: versionOf(values, 'other'),
      decisionDate: '2025-07-15',
    });
    expect(result.decisions[0].amountFen).toBe(150_000);
    expect(result.benefitVersionId).toBe('other');
  });
});
