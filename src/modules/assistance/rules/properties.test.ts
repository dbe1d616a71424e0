import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testAssets } from './assets.ts';
import { DEFAULT_PARAMETER_VERSIONS } from './default-parameters.ts';
import { decideDibao, gapBenefitFen } from './dibao.ts';
import type { IncomeRecord, PersonFacts } from './facts.ts';
import { assessIncome } from './income.ts';
import { decideMarginal } from './marginal.ts';
import { resolveParameters } from './policy-parameters.ts';
import { careTier } from './tekun.ts';
import { decideExpenditure, splitInstalments } from './temporary.ts';
import { noAssets, person, withValues, wulong } from './test-fixtures.ts';

const base = wulong('2025-07-15');
const runs = { numRuns: 300, seed: 20250715 };

const household = fc.record({
  members: fc.integer({ min: 1, max: 8 }),
  wagesFen: fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 0, maxLength: 3 }),
  transferFen: fc.integer({ min: 0, max: 400_000 }),
  medicalFen: fc.integer({ min: 0, max: 3_000_000 }),
  assetsFen: fc.integer({ min: 0, max: 40_000_000 }),
});

type Household = typeof household extends fc.Arbitrary<infer T> ? T : never;

function build(h: Household) {
  const members: PersonFacts[] = Array.from({ length: h.members }, (_, i) => person(`m${i}`));
  const incomes: IncomeRecord[] = h.wagesFen.map((w, i) => ({
    memberId: `m${i % h.members}`,
    category: 'wage',
    kind: 'wage',
    amountFen: w * 12,
  }));
  incomes.push({ memberId: 'm0', category: 'transfer', kind: 'support-payment', amountFen: h.transferFen * 12 });
  return { members, incomes, spending: [{ kind: 'medical' as const, amountFen: h.medicalFen }] };
}

function dibaoAt(h: Household, urbanFen: number) {
  const parameters = withValues(base, { dibaoStandardFen: { urban: urbanFen, rural: urbanFen } });
  const { members, incomes, spending } = build(h);
  const ids = members.map((m) => m.id);
  const income = assessIncome(ids, incomes, spending, parameters, 'urban', { includeHouseholdSpending: true });
  const assets = testAssets(noAssets(h.assetsFen), members, parameters, 'urban');
  return {
    income,
    assets,
    parameters,
    dibao: decideDibao({ members, income, assets, area: 'urban', benefitMonth: '2025-07', parameters }),
    marginal: decideMarginal({ memberIds: ids, income, assets, area: 'urban', parameters }),
  };
}

const standard = fc.integer({ min: 30_000, max: 200_000 });

describe('properties of the rules (fast-check)', () => {
  it('补差 is never negative and never exceeds standard × members', () => {
    fc.assert(
      fc.property(household, standard, (h, s) => {
        const { income, dibao } = dibaoAt(h, s);
        const gap = gapBenefitFen(s, income);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(s * h.members);
        if (dibao.outcome === 'eligible') expect(dibao.amountFen).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('raising the standard never removes 低保 eligibility, nor lowers the benefit', () => {
    fc.assert(
      fc.property(household, standard, fc.integer({ min: 1, max: 50_000 }), (h, s, rise) => {
        const before = dibaoAt(h, s).dibao;
        const after = dibaoAt(h, s + rise).dibao;
        if (before.outcome === 'eligible') {
          expect(after.outcome).toBe('eligible');
          expect(after.amountFen).toBeGreaterThan(before.amountFen ?? 0);
        }
      }),
      runs,
    );
  });

  it('低保 and 低保边缘 never both apply; 低保边缘 means 1× ≤ per-capita income < 1.5×', () => {
    fc.assert(
      fc.property(household, standard, (h, s) => {
        const { dibao, marginal, income } = dibaoAt(h, s);
        expect(dibao.outcome === 'eligible' && marginal.outcome === 'eligible').toBe(false);
        if (marginal.outcome === 'eligible') {
          expect(income.monthlyHouseholdFen).toBeGreaterThanOrEqual(s * h.members);
          expect(income.monthlyHouseholdFen * 10_000).toBeLessThan(s * 15_000 * h.members);
        }
      }),
      runs,
    );
  });

  it('more income never raises the benefit', () => {
    fc.assert(
      fc.property(household, fc.integer({ min: 1, max: 100_000 }), (h, more) => {
        const before = dibaoAt(h, 77_000).dibao.amountFen ?? 0;
        const after = dibaoAt({ ...h, transferFen: h.transferFen + more }, 77_000).dibao.amountFen ?? 0;
        expect(after).toBeLessThanOrEqual(before);
      }),
      runs,
    );
  });

  it('ADL care tier never improves as more items fail', () => {
    const items = ['eating', 'dressing', 'bedTransfer', 'toileting', 'walkingIndoors', 'bathing'] as const;
    const rank = { 'self-care': 0, partial: 1, total: 2, 'not-assessed': -1 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), (failed) => {
        const adl = (n: number) =>
          Object.fromEntries(items.map((k, i) => [k, i >= n])) as Record<(typeof items)[number], boolean>;
        expect(rank[careTier(adl(failed + 1), base)]).toBeGreaterThanOrEqual(rank[careTier(adl(failed), base)]);
      }),
    );
  });

  it('staged payments sum exactly to the total, one per month asked, differing by less than the months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 6 }), (total, months) => {
        const payments = splitInstalments(total, months, '2025-11');
        expect(payments).toHaveLength(months);
        expect(payments.reduce((sum, p) => sum + p.amountFen, 0)).toBe(total);
        expect(
          Math.max(...payments.map((p) => p.amountFen)) - Math.min(...payments.map((p) => p.amountFen)),
        ).toBeLessThan(months);
      }),
      runs,
    );
  });

  it('expenditure-type amount never exceeds the need nor the top band cap, never more than the max instalments', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 1, max: 12 }),
        (need, paid, months) => {
          const d = decideExpenditure({
            memberIds: ['a'],
            area: 'rural',
            uncoveredNeedFen: need,
            emergencyPaidFen: paid,
            stagedMonths: months,
            startMonth: '2025-08',
            parameters: base,
          });
          expect(d.amountFen ?? 0).toBeLessThanOrEqual(need);
          expect(d.amountFen ?? 0).toBeLessThanOrEqual(63_000 * 6);
          expect((d.payments ?? []).length).toBeLessThanOrEqual(base.values.temporaryMaxStagedMonths);
        },
      ),
      runs,
    );
  });

  it('resolution never picks a version effective after the date, nor one for another region', () => {
    const dates = fc.date({ min: new Date('2021-09-01'), max: new Date('2030-12-31'), noInvalidDate: true });
    const regions = fc.constantFrom('500156003', '500101', '50', '500156');
    fc.assert(
      fc.property(dates, regions, (date, region) => {
        const iso = date.toISOString().slice(0, 10);
        const resolved = resolveParameters(DEFAULT_PARAMETER_VERSIONS, region, iso);
        expect(resolved.effectiveFrom <= iso).toBe(true);
        expect(region.startsWith(resolved.regionCode)).toBe(true);
      }),
      runs,
    );
  });
});
