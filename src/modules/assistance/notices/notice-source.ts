/**
 * From a stored application (its decision jsonb, members and history) to the facts a notice is made of. Pure: the
 * service reads the rows, this decides what kind of notice it is, who issues it, on which date, and masks the IDs.
 */

import { safeRegionName } from '../../../core/region/region-name.ts';
import type { Classification } from '../rules/classify.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import { RELATION_ZH } from './explain-trace.ts';
import type { NoticeKind, NoticeSource } from './notice-content.ts';

/** The stored decision of an application (see application.workflow.ts: storeClassification / storeRefusal). */
export interface StoredDecision {
  stage?: string;
  classification?: Classification | null;
  reasons?: string[];
  on?: string;
  by?: string;
}

export interface NoticeApplication {
  caseNo: string;
  state: string;
  regionCode: string;
  receivedOn: string;
  applicantPersonId: string;
  applicantName: string;
  declared: ApplicationFacts;
  decision: StoredDecision | null;
  /** When the case was closed (approval or refusal), ISO timestamp. */
  closedAt: string | null;
}

export interface NoticeMemberRow {
  personId: string;
  name: string;
  idMasked: string;
}

const KIND_OF_STATE: Record<string, NoticeKind> = {
  approved: 'approval',
  refused: 'refusal',
  not_accepted: 'not_accepted',
};

/** The kind of notice an application in this state gets, or null while it is still being handled. */
export function noticeKindOf(state: string): NoticeKind | null {
  return Object.hasOwn(KIND_OF_STATE, state) ? KIND_OF_STATE[state] : null;
}

/** '重庆市/武隆区/仙女山街道' → '重庆市武隆区仙女山街道' */
function plainName(code: string): string {
  return safeRegionName(code).replaceAll('/', '');
}

/**
 * Who signs: the district civil affairs bureau for approvals and refusals at district approval; the township
 * (乡镇人民政府 / 街道办事处) for not accepting and for refusals at township review.
 */
export function issuerOf(regionCode: string, kind: NoticeKind, refusedBy?: string): string {
  const district = `${plainName(regionCode.slice(0, 6))}民政局`;
  if (kind === 'approval') return district;
  if (kind === 'refusal' && refusedBy === 'district') return district;
  const township = plainName(regionCode.slice(0, 9));
  return township.endsWith('街道') ? `${township}办事处` : `${township}人民政府`;
}

/** Date in China (UTC+8) of a timestamp, YYYY-MM-DD. */
export function chinaDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Builds the notice source of a closed application; null while no decision notice exists. */
export function noticeSourceOf(
  app: NoticeApplication,
  members: readonly NoticeMemberRow[],
  options: { today: string; refusedAt?: 'township' | 'district' },
): NoticeSource | null {
  const kind = noticeKindOf(app.state);
  if (!kind) return null;
  const decision = app.decision ?? {};
  const classification = decision.classification ?? null;
  const relationOf = (personId: string) => {
    const relation = app.declared.persons.find((p) => p.id === personId)?.relation;
    return relation ? (RELATION_ZH[relation] ?? relation) : undefined;
  };
  const applicant = members.find((m) => m.personId === app.applicantPersonId);
  const issuedOn = decision.on ?? (app.closedAt ? chinaDate(app.closedAt) : options.today);
  return {
    kind,
    caseNo: app.caseNo,
    issuer: issuerOf(app.regionCode, kind, options.refusedAt),
    issuedOn,
    receivedOn: app.receivedOn,
    applicant: { name: app.applicantName, idNumberMasked: applicant?.idMasked ?? '' },
    members: members.map((m) => ({
      personId: m.personId,
      name: m.name,
      relation: relationOf(m.personId),
      idNumberMasked: m.idMasked,
    })),
    // a refusal at the window has no classification; a refusal after review prints what the rules found
    decisions: kind === 'not_accepted' ? [] : (classification?.decisions ?? []),
    trace: kind === 'not_accepted' ? [] : (classification?.trace ?? []),
    benefitMonth: classification?.benefitMonth,
    staffReasons: decision.reasons ?? [],
  };
}

/** The classification being worked on (proposal, verified or approved) as a source for its explained trace. */
export function workingSourceOf(
  app: NoticeApplication,
  members: readonly NoticeMemberRow[],
): { stage: string; source: Omit<NoticeSource, 'kind'> } | null {
  const classification = app.decision?.classification;
  if (!classification) return null;
  return {
    stage: app.decision?.stage ?? 'proposal',
    source: {
      caseNo: app.caseNo,
      issuer: '',
      issuedOn: '',
      applicant: { name: app.applicantName, idNumberMasked: '' },
      members: members.map((m) => ({ personId: m.personId, name: m.name, idNumberMasked: m.idMasked })),
      decisions: classification.decisions,
      trace: classification.trace,
      benefitMonth: classification.benefitMonth,
    },
  };
}
