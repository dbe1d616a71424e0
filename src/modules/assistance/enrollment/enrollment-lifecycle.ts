/**
 * Enrollment lifecycle (DOMAIN §1.1, issue 3 capability 5): active ⇄ suspended, → gradual_exit (渐退, paid until its
 * end month) → exited; exits take effect from the month after the change (end_month = the change's month, the last
 * month paid). Pure: plans a change for the service to write and append as an event.
 */

import { addMonths } from '../rules/dates.ts';

export type EnrollmentStatus = 'active' | 'suspended' | 'gradual_exit' | 'exited';
export type ExitKind = 'death' | 'moved-away' | 'fraud' | 'income' | 'other';

export interface CurrentEnrollment {
  status: EnrollmentStatus;
  startMonth: string;
  endMonth: string | null;
}

export type StatusChange =
  | { action: 'suspend' }
  | { action: 'resume' }
  | { action: 'exit'; kind: ExitKind; month: string }
  | { action: 'gradual_exit'; month: string; months: number };

export interface PlannedChange {
  toStatus: EnrollmentStatus;
  /** Last month paid; undefined = unchanged. */
  endMonth?: string | null;
  /** The first month the change affects. */
  effectiveMonth: string;
}

export type PlanResult = { ok: true; plan: PlannedChange } | { ok: false; zh: string; en: string };

/** Plans a status change in the month `currentMonth` (YYYY-MM); refuses changes the status does not allow. */
export function planStatusChange(e: CurrentEnrollment, change: StatusChange, currentMonth: string): PlanResult {
  if (e.status === 'exited') return { ok: false, zh: '该保障对象已退出', en: 'the enrollment has already exited' };
  if (change.action === 'suspend') {
    if (e.status !== 'active')
      return { ok: false, zh: '只有正常保障的对象可以暂停', en: 'only an active enrollment can be suspended' };
    return { ok: true, plan: { toStatus: 'suspended', effectiveMonth: currentMonth } };
  }
  if (change.action === 'resume') {
    if (e.status !== 'suspended')
      return { ok: false, zh: '只有暂停的对象可以恢复', en: 'only a suspended enrollment can be resumed' };
    return { ok: true, plan: { toStatus: 'active', effectiveMonth: currentMonth } };
  }
  if (change.action === 'exit') {
    // Paid through the month of the change; stops from the next month. Never before the first month.
    const last = change.month < e.startMonth ? addMonths(e.startMonth, -1) : change.month;
    const endMonth = e.endMonth !== null && e.endMonth < last ? e.endMonth : last;
    return { ok: true, plan: { toStatus: 'exited', endMonth, effectiveMonth: addMonths(endMonth, 1) } };
  }
  if (e.status === 'gradual_exit') return { ok: false, zh: '已在渐退期内', en: 'already in gradual exit' };
  const endMonth = addMonths(change.month, change.months);
  return { ok: true, plan: { toStatus: 'gradual_exit', endMonth, effectiveMonth: addMonths(change.month, 1) } };
}

/** Whether an enrollment is paid for a month: the payroll rule, also applied in SQL (payroll.repository.ts). */
export function isDueInMonth(e: CurrentEnrollment, month: string): boolean {
  if (month < e.startMonth) return false;
  if (e.endMonth !== null && month > e.endMonth) return false;
  return !(e.status === 'exited' && e.endMonth === null);
}

/** Fraud (§68): recover what was obtained plus a fine of min..max times it; the chosen multiple must be in range. */
export function fraudFine(obtainedFen: number, multiple: number, range: { min: number; max: number }): number | null {
  if (!Number.isInteger(obtainedFen) || obtainedFen < 0) return null;
  if (multiple < range.min || multiple > range.max) return null;
  return Math.round(obtainedFen * multiple);
}
