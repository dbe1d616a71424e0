import { recordAudit } from '../../../core/audit/audit.repository.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { emitEvent } from '../../../core/events/event-bus.ts';
import { AppError } from '../../../core/shared/errors.ts';
import type { Queryable } from '../../../db/database.ts';
import { monthOf } from '../rules/dates.ts';
import { type EnrollmentRow, insertEnrollmentEvent, updateEnrollmentState } from './enrollment.repository.ts';
import { planStatusChange, type StatusChange } from './enrollment-lifecycle.ts';

export const ENROLLMENT_CHANGED = 'assistance.enrollment.changed';

/**
 * Applies a planned status change to a locked enrollment row: updates it, appends the event, audits and emits.
 * Shared by staff actions, re-check outcomes and the registry's death/moving events.
 */
export async function applyStatusChange(
  tx: Queryable,
  actor: Actor,
  row: EnrollmentRow,
  change: StatusChange,
  today: string,
  reason: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const planned = planStatusChange(
    { status: row.status, startMonth: row.start_month, endMonth: row.end_month },
    change,
    monthOf(today),
  );
  if (!planned.ok) throw new AppError('enrollment.state', planned.zh, planned.en);
  const { plan } = planned;
  await updateEnrollmentState(tx, row.id, {
    status: plan.toStatus,
    ...(plan.endMonth !== undefined ? { endMonth: plan.endMonth } : {}),
    ...(plan.toStatus === 'exited' ? { exitReason: reason, nextReviewOn: null } : {}),
  });
  await insertEnrollmentEvent(tx, actor, {
    enrollmentId: row.id,
    kind: change.action,
    fromStatus: row.status,
    toStatus: plan.toStatus,
    effectiveMonth: plan.effectiveMonth,
    amountFen: row.amount_fen,
    reason,
    details: { ...details, ...(plan.endMonth ? { endMonth: plan.endMonth } : {}) },
  });
  await recordAudit(tx, actor, {
    action: `assistance.enrollment.${change.action}`,
    entityType: 'assistance_enrollment',
    entityId: row.id,
    regionCode: row.region_code,
    reason,
    detail: { from: row.status, to: plan.toStatus, endMonth: plan.endMonth ?? null },
  });
  await emitEvent(
    tx,
    ENROLLMENT_CHANGED,
    { enrollmentId: row.id, from: row.status, to: plan.toStatus, endMonth: plan.endMonth ?? null },
    row.region_code,
  );
}
