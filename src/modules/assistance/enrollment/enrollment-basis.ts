/**
 * What an enrollment keeps from its decision so that payroll can recompute the monthly amount with the standard in
 * force for each month (DOMAIN §1.1 "new standards from their effective date"), and how often it is re-checked.
 * Pure: reads a rules Decision (its trace carries the inputs) and returns plain data stored in
 * assistance_enrollment.basis.
 */

import { addMonths, monthOf } from '../rules/dates.ts';
import type { Decision, Payment, Programme, TraceEntry } from '../rules/decision.ts';

export type TopUpCategory = 'elderly' | 'disabled' | 'seriouslyIll' | 'child';
export type TopUpCounts = Record<TopUpCategory, number>;
export type CareTier = 'self-care' | 'partial' | 'total' | 'not-assessed';

/**
 * 临时救助 grants: one enrollment per grant whose basis lists its instalments (month → amount); payroll pays each
 * instalment once, in the run of its month or the first run after it (an emergency advance granted after its
 * month's run). The expenditure type is enrolled on approval, the emergency advance when it is granted.
 */
export const INSTALMENT_PROGRAMMES: readonly Programme[] = [
  'temporaryAssistanceExpenditure',
  'temporaryAssistanceEmergency',
];

/** Programmes that become enrollments on approval of an application (the emergency advance is granted apart). */
export const ENROLLED_PROGRAMMES: readonly Programme[] = [
  'extremePovertySupport',
  'minimumLivingAllowance',
  'singlePersonAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'temporaryAssistanceExpenditure',
];

/** Programmes that pay money every month (the others are recognitions without money). */
export const PAID_PROGRAMMES: readonly Programme[] = [
  'extremePovertySupport',
  'minimumLivingAllowance',
  'singlePersonAllowance',
];

/** Programmes with a monthly payroll run: the monthly ones and the 临时救助 instalments. */
export const PAYROLL_PROGRAMMES: readonly Programme[] = [...PAID_PROGRAMMES, ...INSTALMENT_PROGRAMMES];

export type EnrollmentBasis =
  | {
      kind: 'gap';
      /** Counted monthly income of the enrolled household (one person for 单人保), fen. */
      monthlyIncomeFen: number;
      members: number;
      /** 分类施保 top-ups: how many members in each category (each paid a share of the month's standard). */
      topUps: TopUpCounts;
      /** A member able to work has earned income (wages), which may change: re-check every 6 months [CQ]. */
      earnedIncome: boolean;
    }
  | { kind: 'tekun'; careTier: CareTier }
  /** 临时救助: the decided instalments, each paid once (never recomputed with a later standard). */
  | { kind: 'instalments'; payments: Payment[] }
  | { kind: 'none'; members: number };

function emptyTopUps(): TopUpCounts {
  return { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 };
}

function findEntry(trace: readonly TraceEntry[], rule: string): TraceEntry | undefined {
  return trace.find((entry) => entry.rule === rule);
}

function numberInput(entry: TraceEntry | undefined, key: string): number | null {
  const value = entry?.inputs[key];
  return typeof value === 'number' ? value : null;
}

function countTopUps(trace: readonly TraceEntry[]): TopUpCounts {
  const counts = emptyTopUps();
  for (const entry of trace) {
    if (entry.rule !== 'dibao.top-up') continue;
    const category = entry.inputs.category;
    if (typeof category === 'string' && category in counts) counts[category as TopUpCategory]++;
  }
  return counts;
}

/** Whether the decision counted wages (employment-cost deduction applied) for a member. */
function hasEarnedIncome(trace: readonly TraceEntry[]): boolean {
  return trace.some((entry) => entry.rule === 'income.employment-cost-deduction' && Number(entry.result) > 0);
}

/** The recompute basis of one granted decision. Throws when the trace lacks what the programme needs. */
export function basisFromDecision(decision: Decision): EnrollmentBasis {
  const trace = decision.trace;
  if (decision.programme === 'minimumLivingAllowance') {
    const income = findEntry(trace, 'dibao.income-below-standard');
    const gap = findEntry(trace, 'dibao.gap-benefit');
    const monthlyIncomeFen = numberInput(income, 'monthlyHouseholdFen');
    const members = numberInput(gap, 'members');
    if (monthlyIncomeFen === null || members === null) {
      throw new RangeError('the 低保 decision has no income/gap trace to recompute the amount from');
    }
    return { kind: 'gap', monthlyIncomeFen, members, topUps: countTopUps(trace), earnedIncome: hasEarnedIncome(trace) };
  }
  if (decision.programme === 'singlePersonAllowance') {
    const benefit = findEntry(trace, 'single-person.benefit');
    const own = numberInput(benefit, 'ownMonthlyIncomeFen');
    if (own === null) throw new RangeError('the 单人保 decision has no benefit trace to recompute the amount from');
    const conditions = findEntry(trace, 'single-person.conditions');
    const topUps = emptyTopUps();
    if ((numberInput(benefit, 'topUpFen') ?? 0) > 0) {
      // The rules give the highest category; the person qualifies for 单人保 by disability or major disease.
      const category: TopUpCategory = conditions?.inputs.majorDisease === true ? 'seriouslyIll' : 'disabled';
      topUps[category] = 1;
    }
    return { kind: 'gap', monthlyIncomeFen: own, members: 1, topUps, earnedIncome: hasEarnedIncome(trace) };
  }
  if (decision.programme === 'extremePovertySupport') {
    const tier = findEntry(trace, 'tekun.care-tier')?.result;
    const careTier =
      tier && typeof tier === 'object' && !Array.isArray(tier) && typeof (tier as { tier?: unknown }).tier === 'string'
        ? ((tier as { tier: string }).tier as CareTier)
        : 'not-assessed';
    return { kind: 'tekun', careTier };
  }
  if (INSTALMENT_PROGRAMMES.includes(decision.programme)) {
    const payments = (decision.payments ?? []).filter((p) => p.amountFen > 0);
    if (payments.length === 0) throw new RangeError('the 临时救助 decision has no payments to make');
    return { kind: 'instalments', payments: payments.map((p) => ({ month: p.month, amountFen: p.amountFen })) };
  }
  return { kind: 'none', members: decision.memberIds.length };
}

/** First and last month of a grant's instalments (the enrollment's start and end month). */
export function instalmentMonths(payments: readonly Payment[]): { startMonth: string; endMonth: string } {
  const months = payments.map((p) => p.month).sort();
  if (months.length === 0) throw new RangeError('a grant needs at least one instalment');
  return { startMonth: months[0], endMonth: months[months.length - 1] };
}

/** Re-check interval [CQ]: every 6 months when a member able to work has earned income, otherwise yearly. */
export function reviewIntervalMonths(programme: Programme, basis: EnrollmentBasis): number {
  if (basis.kind === 'instalments') return 0; // a one-off grant is not re-checked
  if (programme === 'rigidExpenditureHardship') return 12;
  return basis.kind === 'gap' && basis.earnedIncome ? 6 : 12;
}

/** The date n months after an ISO date, clamped to the month's last day (2025-08-31 + 6 → 2026-02-28). */
export function addMonthsToDate(isoDate: string, n: number): string {
  const month = addMonths(monthOf(isoDate), n);
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const day = Math.min(Number(isoDate.slice(8, 10)), lastDay);
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Payment starts the month after approval (DOMAIN §1.1 "payment from the next month"). */
export function startMonthAfter(approvedOn: string): string {
  return addMonths(monthOf(approvedOn), 1);
}
