/**
 * The declared facts of an application (pure): the household's current members from the registry, refined by what
 * the household declares about each of them, with their declared incomes, spending and assets, in the rules' shape
 * (rules/facts.ts). Every reference to a person must be a current member; otherwise a field error names it.
 */

import type { FieldError } from '../../../core/shared/errors.ts';
import type { ApplicationFacts, PersonFacts, Relation } from '../rules/facts.ts';
import type { ApplyInput } from './application.schema.ts';

export interface RegistryMember {
  personId: string;
  birthDate: string;
  /** GB/T 4761 relation to the household head. */
  relationCode: string;
}

/** The rules' relation from the GB/T 4761 code (relation to the head; the head is taken as the applicant's frame). */
export function relationFromCode(code: string): Relation {
  const n = Number(code);
  if (code === '01' || code === '02') return 'applicant';
  if (n >= 10 && n <= 12) return 'spouse';
  if ((n >= 20 && n <= 39 && n !== 28 && n !== 38) || n === 27 || n === 37) return 'child';
  if (n >= 40 && n <= 49) return 'grandchild';
  if (n >= 50 && n <= 59) return 'parent';
  if (n >= 60 && n <= 69) return 'grandparent';
  if (n >= 70 && n <= 79) return 'sibling';
  return 'other';
}

type DeclaredInput = Pick<ApplyInput, 'applicantPersonId' | 'area' | 'members' | 'incomes' | 'spending' | 'assets'>;

/** Builds the declared ApplicationFacts, or the field errors that keep it from being built. */
export function assembleDeclaredFacts(
  registry: readonly RegistryMember[],
  input: DeclaredInput,
  regionCode: string,
): { facts: ApplicationFacts; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const current = new Map(registry.map((m) => [m.personId, m]));
  const notMember = (field: string) =>
    errors.push({
      field,
      message_zh: '不是该户的当前成员(可能属于其他家庭)',
      message_en: 'not a current member of this household (may belong to another household)',
    });
  if (!current.has(input.applicantPersonId)) notMember('applicantPersonId');
  const declared = new Map<string, ApplyInput['members'][number]>();
  input.members.forEach((m, i) => {
    if (!current.has(m.personId)) notMember(`members.${i}.personId`);
    else if (declared.has(m.personId)) {
      errors.push({ field: `members.${i}.personId`, message_zh: '成员重复', message_en: 'member listed twice' });
    } else declared.set(m.personId, m);
  });
  input.incomes.forEach((r, i) => {
    if (!current.has(r.memberId)) notMember(`incomes.${i}.memberId`);
  });
  input.spending.forEach((r, i) => {
    if (r.memberId !== undefined && !current.has(r.memberId)) notMember(`spending.${i}.memberId`);
  });
  const persons: PersonFacts[] = registry.map((m) => {
    const { personId: _id, relation, ...attributes } = declared.get(m.personId) ?? { livesTogether: true };
    const derived = m.personId === input.applicantPersonId ? 'applicant' : relationFromCode(m.relationCode);
    return {
      id: m.personId,
      relation: m.personId === input.applicantPersonId ? 'applicant' : (relation ?? derivedOrOther(derived)),
      birthDate: m.birthDate,
      ...attributes,
      livesTogether: attributes.livesTogether ?? true,
    };
  });
  return {
    facts: {
      regionCode,
      area: input.area,
      persons,
      incomes: input.incomes.map((r) => ({
        memberId: r.memberId,
        category: r.category,
        kind: r.kind,
        amountFen: r.amountFen,
        ...(r.costFen !== undefined ? { costFen: r.costFen } : {}),
      })),
      spending: input.spending.map((s) => ({
        ...(s.memberId ? { memberId: s.memberId } : {}),
        kind: s.kind,
        amountFen: s.amountFen,
      })),
      assets: {
        financialAssetsFen: input.assets.financialAssetsFen,
        vehicles: input.assets.vehicles.map((v) => ({ valueFen: v.valueFen })),
        dwellingBeyondAreaRule: input.assets.dwellingBeyondAreaRule,
        businessEmployingOthers: input.assets.businessEmployingOthers,
      },
    },
    errors,
  };
}

/** A second 'applicant' (the head when someone else applies) is recorded as 'other' unless the relation is given. */
function derivedOrOther(relation: Relation): Relation {
  return relation === 'applicant' ? 'other' : relation;
}
