import { describe, expect, it } from 'vitest';
import { classifyApplication } from '../rules/classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import { expenditureNeedFen, primaryGrant } from './classification.ts';

const facts: ApplicationFacts = {
  regionCode: '500156003204',
  area: 'urban',
  persons: [
    { id: 'a', relation: 'applicant', birthDate: '1985-03-04', livesTogether: true },
    { id: 'b', relation: 'spouse', birthDate: '1987-06-01', livesTogether: true },
    { id: 'c', relation: 'child', birthDate: '2015-09-09', livesTogether: true },
  ],
  incomes: [{ memberId: 'a', category: 'wage', kind: 'wage', amountFen: 1_800_000 }],
  spending: [
    { memberId: 'b', kind: 'medical', amountFen: 400_000 },
    { kind: 'living', amountFen: 900_000 },
    { memberId: 'c', kind: 'education', amountFen: 200_000 },
  ],
  assets: {
    financialAssetsFen: 1_000_000,
    vehicles: [],
    dwellingBeyondAreaRule: false,
    businessEmployingOthers: false,
  },
};

describe('expenditure need of 支出型临时救助', () => {
  it('medical 4,000 + education 2,000 = 6,000 when asked for (living costs do not count); 0 when not asked', () => {
    expect(expenditureNeedFen(facts, ['temporaryAssistanceExpenditure'])).toBe(600_000);
    expect(expenditureNeedFen(facts, ['auto'])).toBe(0);
  });
});

describe('headline grant', () => {
  it('worked example without spending: 低保 for 3 members, 1,041 a month', () => {
    const c = classifyApplication(
      { ...facts, spending: [] },
      { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-11-03', benefitMonth: '2025-12' },
    );
    expect(primaryGrant(c)).toEqual({ programme: 'minimumLivingAllowance', members: 3, amountFen: 104_100 });
  });

  it('wages of 3,000 a month: 低保边缘 without money heads the grant with 0', () => {
    const c = classifyApplication(
      { ...facts, spending: [], incomes: [{ memberId: 'a', category: 'wage', kind: 'wage', amountFen: 3_600_000 }] },
      { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-11-03', benefitMonth: '2025-12' },
    );
    // (3,000 − 231) / 3 = 923 ≥ 770 and < 1,155 → 低保边缘
    expect(primaryGrant(c)).toEqual({ programme: 'lowIncomeMarginal', members: 3, amountFen: 0 });
  });
});
