import { describe, expect, it } from 'vitest';
import { testAssets } from './assets.ts';
import type { AdlItems, PersonFacts } from './facts.ts';
import { assessIncome } from './income.ts';
import type { ResolvedParameters } from './policy-parameters.ts';
import { careAllowanceFen, careTier, decideTekun, tekunBasicStandardFen } from './tekun.ts';
import { noAssets, person, transfer, withValues, wulong } from './test-fixtures.ts';

const DATE = '2025-07-15';
const params = wulong(DATE);

function adl(failed: number): AdlItems {
  const unaided = (index: number) => index >= failed;
  return {
    eating: unaided(0),
    dressing: unaided(1),
    bedTransfer: unaided(2),
    toileting: unaided(3),
    walkingIndoors: unaided(4),
    bathing: unaided(5),
  };
}

function decide(
  p: PersonFacts,
  ownMonthlyFen = 0,
  parameters: ResolvedParameters = params,
  supportMode: 'home' | 'institutional' = 'home',
) {
  const ownIncome = assessIncome(
    [p.id],
    ownMonthlyFen ? [transfer(p.id, ownMonthlyFen)] : [],
    [],
    parameters,
    'urban',
    {
      includeHouseholdSpending: true,
    },
  );
  const assets = testAssets(noAssets(), [p], parameters, 'urban');
  return decideTekun({ person: p, ownIncome, assets, area: 'urban', decisionDate: DATE, supportMode, parameters });
}

const elderly = (overrides: Partial<PersonFacts> = {}) =>
  person('e', { birthDate: '1950-01-01', supporterAbleToSupport: false, adl: adl(0), ...overrides });

describe('特困 conditions (DOMAIN §1.2: all three)', () => {
  it('aged 75, no income, no supporter, self-care → basic 1,001 + care 0 = 1,001', () => {
    const decision = decide(elderly());
    expect(decision.outcome).toBe('eligible');
    expect(decision.amountFen).toBe(100_100);
  });

  it('age exactly 60 on the decision date qualifies; 59 does not (has work capacity)', () => {
    expect(decide(elderly({ birthDate: '1965-07-15' })).outcome).toBe('eligible');
    expect(decide(elderly({ birthDate: '1965-07-16' })).reasons.map((r) => r.code)).toEqual([
      'tekun.has-work-capacity',
    ]);
  });

  it('disability: intellectual 3, psychiatric 3, physical 2, visual 1 yes; physical 3, visual 2, hearing 1 no', () => {
    const adult = (category: 'intellectual' | 'psychiatric' | 'physical' | 'visual' | 'hearing', level: number) =>
      decide(person('d', { supporterAbleToSupport: false, disability: { category, level } })).outcome;
    expect(adult('intellectual', 3)).toBe('eligible');
    expect(adult('psychiatric', 3)).toBe('eligible');
    expect(adult('physical', 2)).toBe('eligible');
    expect(adult('visual', 1)).toBe('eligible');
    expect(adult('physical', 3)).toBe('ineligible');
    expect(adult('visual', 2)).toBe('ineligible');
    expect(adult('hearing', 1)).toBe('ineligible');
  });

  it('a minor qualifies until the day before 18: born 2015-03-10 → valid until 2033-03-09', () => {
    const decision = decide(person('k', { birthDate: '2015-03-10', supporterAbleToSupport: false }));
    expect(decision.outcome).toBe('eligible');
    expect(decision.validUntil).toBe('2033-03-09');
  });

  it('own income at the 低保 standard (770) → no means of living fails', () => {
    expect(decide(elderly(), 77_000).reasons.map((r) => r.code)).toEqual(['tekun.income-not-below-standard']);
    expect(decide(elderly(), 76_999).outcome).toBe('eligible');
  });

  it('a supporter able to support, or supporters not yet verified → refused', () => {
    expect(decide(elderly({ supporterAbleToSupport: true })).reasons.map((r) => r.code)).toEqual([
      'tekun.has-supporter',
    ]);
    expect(decide(elderly({ supporterAbleToSupport: undefined })).reasons.map((r) => r.code)).toEqual([
      'tekun.supporter-unknown',
    ]);
  });

  it('an orphan on the orphan allowance must choose: refused while receiving it', () => {
    const orphan = person('o', {
      birthDate: '2014-01-01',
      supporterAbleToSupport: false,
      receivesOrphanAllowance: true,
    });
    expect(decide(orphan).reasons.map((r) => r.code)).toEqual(['tekun.orphan-allowance']);
  });
});

describe('特困 amounts: basic standard and care tier from six ADL items', () => {
  it('ADL 0 failed = self-care; exactly 3 failed = partial; 4 failed = total', () => {
    expect(careTier(adl(0), params)).toBe('self-care');
    expect(careTier(adl(1), params)).toBe('partial');
    expect(careTier(adl(3), params)).toBe('partial');
    expect(careTier(adl(4), params)).toBe('total');
    expect(careTier(adl(6), params)).toBe('total');
    expect(careTier(undefined, params)).toBe('not-assessed');
  });

  it('partial loss: 1,001 + 440 = 1,441; total loss: 1,001 + 1,144 = 2,145 (Wuhai seed amounts)', () => {
    expect(decide(elderly({ adl: adl(3) })).amountFen).toBe(144_100);
    expect(decide(elderly({ adl: adl(4) })).amountFen).toBe(214_500);
    expect(careAllowanceFen('total', params)).toBe(114_400);
  });

  it('the tier threshold is a parameter: total loss from 3 failed items → 3 failed gets 1,144', () => {
    const p = withValues(params, { tekunAdlTotalLossMinFailed: 3 });
    expect(careTier(adl(3), p)).toBe('total');
  });

  it('basic standard never below 1.3 × urban 低保: a parameter of 900 with urban 770 becomes 1,001', () => {
    expect(tekunBasicStandardFen(withValues(params, { tekunBasicStandardFen: 90_000 }))).toBe(100_100);
    expect(tekunBasicStandardFen(withValues(params, { tekunBasicStandardFen: 120_000 }))).toBe(120_000);
  });

  it('home support with loss of self-care needs a care agreement; institutional support does not', () => {
    expect(decide(elderly({ adl: adl(2) })).reasons.map((r) => r.code)).toContain('tekun.care-agreement');
    expect(decide(elderly({ adl: adl(2) }), 0, params, 'institutional').reasons.map((r) => r.code)).not.toContain(
      'tekun.care-agreement',
    );
  });

  it('ADL not assessed: eligible on basic 1,001 only, with a reason asking for the assessment', () => {
    const decision = decide(elderly({ adl: undefined }));
    expect(decision.amountFen).toBe(100_100);
    expect(decision.reasons.map((r) => r.code)).toContain('tekun.adl-not-assessed');
  });
});
