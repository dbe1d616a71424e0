/**
 * What a decision notice 决定通知书 says, built from an application's decision (pure; the PDF layout is in
 * notice-pdf.ts). An approval names each programme granted, its monthly amount, the first month paid and the members
 * covered; a refusal gives the reasons in plain words (a refusal always gives written reasons, DOMAIN §1.1). Both
 * print the decision trace in plain words with the parameter versions cited, and the applicant's rights of appeal.
 */

import { programmeName } from '../application/programme-names.ts';
import type { Decision, Payment, Programme, TraceEntry } from '../rules/decision.ts';
import { type ExplainedStep, explainTrace, type PersonNames } from './explain-trace.ts';

/** Programmes paid every month (the others are recognitions or one-off amounts). */
const MONTHLY_PROGRAMMES: ReadonlySet<Programme> = new Set([
  'extremePovertySupport',
  'minimumLivingAllowance',
  'singlePersonAllowance',
  'gradualExit',
]);

const programmeNameZh = (code: string) => programmeName(code).zh;

export type NoticeKind = 'approval' | 'refusal' | 'not_accepted';

export interface NoticeMember {
  personId: string;
  name: string;
  relation?: string;
  idNumberMasked?: string;
}

/** The facts a notice is made from: the case, who it is addressed to and the decision taken. */
export interface NoticeSource {
  kind: NoticeKind;
  caseNo: string;
  /** The organisation issuing the notice, e.g. 武隆区民政局 (approval and district refusal) or a township. */
  issuer: string;
  issuedOn: string;
  applicant: { name: string; idNumberMasked: string };
  address?: string;
  receivedOn?: string;
  members: readonly NoticeMember[];
  /** Every decision of the classification (refusals included, so their reasons can be printed). */
  decisions: readonly Decision[];
  /** Household composition and parameter steps of the classification (Classification.trace). */
  trace?: readonly TraceEntry[];
  /** Benefit month of the classification (YYYY-MM): the first month a monthly benefit is paid. */
  benefitMonth?: string;
  /** Reasons written by staff (不予受理 / 不予批准), printed before the rules' reasons. */
  staffReasons?: readonly string[];
  /** Where to appeal; defaults to the people's government at the issuer's level. */
  reviewBody?: string;
}

export interface NoticeGrant {
  programme: string;
  programmeName: string;
  monthly: boolean;
  amountFen: number | null;
  startMonth: string | null;
  validUntil: string | null;
  payments: Payment[];
  members: NoticeMember[];
  reasons: string[];
}

export interface NoticeSection {
  heading: string;
  steps: ExplainedStep[];
}

/** Everything the PDF prints, already in words. */
export interface DecisionNotice {
  kind: NoticeKind;
  title: string;
  caseNo: string;
  issuer: string;
  issuedOn: string;
  addressee: { name: string; idNumberMasked: string; address?: string };
  opening: string;
  grants: NoticeGrant[];
  reasons: string[];
  sections: NoticeSection[];
  parameterVersions: string[];
  closing: string[];
}

const TITLES: Record<NoticeKind, string> = {
  approval: '社会救助审批决定通知书',
  refusal: '社会救助不予批准决定通知书',
  not_accepted: '社会救助申请不予受理通知书',
};

/** 2025-08 → 2025年8月; 2025-08-03 → 2025年8月3日 */
export function chineseDate(value: string): string {
  const [year, month, day] = value.split('-');
  if (!year || !month) return value;
  return `${year}年${Number(month)}月${day ? `${Number(day)}日` : ''}`;
}

function grantOf(decision: Decision, members: readonly NoticeMember[], benefitMonth?: string): NoticeGrant {
  const monthly = MONTHLY_PROGRAMMES.has(decision.programme);
  const covered = new Set(decision.memberIds);
  return {
    programme: decision.programme,
    programmeName: programmeNameZh(decision.programme),
    monthly,
    amountFen: decision.amountFen ?? null,
    startMonth: monthly ? (benefitMonth ?? null) : (decision.payments?.[0]?.month ?? null),
    validUntil: decision.validUntil ?? null,
    payments: decision.payments ?? [],
    members: members.filter((m) => covered.has(m.personId)),
    reasons: decision.reasons.map((r) => r.zh),
  };
}

function uniqueSteps(trace: readonly TraceEntry[], names: PersonNames, seen: Set<string>): ExplainedStep[] {
  const fresh = trace.filter((entry) => {
    const key = JSON.stringify(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return explainTrace(fresh, names);
}

/** Staff reasons first, then each rule's reason once, naming every programme it refused. */
function refusalReasons(source: NoticeSource): string[] {
  const programmesByReason = new Map<string, string[]>();
  for (const decision of source.decisions.filter((d) => d.outcome === 'ineligible')) {
    for (const r of decision.reasons) {
      const programmes = programmesByReason.get(r.zh) ?? [];
      programmes.push(programmeNameZh(decision.programme));
      programmesByReason.set(r.zh, programmes);
    }
  }
  const fromRules = [...programmesByReason].map(([text, programmes]) => `申请${programmes.join('、')}：${text}`);
  return [...(source.staffReasons ?? []), ...fromRules];
}

function opening(source: NoticeSource): string {
  const received = source.receivedOn ? `于${chineseDate(source.receivedOn)}` : '';
  if (source.kind === 'approval') {
    return `你(户)${received}提出的社会救助申请，经家庭经济状况核查、乡镇(街道)审核、村(社区)公示和审批，决定如下：`;
  }
  if (source.kind === 'refusal') {
    return `你(户)${received}提出的社会救助申请，经家庭经济状况核查和审核，不符合下列救助条件，决定不予批准。理由如下：`;
  }
  return `你(户)${received}提出的社会救助申请，经审查，决定不予受理。理由如下：`;
}

function closing(source: NoticeSource): string[] {
  const body = source.reviewBody ?? '本级人民政府或上一级民政部门';
  const lines = [
    `如对本决定不服，可以自收到本通知书之日起60日内向${body}申请行政复议，或者在6个月内依法向人民法院提起行政诉讼。`,
  ];
  if (source.kind === 'approval') {
    lines.push(
      '享受救助期间，家庭人口、收入、财产状况发生变化的，应当及时主动报告；可通过“掌上办”提交变更报告和定期报告。',
    );
  } else {
    lines.push('家庭经济状况发生变化后，可以重新提出申请。');
  }
  return lines;
}

/** Builds the words of a decision notice from the decision; nothing is read or written. */
export function buildDecisionNotice(source: NoticeSource): DecisionNotice {
  const names: PersonNames = Object.fromEntries(source.members.map((m) => [m.personId, m.name]));
  const granted = source.kind === 'approval' ? source.decisions.filter((d) => d.outcome === 'eligible') : [];
  const shown = source.kind === 'approval' ? granted : source.decisions;
  const seen = new Set<string>();
  const sections: NoticeSection[] = [];
  // Classification.trace repeats every decision's steps; only its own household and parameter steps go here.
  const own = (source.trace ?? []).filter(
    (t) =>
      t.rule.startsWith('household.') || t.rule === 'classify.parameters' || t.rule === 'classify.household-for-dibao',
  );
  const household = uniqueSteps(own, names, seen);
  if (household.length > 0) sections.push({ heading: '家庭成员与政策参数', steps: household });
  for (const decision of shown) {
    const steps = uniqueSteps(decision.trace, names, seen);
    const verdict = decision.outcome === 'eligible' ? '符合' : '不符合';
    if (steps.length > 0) sections.push({ heading: `${programmeNameZh(decision.programme)}(${verdict})`, steps });
  }
  const versions = new Set<string>();
  for (const section of sections) {
    for (const step of section.steps) if (step.parameterVersionId) versions.add(step.parameterVersionId);
  }
  return {
    kind: source.kind,
    title: TITLES[source.kind],
    caseNo: source.caseNo,
    issuer: source.issuer,
    issuedOn: source.issuedOn,
    addressee: {
      name: source.applicant.name,
      idNumberMasked: source.applicant.idNumberMasked,
      address: source.address,
    },
    opening: opening(source),
    grants: granted.map((d) => grantOf(d, source.members, source.benefitMonth)),
    reasons: source.kind === 'approval' ? [] : refusalReasons(source),
    sections,
    parameterVersions: [...versions].sort(),
    closing: closing(source),
  };
}

/** The trace of a classification in plain words, every programme evaluated (the workbench's proposal tab). */
export function explainClassification(source: Omit<NoticeSource, 'kind'>): NoticeSection[] {
  return buildDecisionNotice({ ...source, kind: 'refusal' }).sections;
}
