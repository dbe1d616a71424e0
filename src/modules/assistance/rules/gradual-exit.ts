/**
 * Exit and 渐退 of 低保 (DOMAIN §1.1): when a re-check finds per-capita income at or above the standard but below
 * 1.5×, the current benefit continues for 6 months and then stops; at or above 1.5×, or on death, moving away or
 * fraud, the benefit stops from the next month; fraud also means recovering the money obtained, with a fine of
 * 1-3× (§68).
 *
 * Reading: the 渐退 months are the 6 calendar months after the month the change is established (month M is paid as
 * before, M+1..M+6 are 渐退 months, M+7 is not paid), at the amount paid before the change.
 */

import { addMonths, lastDayOf, monthOf } from './dates.ts';
import { type Decision, multipleText, type Payment, reason, type TraceEntry, traceEntry, yuan } from './decision.ts';
import { gapBenefitFen } from './dibao.ts';
import { type IncomeAssessment, incomeBelow } from './income.ts';
import { type Area, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export type ExitEvent = 'income-change' | 'death' | 'moved-away' | 'fraud';

export interface ExitInput {
  event: ExitEvent;
  memberIds: readonly string[];
  /** The date the change is established. */
  decisionDate: string;
  currentMonthlyBenefitFen: number;
  /** Re-assessed income; required for 'income-change'. */
  income?: IncomeAssessment;
  area: Area;
  /** Amount obtained by fraud, for recovery and the fine range. */
  obtainedByFraudFen?: number;
  /** Parameters in force on the decision date. */
  parameters: ResolvedParameters;
}

/** Whether a decision pays anything in a month (YYYY-MM). */
export function isPaidInMonth(decision: Decision, month: string): boolean {
  return (decision.payments ?? []).some((payment) => payment.month === month && payment.amountFen > 0);
}

function stop(input: ExitInput, trace: TraceEntry[], code: string, zh: string, en: string): Decision {
  const month = monthOf(input.decisionDate);
  return {
    programme: 'gradualExit',
    outcome: 'stop',
    amountFen: 0,
    memberIds: [...input.memberIds],
    reasons: [
      reason(code, `${zh}，自${addMonths(month, 1)}起停发`, `${en}; payment stops from ${addMonths(month, 1)}`),
    ],
    trace,
    validUntil: lastDayOf(month),
    payments: [],
  };
}

/** Decides what happens to a 低保 household's benefit after a change. */
export function decideExit(input: ExitInput): Decision {
  const { parameters } = input;
  const values = parameters.values;
  const version = parameters.versionId;
  const trace: TraceEntry[] = [
    traceEntry('exit.event', { event: input.event, decisionDate: input.decisionDate }, input.event, null),
  ];
  if (input.event === 'death') return stop(input, trace, 'exit.death', '保障对象死亡', 'the recipient died');
  if (input.event === 'moved-away') return stop(input, trace, 'exit.moved-away', '迁出本地', 'moved away');
  if (input.event === 'fraud') {
    const obtained = input.obtainedByFraudFen ?? 0;
    const { min, max } = values.fraudFineMultiple;
    trace.push(
      traceEntry(
        'exit.fraud-recovery',
        { obtainedByFraudFen: obtained, fraudFineMultiple: values.fraudFineMultiple },
        {
          recoverFen: obtained,
          fineMinFen: obtained * min,
          fineMaxFen: obtained * max,
        },
        version,
      ),
    );
    const decision = stop(
      input,
      trace,
      'exit.fraud',
      '以虚报、隐瞒、伪造等手段骗取救助',
      'assistance obtained by fraud',
    );
    decision.reasons.push(
      reason(
        'exit.fraud-recovery',
        `追回骗取的救助金${yuan(obtained)}元，并处${min}倍以上${max}倍以下罚款（${yuan(obtained * min)}至${yuan(obtained * max)}元）`,
        `recover ${yuan(obtained)} yuan and fine ${min}-${max} × that amount ` +
          `(${yuan(obtained * min)} to ${yuan(obtained * max)} yuan)`,
      ),
    );
    return decision;
  }

  const income = input.income;
  if (!income) throw new RangeError('an income change needs the re-assessed income');
  const standard = standardFor(parameters, input.area);
  const upperBp = values.gradualExitUpperRatioBp;
  const belowStandard = incomeBelow(income, standard, 10_000);
  const belowUpper = incomeBelow(income, standard, upperBp);
  trace.push(
    ...income.trace,
    traceEntry(
      'exit.income-band',
      { perCapitaFen: income.perCapitaFen, standardFen: standard, gradualExitUpperRatioBp: upperBp },
      { belowStandard, belowUpper },
      version,
    ),
  );
  if (belowStandard) {
    const amount = gapBenefitFen(standard, income);
    return {
      programme: 'gradualExit',
      outcome: 'continue',
      amountFen: amount,
      memberIds: [...input.memberIds],
      reasons: [
        reason(
          'exit.still-eligible',
          `人均收入${yuan(income.perCapitaFen)}元仍低于低保标准${yuan(standard)}元，继续保障，月补差调整为${yuan(amount)}元`,
          `per-capita income of ${yuan(income.perCapitaFen)} yuan is still below the standard; ` +
            `benefit becomes ${yuan(amount)} yuan`,
        ),
      ],
      trace,
    };
  }
  if (!belowUpper) {
    return stop(
      input,
      trace,
      'exit.income-above-upper',
      `人均收入${yuan(income.perCapitaFen)}元，达到低保标准的${multipleText(upperBp)}倍以上`,
      `per-capita income of ${yuan(income.perCapitaFen)} yuan is at least ${multipleText(upperBp)} × the standard`,
    );
  }
  const month = monthOf(input.decisionDate);
  const payments: Payment[] = [];
  for (let i = 1; i <= values.gradualExitMonths; i++) {
    payments.push({ month: addMonths(month, i), amountFen: input.currentMonthlyBenefitFen });
  }
  const last = addMonths(month, values.gradualExitMonths);
  trace.push(
    traceEntry(
      'exit.gradual-months',
      { gradualExitMonths: values.gradualExitMonths, currentMonthlyBenefitFen: input.currentMonthlyBenefitFen },
      { firstMonth: addMonths(month, 1), lastMonth: last },
      version,
    ),
  );
  return {
    programme: 'gradualExit',
    outcome: 'gradual-exit',
    amountFen: input.currentMonthlyBenefitFen,
    memberIds: [...input.memberIds],
    reasons: [
      reason(
        'exit.gradual',
        `人均收入${yuan(income.perCapitaFen)}元，不低于低保标准${yuan(standard)}元但低于其${multipleText(upperBp)}倍，` +
          `渐退${values.gradualExitMonths}个月，继续按月发放${yuan(input.currentMonthlyBenefitFen)}元至${last}`,
        `per-capita income of ${yuan(income.perCapitaFen)} yuan is between 1× and ` +
          `${multipleText(upperBp)} × the standard: ${yuan(input.currentMonthlyBenefitFen)} yuan ` +
          `continues for ${values.gradualExitMonths} months, until ${last}`,
      ),
    ],
    trace,
    validUntil: lastDayOf(last),
    payments,
  };
}
