import { describe, expect, it } from 'vitest';
import { isVisitComplete, missingForVerification } from './visit-rules.ts';

describe('home visit by two investigators', () => {
  it('one signature is not enough; the same person twice is still one; two different people complete it', () => {
    expect(isVisitComplete({ kind: 'home_visit', investigatorIds: ['u1'] })).toBe(false);
    expect(isVisitComplete({ kind: 'home_visit', investigatorIds: ['u1', 'u1'] })).toBe(false);
    expect(isVisitComplete({ kind: 'home_visit', investigatorIds: ['u1', 'u2'] })).toBe(true);
  });

  it('verification ends only with authorisation, a complete home visit (not an interview) and 0 open findings', () => {
    const interviewOnly = [{ kind: 'neighbour_interview' as const, investigatorIds: ['u1', 'u2'] }];
    expect(
      missingForVerification({ authorised: false, visits: interviewOnly, openFindings: 2 }).map((m) => m.code),
    ).toEqual(['authorisation', 'home_visit', 'open_findings']);
    expect(
      missingForVerification({
        authorised: true,
        visits: [{ kind: 'home_visit', investigatorIds: ['u1', 'u2'] }],
        openFindings: 0,
      }),
    ).toEqual([]);
  });
});
