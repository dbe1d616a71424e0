import { describe, expect, it } from 'vitest';
import type { ApplicationFacts } from '../rules/facts.ts';
import { applyCheck, declaredValue, differsFromDeclared, verifiedFacts } from './verified-facts.ts';

const declared: ApplicationFacts = {
  regionCode: '500156003204',
  area: 'urban',
  persons: [
    { id: 'a', relation: 'applicant', birthDate: '1985-03-04', livesTogether: true },
    { id: 'b', relation: 'spouse', birthDate: '1987-06-01', livesTogether: true },
  ],
  incomes: [{ memberId: 'a', category: 'wage', kind: 'wage', amountFen: 1_800_000 }],
  spending: [{ memberId: 'b', kind: 'medical', amountFen: 300_000 }],
  assets: {
    financialAssetsFen: 1_000_000,
    vehicles: [],
    dwellingBeyondAreaRule: false,
    businessEmployingOthers: false,
  },
};

describe('data check against declared facts', () => {
  it('wages found 18,000 over 12 months = declared 18,000: no finding', () => {
    const check = {
      category: 'income',
      memberId: 'a',
      incomeCategory: 'wage',
      kind: 'wage',
      amountFen: 1_800_000,
    } as const;
    expect(differsFromDeclared(declared, check)).toBe(false);
  });

  it('deposits found 12,000 ≠ declared 10,000: a finding, declared side recorded as 10,000', () => {
    const check = { category: 'financialAssets', amountFen: 1_200_000 } as const;
    expect(differsFromDeclared(declared, check)).toBe(true);
    expect(declaredValue(declared, check)).toEqual({ amountFen: 1_000_000 });
  });

  it('an undeclared vehicle of 45,000 differs from "no vehicles"', () => {
    expect(differsFromDeclared(declared, { category: 'vehicles', vehicles: [{ valueFen: 4_500_000 }] })).toBe(true);
    expect(differsFromDeclared(declared, { category: 'vehicles', vehicles: [] })).toBe(false);
  });

  it('a disability certificate found for the spouse (physical level 1) differs from none declared', () => {
    const check = { category: 'person', memberId: 'b', disability: { category: 'physical', level: 1 } } as const;
    expect(differsFromDeclared(declared, check)).toBe(true);
    expect(applyCheck(declared, check).persons[1].disability).toEqual({ category: 'physical', level: 1 });
  });
});

describe('verified facts = declared facts with resolved findings applied', () => {
  it('accept_found replaces the value; keep_declared leaves it; the declared facts are not changed', () => {
    const verified = verifiedFacts(declared, [
      { check: { category: 'financialAssets', amountFen: 1_200_000 }, outcome: 'accept_found' },
      {
        check: { category: 'income', memberId: 'a', incomeCategory: 'wage', kind: 'wage', amountFen: 2_400_000 },
        outcome: 'keep_declared',
      },
      {
        check: {
          category: 'income',
          memberId: 'b',
          incomeCategory: 'business',
          kind: 'shop',
          amountFen: 600_000,
          costFen: 200_000,
        },
        outcome: 'accept_found',
      },
    ]);
    expect(verified.assets.financialAssetsFen).toBe(1_200_000);
    expect(verified.incomes).toEqual([
      { memberId: 'a', category: 'wage', kind: 'wage', amountFen: 1_800_000 },
      { memberId: 'b', category: 'business', kind: 'shop', amountFen: 600_000, costFen: 200_000 },
    ]);
    expect(declared.assets.financialAssetsFen).toBe(1_000_000);
  });

  it('a found amount of 0 removes the declared record (medical spending 3,000 found not to exist)', () => {
    const verified = verifiedFacts(declared, [
      { check: { category: 'spending', memberId: 'b', kind: 'medical', amountFen: 0 }, outcome: 'accept_found' },
    ]);
    expect(verified.spending).toEqual([]);
  });

  it('later resolutions win: deposits 12,000 then 11,000 → 11,000', () => {
    const verified = verifiedFacts(declared, [
      { check: { category: 'financialAssets', amountFen: 1_200_000 }, outcome: 'accept_found' },
      { check: { category: 'financialAssets', amountFen: 1_100_000 }, outcome: 'accept_found' },
    ]);
    expect(verified.assets.financialAssetsFen).toBe(1_100_000);
  });
});
