import type { WorkflowDef } from '../../../core/workflow/workflow-definition.ts';
import { addWorkingDays } from '../../../core/workflow/working-days.ts';
import type { Classification } from '../rules/classify.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import { verificationStatus } from '../verification/verification.service.ts';
import type { ApplicationRow, HouseholdMemberRow } from './application.repository.ts';
import type { Need } from './application.schema.ts';
import { presentApplication } from './application-view.ts';
import { primaryGrant } from './classification.ts';
import type { TransferRow } from './transfer.repository.ts';

/**
 * The answer to an intake: the new application as GET shows it, built from what the intake just wrote instead of
 * reading it back (a test checks it equals the GET view).
 */
export function presentNewApplication(
  def: WorkflowDef,
  today: string,
  a: {
    caseId: string;
    caseNo: string;
    household: { id: string; region_code: string; members: HouseholdMemberRow[] };
    applicantPersonId: string;
    applicantName: string;
    area: 'urban' | 'rural';
    channel: string;
    requested: ApplicationRow['requested'];
    emergency: boolean;
    declared: ApplicationFacts;
    classification: Classification;
    snapshotId: string | null;
    transfers: TransferRow[];
  },
) {
  const grant = primaryGrant(a.classification);
  return presentApplication(
    def,
    today,
    {
      case_id: a.caseId,
      case_no: a.caseNo,
      state: def.initial,
      version: 1,
      region_code: a.household.region_code,
      household_id: a.household.id,
      applicant_person_id: a.applicantPersonId,
      applicant_name: a.applicantName,
      area: a.area,
      channel: a.channel,
      requested: a.requested,
      emergency: a.emergency,
      declared: a.declared,
      verified: null,
      authorisation_document_id: null,
      decision: { stage: 'proposal', classification: a.classification },
      policy_snapshot_id: a.snapshotId,
      programme: grant?.programme ?? null,
      amount_fen: grant?.amountFen ?? null,
      extension_days: 0,
      extension_reason: null,
      received_on: today,
      due_on: def.totalWorkingDays ? addWorkingDays(today, def.totalWorkingDays) : null,
      step_due_on: null,
      closed_at: null,
    },
    {
      members: a.household.members,
      documents: [],
      transfers: a.transfers,
      verification: { visits: [], findings: [], status: verificationStatus(false, [], []) },
      publicity: null,
    },
  );
}

/** A transfer as just sent (the row insertTransfer wrote), for the intake's answer. */
export function sentTransfer(t: {
  id: string;
  caseId: string;
  caseNo: string;
  regionCode: string;
  need: Need;
  org: { id: string; name: string };
  note: string;
  dueOn: string;
}): TransferRow {
  return {
    id: t.id,
    case_id: t.caseId,
    case_no: t.caseNo,
    region_code: t.regionCode,
    need: t.need,
    to_org_id: t.org.id,
    to_org_name: t.org.name,
    note: t.note,
    status: 'sent',
    due_on: t.dueOn,
    reply: null,
    replied_by: null,
    replied_at: null,
    created_at: new Date(),
  };
}
