import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import { noAssets, person, transfer } from '../rules/test-fixtures.ts';
import {
  type AppliedHousehold,
  addOutcome,
  changedVersions,
  type EnrolledHousehold,
  emptyTotals,
  type SimulationParameters,
  type StandardOverride,
  simulateApplication,
  simulateEnrollment,
  simulationMonth,
  townshipOf,
} from './simulate.ts';

const VILLAGE = '500156003204';
const NO_TOP_UPS = { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 };

function enrolled(overrides: Partial<EnrolledHousehold>): EnrolledHousehold {
  return {
    id: 'e1',
    householdId: 'h1',
    regionCode: VILLAGE,
    area: 'urban',
    programme: 'minimumLivingAllowance',
    members: 3,
    monthlyIncomeFen: 126_900,
    topUps: NO_TOP_UPS,
    careTier: 'not-assessed',
    ...overrides,
  };
}

function scenario(override: StandardOverride, month = '2026-01'): SimulationParameters {
  return {
    baseline: () => DEFAULT_PARAMETER_VERSIONS,
    changed: (region) => changedVersions(DEFAULT_PARAMETER_VERSIONS, region, month, override),
    month,
  };
}

describe('simulationMonth: the first month wholly under the change', () => {
  it('2025-07-01 → 2025-07; 2025-07-15 → 2025-08; 2025-12-02 → 2026-01', () => {
    expect(simulationMonth('2025-07-01')).toBe('2025-07');
    expect(simulationMonth('2025-07-15')).toBe('2025-08');
    expect(simulationMonth('2025-12-02')).toBe('2026-01');
  });
});

describe('enrollments under a new urban standard (770 → 800 from 2026-01-01)', () => {
  const to800 = scenario({ urbanFen: 80_000 });

  it('urban household of 3, per-capita income 423: (770 − 423) × 3 = 1,041 → (800 − 423) × 3 = 1,131', () => {
    const o = simulateEnrollment(enrolled({}), to800);
    expect(o.before).toEqual({ programme: 'minimumLivingAllowance', amountFen: 104_100 });
    expect(o.after).toEqual({ programme: 'minimumLivingAllowance', amountFen: 113_100 });
    expect(o.change).toBe('increased');
  });

  it('a 低保边缘 household of 3 with per-capita 780 becomes 低保 at 800: gained, (800 − 780) × 3 = 60', () => {
    const o = simulateEnrollment(enrolled({ programme: 'lowIncomeMarginal', monthlyIncomeFen: 234_000 }), to800);
    expect(o.before).toEqual({ programme: 'lowIncomeMarginal', amountFen: 0 });
    expect(o.after).toEqual({ programme: 'minimumLivingAllowance', amountFen: 6_000 });
    expect(o.change).toBe('gained');
  });

  it('boundary: per-capita exactly 800 is not below 800, stays 低保边缘 (unchanged)', () => {
    const o = simulateEnrollment(enrolled({ programme: 'lowIncomeMarginal', monthlyIncomeFen: 240_000 }), to800);
    expect(o.after).toEqual({ programme: 'lowIncomeMarginal', amountFen: 0 });
    expect(o.change).toBe('unchanged');
  });

  it('a rural household is untouched by an urban change (630 stays 630)', () => {
    const o = simulateEnrollment(enrolled({ area: 'rural', monthlyIncomeFen: 150_000 }), to800);
    expect(o.before.amountFen).toBe(63_000 * 3 - 150_000);
    expect(o.after.amountFen).toBe(o.before.amountFen);
    expect(o.change).toBe('unchanged');
  });

  it('特困 follows the 1.3 × urban floor: 1,001 → 1.3 × 800 = 1,040, plus total-loss care 1,144', () => {
    const o = simulateEnrollment(
      enrolled({ programme: 'extremePovertySupport', members: 1, monthlyIncomeFen: 0, careTier: 'total' }),
      to800,
    );
    expect(o.before.amountFen).toBe(100_100 + 114_400);
    expect(o.after.amountFen).toBe(104_000 + 114_400);
  });

  it('单人保 of own income 300: 770 − 300 = 470 → 800 − 300 = 500', () => {
    const o = simulateEnrollment(
      enrolled({ programme: 'singlePersonAllowance', members: 1, monthlyIncomeFen: 30_000 }),
      to800,
    );
    expect([o.before.amountFen, o.after.amountFen]).toEqual([47_000, 50_000]);
  });
});

describe('a lower standard (urban 770 → 750 from 2026-01-01)', () => {
  it('a household of 2 at per-capita 760 loses 低保 ((770 − 760) × 2 = 20 → 0) and is 低保边缘', () => {
    const o = simulateEnrollment(enrolled({ members: 2, monthlyIncomeFen: 152_000 }), scenario({ urbanFen: 75_000 }));
    expect(o.before).toEqual({ programme: 'minimumLivingAllowance', amountFen: 2_000 });
    expect(o.after).toEqual({ programme: 'lowIncomeMarginal', amountFen: 0 });
    expect(o.change).toBe('lost');
  });
});

describe('applications with verified facts are classified again', () => {
  // Household of 4 with 4,000/month in transfers (no employment-cost deduction): per-capita 1,000.
  const application: AppliedHousehold = {
    caseId: 'c1',
    householdId: 'h2',
    facts: {
      regionCode: VILLAGE,
      area: 'urban',
      persons: [
        person('a'),
        person('b', { relation: 'spouse' }),
        person('c', { relation: 'child', birthDate: '2015-01-01' }),
        person('d', { relation: 'child', birthDate: '2017-01-01' }),
      ],
      incomes: [transfer('a', 400_000)],
      spending: [],
      assets: noAssets(),
    },
  };

  it('per-capita 1,000: 低保边缘 at 770 (< 1,155); 低保 at 1,050: (1,050 − 1,000) × 4 = 200 (gained)', () => {
    const o = simulateApplication(application, scenario({ urbanFen: 105_000 }));
    expect(o.before).toEqual({ programme: 'lowIncomeMarginal', amountFen: 0 });
    expect(o.after).toEqual({ programme: 'minimumLivingAllowance', amountFen: 20_000 });
    expect(o.members).toBe(4);
    expect(o.change).toBe('gained');
  });

  it('per-capita 1,000 is not 低保 at exactly 1,000 (boundary)', () => {
    const o = simulateApplication(application, scenario({ urbanFen: 100_000 }));
    expect(o.after.amountFen).toBe(0);
    expect(o.change).toBe('unchanged');
  });
});

describe('totals', () => {
  it('add up before, after and the change; townships are 9-digit prefixes', () => {
    const to800 = scenario({ urbanFen: 80_000 });
    const totals = emptyTotals();
    addOutcome(totals, simulateEnrollment(enrolled({}), to800));
    addOutcome(
      totals,
      simulateEnrollment(enrolled({ programme: 'lowIncomeMarginal', monthlyIncomeFen: 234_000 }), to800),
    );
    expect(totals).toEqual({
      households: 2,
      gained: 1,
      lost: 0,
      increased: 1,
      decreased: 0,
      beforeMonthlyFen: 104_100,
      afterMonthlyFen: 119_100,
      deltaMonthlyFen: 15_000,
    });
    expect(townshipOf(VILLAGE)).toBe('500156003');
  });
});
