import { safeRegionName } from '../../../core/region/region-name.ts';
import { maskName } from '../../../core/shared/masking.ts';
import type { PayrollRunRow, TownshipTotal } from './payroll.repository.ts';
import type { PayrollLineView } from './payroll-line.repository.ts';

/** How a line's amount was computed, as the API has always shown it (rebuilt from the line's narrow columns). */
export interface LineBasis {
  standardFen: number | null;
  versionId: string | null;
  members: number | null;
  monthlyIncomeFen: number | null;
  careTier?: string;
  gradualExit?: true;
  carried?: true;
}

/** The `basis` of a line: the standard and policy version of its month, members and income or the 特困 care tier. */
export function lineBasis(
  l: Pick<
    PayrollLineView,
    | 'standard_fen'
    | 'members'
    | 'income_fen'
    | 'care_tier'
    | 'gradual_exit'
    | 'policy_version_id'
    | 'carried_from_line_id'
  >,
): LineBasis {
  const basis: LineBasis = {
    standardFen: l.standard_fen,
    versionId: l.policy_version_id,
    members: l.members,
    monthlyIncomeFen: l.income_fen,
  };
  if (l.care_tier) basis.careTier = l.care_tier;
  if (l.gradual_exit) basis.gradualExit = true;
  if (l.carried_from_line_id) basis.carried = true;
  return basis;
}

/** A run as the API shows it; a township user sees the totals of their own lines only. */
export function presentRun(run: PayrollRunRow, scoped?: TownshipTotal[]) {
  const base = {
    id: run.id,
    district: run.district_code,
    programme: run.programme,
    month: run.month,
    status: run.status,
    computedBy: run.computed_by,
    computedAt: run.computed_at,
    approvedBy: run.approved_by,
    approvedAt: run.approved_at,
    exportedAt: run.exported_at,
    reconciledAt: run.reconciled_at,
    version: run.version,
  };
  if (!scoped) {
    return { ...base, lineCount: run.line_count, totalFen: Number(run.total_fen), heldCount: run.held_count };
  }
  // A township user sees the totals of their own lines only.
  return {
    ...base,
    lineCount: scoped.reduce((s, t) => s + t.payable, 0),
    totalFen: scoped.reduce((s, t) => s + Number(t.payableFen), 0),
    heldCount: scoped.reduce((s, t) => s + t.held, 0),
  };
}

/** A line as the API shows it: payee masked, ids as text. */
export function presentLine(l: PayrollLineView) {
  return {
    id: l.id,
    enrollmentId: l.enrollment_id,
    householdId: l.household_id,
    regionCode: l.region_code,
    regionName: safeRegionName(l.region_code),
    forMonth: l.for_month,
    amountFen: l.amount_fen,
    status: l.status,
    basis: lineBasis(l),
    carriedFromLineId: l.carried_from_line_id,
    failureReason: l.failure_reason,
    bankReference: l.bank_reference,
    payeeName: maskName(l.payee_name),
    payeeIdMasked: l.payee_id_masked,
  };
}
