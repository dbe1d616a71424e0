import { safeRegionName } from '../../../core/region/region-name.ts';
import { maskName } from '../../../core/shared/masking.ts';
import { findState, type WorkflowDef } from '../../../core/workflow/workflow-definition.ts';
import type { PublicityService } from '../publicity/publicity.service.ts';
import type { VerificationService } from '../verification/verification.service.ts';
import type { ApplicationRow, listDocuments } from './application.repository.ts';
import type { TransferRow } from './transfer.repository.ts';

/** How an application is shown: masked names, the decision by stage, documents, transfers, verification, 公示. */

export function presentApplication(
  def: WorkflowDef,
  today: string,
  app: ApplicationRow,
  more: {
    members: { person_id: string; name: string; id_masked: string; birth_date: string }[];
    documents: Awaited<ReturnType<typeof listDocuments>>;
    transfers: TransferRow[];
    verification: Awaited<ReturnType<VerificationService['overview']>>;
    publicity: Awaited<ReturnType<PublicityService['ofCase']>>;
  },
) {
  const due = app.step_due_on ?? app.due_on;
  const decision = app.decision as { stage?: string; classification?: unknown } | null;
  return {
    caseId: app.case_id,
    caseNo: app.case_no,
    state: app.state,
    stateName: findState(def, app.state)?.nameZh ?? app.state,
    version: app.version,
    regionCode: app.region_code,
    regionName: safeRegionName(app.region_code),
    householdId: app.household_id,
    applicantPersonId: app.applicant_person_id,
    applicantName: maskName(app.applicant_name),
    area: app.area,
    channel: app.channel,
    requested: app.requested.programmes,
    needs: app.requested.needs,
    emergency: app.emergency,
    receivedOn: app.received_on,
    dueOn: app.due_on,
    stepDueOn: app.step_due_on,
    overdue: !app.closed_at && due !== null && due < today,
    extension: app.extension_days > 0 ? { days: app.extension_days, reason: app.extension_reason } : null,
    members: more.members.map((m) => {
      const facts = app.declared.persons.find((p) => p.id === m.person_id);
      return {
        personId: m.person_id,
        name: maskName(m.name),
        idMasked: m.id_masked,
        birthDate: m.birth_date,
        relation: facts?.relation ?? null,
      };
    }),
    declared: app.declared,
    verified: app.verified,
    proposal: decision?.stage === 'proposal' ? decision.classification : null,
    decision: decision?.stage && decision.stage !== 'proposal' ? decision : null,
    programme: app.programme,
    amountFen: app.amount_fen,
    policySnapshotId: app.policy_snapshot_id,
    documents: more.documents.map(presentDocument),
    transfers: more.transfers.map(presentTransfer),
    visits: more.verification.visits,
    findings: more.verification.findings,
    verificationStatus: more.verification.status,
    publicity: more.publicity,
  };
}

export function presentTransfer(t: TransferRow) {
  return {
    id: t.id,
    caseId: t.case_id,
    caseNo: t.case_no,
    regionCode: t.region_code,
    need: t.need,
    toOrgId: t.to_org_id,
    toOrgName: t.to_org_name,
    note: t.note,
    status: t.status,
    dueOn: t.due_on,
    reply: t.reply,
    repliedAt: t.replied_at ? new Date(t.replied_at).toISOString() : null,
  };
}

export function presentDocument(d: {
  id: string;
  kind: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}) {
  return {
    id: d.id,
    kind: d.kind,
    fileName: d.file_name,
    mimeType: d.mime_type,
    sizeBytes: d.size_bytes,
    sha256: d.sha256,
    uploadedAt: new Date(d.created_at).toISOString(),
  };
}
