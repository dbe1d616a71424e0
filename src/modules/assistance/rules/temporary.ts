/**
 * 临时救助 temporary assistance (DOMAIN §1.4 [N §47-49]).
 * - Emergency type (急难型): a small amount paid first (≤ 2,000 yuan [CQ]) with the papers completed afterwards,
 *   decided where the emergency happened whatever the household registration.
 * - Expenditure type (支出型): normal procedure; the amount is the uncovered need capped by a band (a multiple of the
 *   低保 standard chosen by the size of the need), less any emergency advance already paid for the same event;
 *   one approval paid in at most 6 monthly instalments.
 */

import { addMonths, monthOf } from './dates.ts';
import {
  applyBasisPoints,
  assertFen,
  type Decision,
  multipleText,
  type Payment,
  reason,
  traceEntry,
  yuan,
} from './decision.ts';
import { type Area, type ExpenditureBand, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export interface EmergencyInput {
  memberIds: readonly string[];
  /** Region code of the place where the emergency happened; it decides, not the household registration. */
  placeRegionCode: string;
  occurredOn: string;
  needFen: number;
  /** Parameters resolved for the place and date of the emergency. */
  parameters: ResolvedParameters;
}

export interface ExpenditureInput {
  memberIds: readonly string[];
  area: Area;
  /** Essential spending not covered by insurance or other assistance. */
  uncoveredNeedFen: number;
  /** Emergency advance already paid for the same event; it counts against the total. */
  emergencyPaidFen?: number;
  /** Instalments requested when hardship lasts; at most temporaryMaxStagedMonths. */
  stagedMonths?: number;
  /** First payment month (YYYY-MM). */
  startMonth: string;
  parameters: ResolvedParameters;
}

/** Splits a total into n monthly instalments that sum exactly; the remainder fen go to the first one. */
export function splitInstalments(totalFen: number, months: number, startMonth: string): Payment[] {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('instalments must be a positive integer');
  const base = Math.floor(totalFen / months);
  const remainder = totalFen - base * months;
  return Array.from({ length: months }, (_, i) => ({
    month: addMonths(startMonth, i),
    amountFen: base + (i === 0 ? remainder : 0),
  }));
}

/** The band that covers a need: the first whose upper bound is at least the need. */
export function bandFor(needFen: number, bands: readonly ExpenditureBand[]): ExpenditureBand {
  const band = bands.find((b) => b.needUpToFen === null || needFen <= b.needUpToFen) ?? bands[bands.length - 1];
  if (!band) throw new RangeError('no temporary assistance expenditure bands configured');
  return band;
}

/** Decides an emergency-type advance payment. */
export function decideEmergency(input: EmergencyInput): Decision {
  const need = assertFen(input.needFen, 'emergency need');
  const cap = input.parameters.values.temporaryEmergencyCapFen;
  const amount = Math.max(0, Math.min(need, cap));
  const trace = [
    traceEntry(
      'temporary.emergency-advance',
      {
        needFen: need,
        temporaryEmergencyCapFen: cap,
        placeRegionCode: input.placeRegionCode,
        occurredOn: input.occurredOn,
        householdRegistrationConsidered: false,
      },
      amount,
      input.parameters.versionId,
    ),
  ];
  if (amount === 0) {
    return {
      programme: 'temporaryAssistanceEmergency',
      outcome: 'ineligible',
      memberIds: [...input.memberIds],
      reasons: [reason('temporary.emergency-no-need', '无需要先行救助的急难情形', 'no emergency need to meet')],
      trace,
    };
  }
  return {
    programme: 'temporaryAssistanceEmergency',
    outcome: 'eligible',
    amountFen: amount,
    memberIds: [...input.memberIds],
    reasons: [
      reason(
        'temporary.emergency-advance',
        `急难型临时救助先行救助${yuan(amount)}元（上限${yuan(cap)}元），由急难发生地实施，事后补齐材料`,
        `emergency advance of ${yuan(amount)} yuan (cap ${yuan(cap)} yuan), paid where it happened; papers afterwards`,
      ),
    ],
    trace,
    payments: [{ month: monthOf(input.occurredOn), amountFen: amount }],
  };
}

/** Decides expenditure-type temporary assistance and its staged payments. */
export function decideExpenditure(input: ExpenditureInput): Decision {
  const values = input.parameters.values;
  const version = input.parameters.versionId;
  const need = assertFen(input.uncoveredNeedFen, 'uncovered need');
  const paid = assertFen(input.emergencyPaidFen ?? 0, 'emergency paid');
  const standard = standardFor(input.parameters, input.area);
  const band = bandFor(need, values.temporaryExpenditureBands);
  const bandCap = applyBasisPoints(standard, band.maxMultipleBp);
  const amount = Math.max(0, Math.min(need, bandCap) - paid);
  const requested = input.stagedMonths ?? 1;
  const months = Math.max(1, Math.min(requested, values.temporaryMaxStagedMonths));
  const trace = [
    traceEntry(
      'temporary.expenditure-band',
      {
        uncoveredNeedFen: need,
        standardFen: standard,
        bandNeedUpToFen: band.needUpToFen,
        bandMaxMultipleBp: band.maxMultipleBp,
        emergencyPaidFen: paid,
      },
      { bandCapFen: bandCap, amountFen: amount },
      version,
    ),
    traceEntry(
      'temporary.staged-payments',
      { requestedMonths: requested, temporaryMaxStagedMonths: values.temporaryMaxStagedMonths },
      months,
      version,
    ),
  ];
  if (amount === 0) {
    return {
      programme: 'temporaryAssistanceExpenditure',
      outcome: 'ineligible',
      memberIds: [...input.memberIds],
      reasons: [
        reason(
          'temporary.expenditure-covered',
          '无未被保险或其他救助覆盖的必需支出，或已由先行救助覆盖',
          'no uncovered essential spending left, or already covered by the emergency advance',
        ),
      ],
      trace,
    };
  }
  const payments = splitInstalments(amount, months, input.startMonth);
  return {
    programme: 'temporaryAssistanceExpenditure',
    outcome: 'eligible',
    amountFen: amount,
    memberIds: [...input.memberIds],
    reasons: [
      reason(
        'temporary.expenditure',
        `支出型临时救助${yuan(amount)}元：未覆盖支出${yuan(need)}元，按低保标准${yuan(standard)}元的` +
          `${multipleText(band.maxMultipleBp)}倍封顶（${yuan(bandCap)}元）${paid > 0 ? `，扣除已先行救助${yuan(paid)}元` : ''}` +
          `，分${months}个月发放`,
        `expenditure-type assistance of ${yuan(amount)} yuan: uncovered need ${yuan(need)} yuan capped at ` +
          `${multipleText(band.maxMultipleBp)} × the standard of ${yuan(standard)} yuan (${yuan(bandCap)} yuan)` +
          `${paid > 0 ? `, less the advance of ${yuan(paid)} yuan` : ''}, paid over ${months} month(s)`,
      ),
    ],
    trace,
    payments,
  };
}
