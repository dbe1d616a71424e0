import { describe, expect, it } from 'vitest';
import { composeHousehold } from './household-composition.ts';
import { person, withValues, wulong } from './test-fixtures.ts';

const DATE = '2025-07-15';
const params = wulong(DATE);

function counted(...persons: Parameters<typeof person>[]) {
  const composition = composeHousehold(
    persons.map(([id, o]) => person(id, o)),
    params,
    DATE,
  );
  return {
    members: composition.members.map((m) => m.id),
    excluded: composition.excluded.map((e) => `${e.person.id}:${e.reason.code}`),
    trace: composition.trace,
  };
}

describe('household composition (DOMAIN §1.1)', () => {
  it('applicant, spouse (even living apart) and a minor child count', () => {
    const result = counted(
      ['a', {}],
      ['s', { relation: 'spouse', livesTogether: false }],
      ['k', { relation: 'child', birthDate: '2010-01-01', livesTogether: false }],
    );
    expect(result.members).toEqual(['a', 's', 'k']);
  });

  it('adult child: counts as a student up to bachelor, not as a postgraduate living apart', () => {
    const result = counted(
      ['a', {}],
      ['u', { relation: 'child', birthDate: '2004-01-01', livesTogether: false, enrolledEducation: 'bachelor' }],
      ['p', { relation: 'child', birthDate: '2000-01-01', livesTogether: false, enrolledEducation: 'postgraduate' }],
    );
    expect(result.members).toEqual(['a', 'u']);
    expect(result.excluded).toEqual(['p:household.not-member']);
  });

  it('a student limit of junior college (parameter) leaves a bachelor student living apart out', () => {
    const composition = composeHousehold(
      [
        person('a'),
        person('u', {
          relation: 'child',
          birthDate: '2004-01-01',
          livesTogether: false,
          enrolledEducation: 'bachelor',
        }),
      ],
      withValues(params, { studentMaxLevel: 'junior-college' }),
      DATE,
    );
    expect(composition.members.map((m) => m.id)).toEqual(['a']);
  });

  it('adult child unable to live alone counts even living apart; an independent one living apart does not', () => {
    const result = counted(
      ['a', {}],
      ['d', { relation: 'child', birthDate: '1995-01-01', livesTogether: false, unableToLiveIndependently: true }],
      ['i', { relation: 'child', birthDate: '1995-01-01', livesTogether: false }],
    );
    expect(result.members).toEqual(['a', 'd']);
  });

  it('others need a support duty and living together: parent yes, sibling no, grandparent with duty yes', () => {
    const result = counted(
      ['a', {}],
      ['m', { relation: 'parent', birthDate: '1955-01-01' }],
      ['b', { relation: 'sibling' }],
      ['g', { relation: 'grandparent', birthDate: '1940-01-01', supportDuty: true }],
      ['m2', { relation: 'parent', birthDate: '1955-01-01', livesTogether: false }],
    );
    expect(result.members).toEqual(['a', 'm', 'g']);
    expect(result.excluded).toEqual(['b:household.not-member', 'm2:household.not-member']);
  });

  it('excluded whatever the relation: prisoner, drug rehabilitation, declared missing — one trace entry each', () => {
    const result = counted(
      ['a', {}],
      ['s', { relation: 'spouse', imprisoned: true }],
      ['k', { relation: 'child', birthDate: '1999-01-01', inCompulsoryDrugRehabilitation: true }],
      ['m', { relation: 'parent', birthDate: '1950-01-01', declaredMissing: true }],
    );
    expect(result.members).toEqual(['a']);
    expect(result.excluded).toEqual([
      's:household.excluded.prisoner',
      'k:household.excluded.drug-rehabilitation',
      'm:household.excluded.missing',
    ]);
    const excludedTrace = result.trace.filter((t) => (t.result as { counted: boolean }).counted === false);
    expect(excludedTrace).toHaveLength(3);
    expect(excludedTrace.every((t) => t.parameterVersionId === 'cq-wulong-2025-07-01')).toBe(true);
  });

  it('clergy apart exactly 3 years on the decision date excluded (since 2022-07-15), 1 day short counted', () => {
    const result = counted(
      ['a', {}],
      ['s', { relation: 'spouse', clergyLivingApartSince: '2022-07-15' }],
      ['k', { relation: 'child', birthDate: '1999-01-01', clergyLivingApartSince: '2022-07-16' }],
    );
    expect(result.excluded).toEqual(['s:household.excluded.clergy-apart']);
    expect(result.members).toEqual(['a', 'k']);
  });

  it('a child turning 18 on the decision date is an adult: living apart, independent → not counted', () => {
    const result = counted(['a', {}], ['k', { relation: 'child', birthDate: '2007-07-15', livesTogether: false }]);
    expect(result.members).toEqual(['a']);
    const minor = counted(['a', {}], ['k', { relation: 'child', birthDate: '2007-07-16', livesTogether: false }]);
    expect(minor.members).toEqual(['a', 'k']);
  });
});
