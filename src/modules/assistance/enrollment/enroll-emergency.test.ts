import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import { resolveParameters } from '../rules/policy-parameters.ts';
import { decideEmergency } from '../rules/temporary.ts';
import { emergencyEnrollment, type GrantedEmergency } from './enroll-emergency.ts';

const PLACE = '500156101202'; // 白马镇 (a 镇: rural)
const parameters = resolveParameters(DEFAULT_PARAMETER_VERSIONS, PLACE, '2025-07-20');
const granted = (needFen: number, grantedOn = '2025-08-02'): GrantedEmergency & { personId: string } => ({
  caseId: 'case-1',
  personId: 'p-1',
  placeRegionCode: PLACE,
  grantedOn,
  occurredOn: '2025-07-20',
  decision: decideEmergency({
    memberIds: ['p-1'],
    placeRegionCode: PLACE,
    occurredOn: '2025-07-20',
    needFen,
    parameters,
  }),
  versionId: parameters.versionId,
});

describe('急难型 advance as a payable grant', () => {
  it('need 5,000 → one instalment of 2,000 in the month of the grant (August), paid by the place', () => {
    const e = emergencyEnrollment(granted(500_000), 'h-1');
    expect(e).toMatchObject({
      programme: 'temporaryAssistanceEmergency',
      householdId: 'h-1',
      personId: 'p-1',
      regionCode: PLACE,
      area: 'rural',
      amountFen: 200_000,
      startMonth: '2025-08',
      endMonth: '2025-08',
      reviewIntervalMonths: 0,
      nextReviewOn: null,
      policySnapshotId: null, // the default versions are not stored snapshots
    });
    expect(e.basis).toMatchObject({ kind: 'instalments', payments: [{ month: '2025-08', amountFen: 200_000 }] });
  });

  it('need 1,200 → 1,200; no need → nothing to pay (refused)', () => {
    expect(emergencyEnrollment(granted(120_000), 'h-1').amountFen).toBe(120_000);
    expect(() => emergencyEnrollment(granted(0), 'h-1')).toThrow(RangeError);
  });
});
