import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/auth/actor.ts';
import type { Programme } from '../../src/modules/assistance/rules/decision.ts';
import type { CareTier } from '../../src/modules/assistance/rules/tekun.ts';
import {
  addOutcome,
  changedVersions,
  type EnrolledHousehold,
  emptyTotals,
  simulateEnrollment,
  townshipOf,
} from '../../src/modules/assistance/simulation/simulate.ts';
import { SimulationService } from '../../src/modules/assistance/simulation/simulation.service.ts';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';

const VILLAGES = ['500156003204', '500156101202'];
const PROGRAMMES: Programme[] = [
  'minimumLivingAllowance',
  'minimumLivingAllowance',
  'singlePersonAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'extremePovertySupport',
];
const TIERS: CareTier[] = ['self-care', 'partial', 'total', 'not-assessed'];

/** Small deterministic generator (mulberry32) so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(ENGINES)('simulation: the set-based SQL agrees with the pure rules (%s)', (engine) => {
  let t: TestPlatform;
  const households: EnrolledHousehold[] = [];

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => '2026-03-01' });
    // Top-ups on (elderly 10%, disabled 15%) so the SQL's top-up arithmetic is exercised too.
    await t.platform.policy.admin.add(systemActor(), {
      key: 'topUpBp',
      regionCode: '500156',
      effectiveFrom: '2026-01-01',
      value: { elderly: 1_000, disabled: 1_500, seriouslyIll: 0, child: 500 },
      source: '[Assumption] test top-ups',
    });
    const next = random(20260301);
    for (let i = 0; i < 160; i++) {
      const programme = PROGRAMMES[Math.floor(next() * PROGRAMMES.length)];
      const area = next() < 0.6 ? 'urban' : 'rural';
      const members =
        programme === 'singlePersonAllowance' || programme === 'extremePovertySupport' ? 1 : 1 + Math.floor(next() * 5);
      // Per-capita income 0..1,300 yuan (below, around and above 770/630 and their 1.5× lines), whole fen.
      const monthlyIncomeFen = members * Math.floor(next() * 130_000);
      const topUps = {
        elderly: Math.floor(next() * 2),
        disabled: next() < 0.2 ? 1 : 0,
        seriouslyIll: 0,
        child: Math.floor(next() * 2),
      };
      const careTier = TIERS[Math.floor(next() * TIERS.length)];
      const regionCode = VILLAGES[i % 2];
      const h = await t.db.query<{ id: string }>(
        "INSERT INTO household (household_no, address, region_code) VALUES ($1, '测试', $2) RETURNING id",
        [`AGREE-${engine}-${i}`, regionCode],
      );
      const basis =
        programme === 'extremePovertySupport'
          ? { kind: 'tekun', careTier }
          : programme === 'lowIncomeMarginal' || programme === 'rigidExpenditureHardship'
            ? { kind: 'none', members }
            : { kind: 'gap', monthlyIncomeFen, members, topUps, earnedIncome: false };
      const pci = Math.round(monthlyIncomeFen / members);
      const { rows } = await t.db.query<{ id: string }>(
        `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members,
           per_capita_income_fen, amount_fen, basis, start_month)
         VALUES ($1,$2,$3,$4,'active',$5,$6,0,$7::jsonb,'2025-08-01') RETURNING id`,
        [h.rows[0].id, regionCode, area, programme, members, pci, JSON.stringify(basis)],
      );
      households.push({
        id: rows[0].id,
        householdId: h.rows[0].id,
        regionCode,
        area,
        programme,
        members,
        // What the SQL reads: the basis income for 低保/单人保, per-capita × members otherwise.
        monthlyIncomeFen:
          basis.kind === 'gap' ? monthlyIncomeFen : programme === 'extremePovertySupport' ? 0 : pci * members,
        topUps: basis.kind === 'gap' ? topUps : { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 },
        careTier: programme === 'extremePovertySupport' ? careTier : 'not-assessed',
      });
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it.each<[string, { urbanStandardFen?: number; ruralStandardFen?: number }]>([
    ['urban 770 → 1,000 (households gained)', { urbanStandardFen: 100_000 }],
    [
      'rural 630 → 580 and urban 770 → 700 (lower: households lost)',
      { urbanStandardFen: 70_000, ruralStandardFen: 58_000 },
    ],
  ])(
    '%s: totals and townships equal the pure simulateEnrollment over the same 160 households',
    async (_name, change) => {
      const month = '2026-07';
      const service = new SimulationService(t.db, t.platform.policy);
      const actor = { ...systemActor('test'), regionScope: '500156' };
      const result = await service.run(actor, { effectiveFrom: `${month}-01`, ...change });

      const baseline = await t.platform.policy.assistanceResolver(t.db, '500156');
      const override = { urbanFen: change.urbanStandardFen, ruralFen: change.ruralStandardFen };
      const parameters = {
        month,
        baseline,
        changed: (region: string) => changedVersions(baseline(region), region, month, override),
      };
      const expected = emptyTotals();
      const byTownship = new Map<string, ReturnType<typeof emptyTotals>>();
      const changedIds = new Set<string>();
      for (const h of households) {
        const o = simulateEnrollment(h, parameters);
        addOutcome(expected, o);
        const code = townshipOf(h.regionCode);
        addOutcome(byTownship.get(code) ?? byTownship.set(code, emptyTotals()).get(code) ?? emptyTotals(), o);
        if (o.change === 'gained' || o.change === 'lost')
          changedIds.add(`${o.id}:${o.after.programme}:${o.after.amountFen}`);
      }
      expect(result.totals).toEqual(expected);
      expect(
        result.byTownship.map(({ townshipCode, townshipName: _n, ...figures }) => [townshipCode, figures]),
      ).toEqual([...byTownship.entries()].sort(([a], [b]) => a.localeCompare(b)));
      expect(expected.gained + expected.lost).toBeGreaterThan(0);
      const listed = [...result.gained, ...result.lost].map((o) => `${o.id}:${o.after.programme}:${o.after.amountFen}`);
      expect(new Set(listed)).toEqual(changedIds);
    },
  );
});
