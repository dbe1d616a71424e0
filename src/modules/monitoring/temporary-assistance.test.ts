import { describe, expect, it } from 'vitest';
import { systemActor } from '../../core/auth/actor.ts';
import { areaOfRegion } from '../../core/region/region-tree.ts';
import { medicalSpendingFen, temporaryAssistanceOpener } from './temporary-assistance.ts';

describe('temporary assistance from a warning', () => {
  it('area by township code: 003 仙女山街道 is urban, 101 白马镇 rural', () => {
    expect(areaOfRegion('500156003204')).toBe('urban');
    expect(areaOfRegion('500156101202')).toBe('rural');
  });

  it('medical spending: a hospitalisation self-paid 26,800 yuan wins over its total 68,000; an outpatient record is its amount', () => {
    expect(medicalSpendingFen({ amountFen: 6_800_000, payload: { self_paid_fen: 2_680_000 } })).toBe(2_680_000);
    expect(medicalSpendingFen({ amountFen: 3_200_000, payload: {} })).toBe(3_200_000);
    expect(medicalSpendingFen(null)).toBe(0);
  });

  it('applies for the household head when the warning has no person, declaring the medical cost', async () => {
    const calls: unknown[] = [];
    const open = temporaryAssistanceOpener(
      {
        apply: async (_actor, input) => {
          calls.push(input);
          return { caseId: 'c-1' };
        },
      },
      async () => 'head-1',
    );
    const result = await open(systemActor(), {
      householdId: 'h-1',
      personId: null,
      regionCode: '500156101202',
      note: '住院',
      evidence: { amountFen: 2_500_000, payload: {} },
    });
    expect(result).toEqual({ caseId: 'c-1' });
    expect(calls[0]).toMatchObject({
      householdId: 'h-1',
      applicantPersonId: 'head-1',
      channel: 'coordinator',
      area: 'rural',
      requested: ['temporaryAssistanceExpenditure'],
      spending: [{ memberId: 'head-1', kind: 'medical', amountFen: 2_500_000 }],
    });
  });
});
