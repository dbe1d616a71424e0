/**
 * Verified facts the rules decide on: the people in an application, their income, spending and assets.
 * The rules never fetch anything; whoever assembles these facts (verification, investigators) is accountable
 * for them, and the trace echoes the facts each rule used.
 */

import type { Area, DisabilityCategory, EducationLevel, SpendingKind } from './policy-parameters.ts';

export type Relation = 'applicant' | 'spouse' | 'child' | 'parent' | 'grandparent' | 'grandchild' | 'sibling' | 'other';

/** Six activities of daily living; true = done unaided. */
export interface AdlItems {
  eating: boolean;
  dressing: boolean;
  bedTransfer: boolean;
  toileting: boolean;
  walkingIndoors: boolean;
  bathing: boolean;
}

export interface PersonFacts {
  id: string;
  relation: Relation;
  birthDate: string;
  livesTogether: boolean;
  /** A legal support duty (赡养/扶养/抚养) with the applicant; parents and children have one unless stated. */
  supportDuty?: boolean;
  /** Adult child who cannot live independently (e.g. severe illness or disability). */
  unableToLiveIndependently?: boolean;
  /** Level currently enrolled at, if a student. */
  enrolledEducation?: EducationLevel;
  /** Clergy (宗教教职人员) living apart from the household since this date. */
  clergyLivingApartSince?: string;
  imprisoned?: boolean;
  inCompulsoryDrugRehabilitation?: boolean;
  declaredMissing?: boolean;
  disability?: { category: DisabilityCategory; level: number };
  /** Recognised major disease under long-term treatment. */
  majorDisease?: boolean;
  adl?: AdlItems;
  /** 特困: whether anyone with a support duty is able to support this person; undefined = not established. */
  supporterAbleToSupport?: boolean;
  receivesOrphanAllowance?: boolean;
}

export type IncomeCategory = 'wage' | 'business' | 'property' | 'transfer';

export interface IncomeRecord {
  memberId: string;
  category: IncomeCategory;
  /** Finer kind matched against the excluded list, e.g. 'residents-pension', 'disability-subsidy'. */
  kind: string;
  /** Gross amount received over the whole averaging window (normally 12 months). */
  amountFen: number;
  /** Costs over the window for business and property income (net = amount − cost). */
  costFen?: number;
}

export interface SpendingRecord {
  memberId?: string;
  kind: SpendingKind;
  /** Actual cost over the last 12 months, after insurance and other assistance. */
  amountFen: number;
}

export interface VehicleFacts {
  valueFen: number;
}

export interface AssetFacts {
  /** Deposits, securities, insurance cash values and other financial assets of all counted members. */
  financialAssetsFen: number;
  vehicles: readonly VehicleFacts[];
  /** A dwelling beyond the local area rule (e.g. a second home above the per-capita area). */
  dwellingBeyondAreaRule: boolean;
  /** A member runs a business that employs other people. */
  businessEmployingOthers: boolean;
}

export interface ApplicationFacts {
  /** Region of household registration (or residence) that decides; 12-digit village or shorter. */
  regionCode: string;
  area: Area;
  persons: readonly PersonFacts[];
  incomes: readonly IncomeRecord[];
  spending: readonly SpendingRecord[];
  assets: AssetFacts;
}
