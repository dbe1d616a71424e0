import { describe, expect, it } from 'vitest';
import { assembleDeclaredFacts, relationFromCode } from './declared-facts.ts';

const registry = [
  { personId: 'h', birthDate: '1985-03-04', relationCode: '02' },
  { personId: 's', birthDate: '1987-06-01', relationCode: '10' },
  { personId: 'c', birthDate: '2015-09-09', relationCode: '20' },
];
const base = {
  applicantPersonId: 'h',
  area: 'urban' as const,
  members: [],
  incomes: [{ memberId: 'h', category: 'wage' as const, kind: 'wage', amountFen: 1_800_000 }],
  spending: [],
  assets: { financialAssetsFen: 0, vehicles: [], dwellingBeyondAreaRule: false, businessEmployingOthers: false },
};

describe('declared facts from the registry’s current members', () => {
  it('GB/T 4761 codes: 02 head → applicant, 10 spouse, 20 son → child, 51 father → parent, 71 → sibling, 28 → other', () => {
    expect(['02', '10', '20', '51', '71', '28'].map(relationFromCode)).toEqual([
      'applicant',
      'spouse',
      'child',
      'parent',
      'sibling',
      'other',
    ]);
  });

  it('all 3 current members are included, birth dates from the registry, declarations refine one of them', () => {
    const { facts, errors } = assembleDeclaredFacts(
      registry,
      { ...base, members: [{ personId: 's', livesTogether: false, majorDisease: true }] },
      '500156003204',
    );
    expect(errors).toEqual([]);
    expect(facts.persons.map((p) => [p.id, p.relation, p.birthDate])).toEqual([
      ['h', 'applicant', '1985-03-04'],
      ['s', 'spouse', '1987-06-01'],
      ['c', 'child', '2015-09-09'],
    ]);
    expect(facts.persons[1]).toMatchObject({ livesTogether: false, majorDisease: true });
  });

  it('a person of another household in members, incomes or spending → one field error each; applicant must be a member', () => {
    const { errors } = assembleDeclaredFacts(
      registry,
      {
        ...base,
        applicantPersonId: 'x',
        members: [{ personId: 'x', livesTogether: true }],
        incomes: [{ memberId: 'x', category: 'wage', kind: 'wage', amountFen: 1 }],
        spending: [{ memberId: 'y', kind: 'medical', amountFen: 1 }],
      },
      '500156003204',
    );
    expect(errors.map((e) => e.field)).toEqual([
      'applicantPersonId',
      'members.0.personId',
      'incomes.0.memberId',
      'spending.0.memberId',
    ]);
  });

  it('when someone other than the head applies, the head becomes "other" unless a relation is declared', () => {
    const { facts } = assembleDeclaredFacts(registry, { ...base, applicantPersonId: 's' }, '500156003204');
    expect(facts.persons.map((p) => p.relation)).toEqual(['other', 'applicant', 'child']);
  });
});
