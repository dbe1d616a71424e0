/**
 * Shapes of the social-assistance application API (src/modules/assistance/application/README.md) and the resident
 * portal's assistance routes (src/modules/assistance/portal). Money in fen, dates YYYY-MM-DD.
 */

export type AssistanceProgramme =
  | 'extremePovertySupport'
  | 'minimumLivingAllowance'
  | 'singlePersonAllowance'
  | 'lowIncomeMarginal'
  | 'rigidExpenditureHardship'
  | 'temporaryAssistanceEmergency'
  | 'temporaryAssistanceExpenditure'
  | 'gradualExit';

export interface ApplicationListItem {
  caseId: string;
  caseNo: string;
  state: string;
  stateName: string;
  regionCode: string;
  regionName: string;
  applicantName: string;
  members: number;
  area: 'urban' | 'rural';
  channel: string;
  programme: string | null;
  amountFen: number | null;
  receivedOn: string;
  dueOn: string | null;
  stepDueOn: string | null;
  overdue: boolean;
  version: number;
}

export interface TraceEntryView {
  rule: string;
  inputs: Record<string, unknown>;
  result: unknown;
  parameterVersionId: string | null;
}

export interface DecisionView {
  programme: AssistanceProgramme;
  outcome: string;
  amountFen?: number;
  memberIds: string[];
  reasons: { code: string; zh: string; en: string }[];
  trace: TraceEntryView[];
}

export interface ClassificationView {
  decisionDate: string;
  benefitMonth: string;
  decisions: DecisionView[];
  granted: DecisionView[];
  monthlyTotalFen: number;
}

export interface FactsView {
  persons: { id: string; relation: string; birthDate: string; disability?: { category: string; level: number } }[];
  incomes: { memberId: string; category: string; kind: string; amountFen: number; costFen?: number }[];
  spending: { memberId?: string; kind: string; amountFen: number }[];
  assets: {
    financialAssetsFen: number;
    vehicles: { valueFen: number }[];
    dwellingBeyondAreaRule: boolean;
    businessEmployingOthers: boolean;
  };
}

export interface ApplicationDocument {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface ApplicationTransfer {
  id: string;
  need: string;
  toOrgName: string;
  note: string;
  status: string;
  dueOn: string;
  reply: string | null;
  repliedAt: string | null;
}

export interface ApplicationVisit {
  id: string;
  kind: string;
  visitedOn: string;
  notes: string;
  investigatorNames?: string[];
  complete: boolean;
}

export interface ApplicationFinding {
  id: string;
  source: string;
  category: string;
  declared: unknown;
  found: unknown;
  status: 'open' | 'resolved';
  resolution: string | null;
  outcome: string | null;
}

export interface ApplicationObjection {
  id: string;
  receivedOn: string;
  content: string;
  status: string;
  outcome: string | null;
  resolution: string | null;
}

export interface ApplicationPublicity {
  id: string;
  maskedName: string;
  programme: string;
  members: number;
  amountFen: number;
  startsOn: string;
  endsOn: string;
  status: string;
  objections: ApplicationObjection[];
}

export interface ApplicationDetail extends Omit<ApplicationListItem, 'members'> {
  householdId: string;
  applicantPersonId: string;
  requested: string[];
  needs: { need: string; note: string }[];
  emergency: boolean;
  extension: { days: number; reason: string } | null;
  members: { personId: string; name: string; idMasked: string; relation: string | null; birthDate: string }[];
  declared: FactsView;
  verified: FactsView | null;
  proposal: ClassificationView | null;
  decision: { stage: string; classification?: ClassificationView | null; reasons?: string[] } | null;
  documents: ApplicationDocument[];
  transfers: ApplicationTransfer[];
  visits: ApplicationVisit[];
  findings: ApplicationFinding[];
  publicity: ApplicationPublicity | null;
  verificationStatus: { missing: { code: string; zh: string; en: string }[] } | null;
}

export interface ExplainedStepView {
  rule: string;
  zh: string;
  en: string;
  parameterVersionId: string | null;
}

export interface NoticePreview {
  notice: { kind: string; title: string; reasons: string[] } | null;
  stage: string | null;
  sections: { heading: string; steps: ExplainedStepView[] }[];
}

// ── portal ──────────────────────────────────────────────────────────────────────────────────────────────

export interface PortalAssistanceForm {
  household: { householdNo: string; address: string; regionName: string } | null;
  members: { personId: string; name: string; relationName: string; age: number; self: boolean }[];
}

export interface PortalApplicationItem {
  caseId: string;
  caseNo: string;
  state: string;
  stateName: string;
  stateNameEn: string;
  programmeName: string | null;
  amountFen: number | null;
  receivedOn: string;
  dueOn: string | null;
  overdue: boolean;
  noticeAvailable: boolean;
}

export interface PortalProgressStep {
  key: string;
  nameZh: string;
  nameEn: string;
  organisation: string;
  status: 'done' | 'current' | 'pending' | 'skipped' | 'failed';
  doneAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  note: string | null;
}

export interface PortalApplicationProgress {
  caseId: string;
  caseNo: string;
  state: string;
  stateName: string;
  stateNameEn: string;
  receivedOn: string;
  dueOn: string | null;
  steps: PortalProgressStep[];
  decision: {
    outcome: 'approved' | 'refused' | 'not_accepted';
    startMonth: string | null;
    monthlyTotalFen: number;
    granted: {
      programme: string;
      programmeName: string;
      programmeNameEn: string;
      amountFen: number | null;
      members: number;
    }[];
    reasons: string[];
  } | null;
  noticeAvailable: boolean;
  documents: { id: string; kind: string; fileName: string; sizeBytes: number }[];
  canUpload: boolean;
}

export interface PortalEnrollments {
  items: {
    id: string;
    programme: string;
    programmeName: string;
    programmeNameEn: string;
    status: string;
    members: number;
    amountFen: number;
    startMonth: string;
    endMonth: string | null;
    nextReviewOn: string | null;
  }[];
  reports: {
    id: string;
    enrollmentId: string;
    kind: string;
    period: string | null;
    status: string;
    submittedAt: string;
  }[];
}

export interface PublicityPage {
  village: string;
  villageName: string;
  items: {
    id: string;
    maskedName: string;
    programme: string;
    programmeName: string;
    members: number;
    amountFen: number;
    startsOn: string;
    endsOn: string;
  }[];
}
