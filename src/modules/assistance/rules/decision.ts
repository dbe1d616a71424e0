/**
 * Decision and explanation-trace shapes shared by every assistance rule, plus the integer-fen arithmetic they use.
 * A decision carries its reasons in Chinese and English and one trace entry per rule applied, each citing the
 * parameter version it read, so a notice can be printed and an old decision re-explained years later.
 */

/** Programme identifiers (docs/GLOSSARY.md: 低保 minimumLivingAllowance, 特困 extremePovertySupport). */
export type Programme =
  | 'extremePovertySupport'
  | 'minimumLivingAllowance'
  | 'singlePersonAllowance'
  | 'lowIncomeMarginal'
  | 'rigidExpenditureHardship'
  | 'temporaryAssistanceEmergency'
  | 'temporaryAssistanceExpenditure'
  | 'gradualExit';

export type Outcome = 'eligible' | 'ineligible' | 'continue' | 'gradual-exit' | 'stop';

export interface Reason {
  code: string;
  zh: string;
  en: string;
}

export type TraceValue =
  | string
  | number
  | boolean
  | null
  | readonly TraceValue[]
  | { readonly [key: string]: TraceValue };

export interface TraceEntry {
  rule: string;
  inputs: { readonly [key: string]: TraceValue };
  result: TraceValue;
  /** The policy parameter version the rule read; null for rules that read no parameter. */
  parameterVersionId: string | null;
}

export interface Payment {
  /** YYYY-MM */
  month: string;
  amountFen: number;
}

export interface Decision {
  programme: Programme;
  outcome: Outcome;
  /** Monthly amount for standing benefits; the one-off total for temporary assistance. */
  amountFen?: number;
  /** Members the decision is about (the whole counted household, or one person). */
  memberIds: readonly string[];
  reasons: Reason[];
  trace: TraceEntry[];
  validFrom?: string;
  validUntil?: string;
  payments?: Payment[];
}

/** Builds a reason with both languages. */
export function reason(code: string, zh: string, en: string): Reason {
  return { code, zh, en };
}

/** Builds one trace entry. */
export function traceEntry(
  rule: string,
  inputs: { readonly [key: string]: TraceValue },
  result: TraceValue,
  parameterVersionId: string | null,
): TraceEntry {
  return { rule, inputs, result, parameterVersionId };
}

/** Throws unless the value is a safe integer (money is integer fen throughout). */
export function assertFen(value: number, label: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${label} must be an integer number of fen, got ${value}`);
  return value;
}

/** Integer division rounded half away from zero — the only rounding the rules use, and only where stated. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`cannot divide ${numerator} by ${denominator}`);
  }
  const sign = numerator < 0 ? -1 : 1;
  const magnitude = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return sign * magnitude || 0;
}

/** A share of an amount in basis points (10000 = 100%), rounded half up to the fen. */
export function applyBasisPoints(amountFen: number, basisPoints: number): number {
  return divideRoundHalfUp(amountFen * basisPoints, 10_000);
}

/** Fen as yuan with two decimals, e.g. 104100 → '1041.00', for reasons printed on notices. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a multiple for people, e.g. 15000 → '1.5'. */
export function multipleText(basisPoints: number): string {
  return String(basisPoints / 10_000);
}
