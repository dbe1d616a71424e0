import { describe, expect, it } from 'vitest';
import { effectiveParams } from './monitoring-rules.ts';
import {
  ageOn,
  countsAsSeveralDisabled,
  type ExchangeFact,
  hasDepositsAboveAssetLimit,
  isElderlyAloneDisabled,
  isIncomeAboveStandard,
  isLikelyEligibleNotEnrolled,
  isOrphan,
  type MonitoredSubject,
  perCapitaMonthlyIncomeFen,
  recordDedupKey,
  recordRuleMatches,
} from './rule-predicates.ts';

const subject: MonitoredSubject = {
  personId: 'p1',
  householdId: 'h1',
  regionCode: '500156003204',
  birthDate: '1958-03-02',
  disabilityLevel: null,
  deceasedOn: null,
};

function fact(categoryCode: string, extra: Partial<ExchangeFact> = {}): ExchangeFact {
  return { categoryCode, recordKey: 'r1', occurredOn: '2026-10-09', amountFen: null, payload: {}, ...extra };
}

describe('record rules', () => {
  it('a death record from police or health raises one death warning per person (same dedup key)', () => {
    const params = effectiveParams('death', null);
    const police = fact('police_death', { recordKey: 'GA-1' });
    const health = fact('health_death', { recordKey: 'WJ-9' });
    expect(recordRuleMatches('death', params, police, subject)).toBe(true);
    expect(recordRuleMatches('death', params, health, subject)).toBe(true);
    expect(recordDedupKey('death', subject, police)).toBe(recordDedupKey('death', subject, health));
    expect(recordRuleMatches('death', params, fact('police_vehicle'), subject)).toBe(false);
  });

  it('self-paid medical cost 20,000 yuan (2,000,000 fen) and above → temporary assistance candidate; 19,999.99 not', () => {
    const params = effectiveParams('large_medical_cost', null);
    expect(params.thresholdFen).toBe(2_000_000);
    expect(
      recordRuleMatches('large_medical_cost', params, fact('medical_self_paid', { amountFen: 2_000_000 }), subject),
    ).toBe(true);
    expect(
      recordRuleMatches('large_medical_cost', params, fact('medical_self_paid', { amountFen: 1_999_999 }), subject),
    ).toBe(false);
    const lowered = effectiveParams('large_medical_cost', { thresholdFen: 500_000 });
    expect(
      recordRuleMatches('large_medical_cost', lowered, fact('medical_self_paid', { amountFen: 600_000 }), subject),
    ).toBe(true);
  });

  it('a level 2 certificate is a new severe disability for a person with none or level 3 on file, not for level 1', () => {
    const params = effectiveParams('new_severe_disability', null);
    const level2 = fact('disability_certificate', {
      payload: { disability_level: 2, disability_category: 'physical' },
    });
    expect(recordRuleMatches('new_severe_disability', params, level2, subject)).toBe(true);
    expect(recordRuleMatches('new_severe_disability', params, level2, { ...subject, disabilityLevel: 3 })).toBe(true);
    expect(recordRuleMatches('new_severe_disability', params, level2, { ...subject, disabilityLevel: 1 })).toBe(false);
    const level3 = fact('disability_certificate', { payload: { disability_level: '3' } });
    expect(recordRuleMatches('new_severe_disability', params, level3, subject)).toBe(false);
    expect(recordDedupKey('new_severe_disability', subject, level2)).toBe('new_severe_disability:p1:2');
  });

  it('unemployment, imprisonment, property and vehicle records raise per department record', () => {
    for (const [code, category] of [
      ['unemployment', 'hrss_unemployment'],
      ['imprisonment', 'police_detention'],
      ['property_purchase', 'real_estate_transaction'],
      ['vehicle_purchase', 'police_vehicle'],
    ] as const) {
      const record = fact(category, { recordKey: 'K7' });
      expect(recordRuleMatches(code, effectiveParams(code, null), record, subject)).toBe(true);
      expect(recordDedupKey(code, subject, record)).toBe(`${code}:p1:${category}:K7`);
    }
  });
});

describe('population rules', () => {
  it('income: 12 monthly records of 1,200 yuan in a 2-person household = 600 yuan per capita; above a 580 standard, not above 600', () => {
    const perCapita = perCapitaMonthlyIncomeFen(Array(12).fill(120_000), 12, 2);
    expect(perCapita).toBe(60_000);
    expect(isIncomeAboveStandard(perCapita, 58_000, 10_000)).toBe(true);
    expect(isIncomeAboveStandard(perCapita, 60_000, 10_000)).toBe(false);
    // 渐退-style threshold: above 1.5 × 400 yuan = 600 is required, 600 is not above.
    expect(isIncomeAboveStandard(perCapita, 40_000, 15_000)).toBe(false);
  });

  it('two disabled members of three is "several disabled" with minCount 2; one is not', () => {
    expect(countsAsSeveralDisabled([1, 3, null], 2)).toBe(true);
    expect(countsAsSeveralDisabled([1, null, null], 2)).toBe(false);
  });

  it('elderly alone with a disability: 68 years old, level 3, one-person household; not at 59 or with a co-resident', () => {
    const elder = { ...subject, disabilityLevel: 3 };
    expect(ageOn('1958-03-02', '2026-11-25')).toBe(68);
    expect(isElderlyAloneDisabled(elder, 1, '2026-11-25', 60)).toBe(true);
    expect(isElderlyAloneDisabled(elder, 2, '2026-11-25', 60)).toBe(false);
    expect(isElderlyAloneDisabled({ ...elder, birthDate: '1967-11-26' }, 1, '2026-11-25', 60)).toBe(false);
    expect(isElderlyAloneDisabled({ ...elder, disabilityLevel: null }, 1, '2026-11-25', 60)).toBe(false);
  });

  it('outreach: 3 members, per-capita 500 yuan below a 660 standard, deposits 30,000 ≤ 24 × 660 × 3 = 47,520 yuan', () => {
    const base = {
      perCapitaIncomeFen: 50_000,
      depositsFen: 3_000_000,
      members: 3,
      standardFen: 66_000,
      assetMultiple: 24,
    };
    expect(isLikelyEligibleNotEnrolled(base)).toBe(true);
    expect(isLikelyEligibleNotEnrolled({ ...base, depositsFen: 4_752_001 })).toBe(false);
    expect(isLikelyEligibleNotEnrolled({ ...base, perCapitaIncomeFen: 66_000 })).toBe(false);
  });

  it('re-check: deposits 50,000 yuan in a 2-person household above 24 × 660 × 2 = 31,680 yuan', () => {
    expect(hasDepositsAboveAssetLimit(5_000_000, 2, 66_000, 24)).toBe(true);
    expect(hasDepositsAboveAssetLimit(3_168_000, 2, 66_000, 24)).toBe(false);
  });

  it('orphan: a 12-year-old with no living adult in the household; not with one, not at 18', () => {
    expect(isOrphan(12, 18, 0)).toBe(true);
    expect(isOrphan(12, 18, 1)).toBe(false);
    expect(isOrphan(18, 18, 0)).toBe(false);
  });
});
