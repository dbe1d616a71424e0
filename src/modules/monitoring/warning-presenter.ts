import { maskName } from '../../core/shared/masking.ts';
import type { WarningRow } from './monitoring.repository.ts';

/** A warning as the API shows it: the person's name masked (张*华), the ID number only masked. */
export function presentWarning(w: WarningRow, today: string) {
  return {
    id: w.id,
    ruleCode: w.rule_code,
    kind: w.kind,
    personId: w.person_id,
    personName: maskName(w.person_name),
    personIdMasked: w.person_id_masked,
    householdId: w.household_id,
    householdNo: w.household_no,
    regionCode: w.region_code,
    severity: w.severity,
    status: w.status,
    assigneeRole: w.assignee_role,
    assigneeId: w.assignee_id,
    dueOn: w.due_on,
    overdue: w.status !== 'closed' && w.due_on < today,
    escalationLevel: w.escalation_level,
    outcome: w.outcome,
    outcomeNote: w.outcome_note,
    caseId: w.case_id,
    closedAt: w.closed_at ? new Date(w.closed_at).toISOString() : null,
    createdAt: new Date(w.created_at).toISOString(),
    version: w.version,
  };
}
