/**
 * Who counts as a household member for social assistance (共同生活的家庭成员, DOMAIN §1.1): spouse, minor
 * children, adult children who cannot live independently (incl. students up to bachelor level), and others with a
 * support duty living together; excluded whatever the relation: clergy living apart ≥ 3 years, prisoners, people in
 * compulsory drug rehabilitation, people declared missing.
 */

import { dayBeforeAnniversary, wholeYearsBetween } from './dates.ts';
import { type Reason, reason, type TraceEntry, traceEntry } from './decision.ts';
import type { PersonFacts } from './facts.ts';
import { EDUCATION_ORDER, EDUCATION_ZH, type ResolvedParameters } from './policy-parameters.ts';

export interface Composition {
  members: PersonFacts[];
  excluded: { person: PersonFacts; reason: Reason }[];
  trace: TraceEntry[];
}

interface Verdict {
  counted: boolean;
  reason: Reason;
}

function exclusionOf(person: PersonFacts, parameters: ResolvedParameters, decisionDate: string): Reason | undefined {
  const minYears = parameters.values.clergyApartMinYears;
  if (person.clergyLivingApartSince && wholeYearsBetween(person.clergyLivingApartSince, decisionDate) >= minYears) {
    return reason(
      'household.excluded.clergy-apart',
      `宗教教职人员，自${person.clergyLivingApartSince}起分开居住满${minYears}年，不计入家庭成员`,
      `clergy living apart since ${person.clergyLivingApartSince}, at least ${minYears} years: not a member`,
    );
  }
  if (person.imprisoned) {
    return reason(
      'household.excluded.prisoner',
      '在监狱服刑，不计入家庭成员',
      'serving a prison sentence: not a member',
    );
  }
  if (person.inCompulsoryDrugRehabilitation) {
    return reason(
      'household.excluded.drug-rehabilitation',
      '强制隔离戒毒期间，不计入家庭成员',
      'in compulsory drug rehabilitation: not a member',
    );
  }
  if (person.declaredMissing) {
    return reason('household.excluded.missing', '已被宣告失踪，不计入家庭成员', 'declared missing: not a member');
  }
  return undefined;
}

function verdictFor(person: PersonFacts, parameters: ResolvedParameters, decisionDate: string): Verdict {
  const excluded = exclusionOf(person, parameters, decisionDate);
  if (excluded) return { counted: false, reason: excluded };
  const adultAge = parameters.values.adultAge;
  const minor = wholeYearsBetween(person.birthDate, decisionDate) < adultAge;
  const duty = person.supportDuty ?? (person.relation === 'child' || person.relation === 'parent');
  const studentMax = EDUCATION_ORDER.indexOf(parameters.values.studentMaxLevel);
  const enrolled = person.enrolledEducation ? EDUCATION_ORDER.indexOf(person.enrolledEducation) : -1;
  switch (person.relation) {
    case 'applicant':
      return { counted: true, reason: reason('household.member.applicant', '申请人本人', 'the applicant') };
    case 'spouse':
      return { counted: true, reason: reason('household.member.spouse', '配偶', 'spouse') };
    case 'child':
      if (minor) return { counted: true, reason: reason('household.member.minor-child', '未成年子女', 'minor child') };
      if (enrolled >= 0 && enrolled <= studentMax) {
        return {
          counted: true,
          reason: reason(
            'household.member.student-child',
            `在校接受${EDUCATION_ZH[parameters.values.studentMaxLevel]}及以下学历教育的成年子女`,
            `adult child enrolled in education up to ${parameters.values.studentMaxLevel} level`,
          ),
        };
      }
      if (person.unableToLiveIndependently) {
        return {
          counted: true,
          reason: reason(
            'household.member.dependent-child',
            '不能独立生活的成年子女',
            'adult child unable to live alone',
          ),
        };
      }
      break;
    default:
      break;
  }
  if (person.livesTogether && duty) {
    return {
      counted: true,
      reason: reason(
        'household.member.support-duty',
        '具有法定赡养、扶养或抚养义务关系并共同居住',
        'has a legal support duty and lives together',
      ),
    };
  }
  return {
    counted: false,
    reason: reason(
      'household.not-member',
      '不属于共同生活的家庭成员（无法定义务关系或未共同居住）',
      'not a household member (no support duty or not living together)',
    ),
  };
}

/** Sorts the persons of an application into counted members and excluded persons, one trace entry each. */
export function composeHousehold(
  persons: readonly PersonFacts[],
  parameters: ResolvedParameters,
  decisionDate: string,
): Composition {
  const composition: Composition = { members: [], excluded: [], trace: [] };
  for (const person of persons) {
    const verdict = verdictFor(person, parameters, decisionDate);
    if (verdict.counted) composition.members.push(person);
    else composition.excluded.push({ person, reason: verdict.reason });
    composition.trace.push(
      traceEntry(
        'household.member',
        {
          personId: person.id,
          relation: person.relation,
          birthDate: person.birthDate,
          livesTogether: person.livesTogether,
          adultAge: parameters.values.adultAge,
          clergyApartMinYears: parameters.values.clergyApartMinYears,
        },
        { counted: verdict.counted, code: verdict.reason.code },
        parameters.versionId,
      ),
    );
  }
  return composition;
}

/** Age in whole years on a date. */
export function ageOn(person: PersonFacts, date: string): number {
  return wholeYearsBetween(person.birthDate, date);
}

/** The last day a person is a minor (day before the birthday of majority). */
export function lastDayAsMinor(person: PersonFacts, parameters: ResolvedParameters): string {
  return dayBeforeAnniversary(person.birthDate, parameters.values.adultAge);
}
