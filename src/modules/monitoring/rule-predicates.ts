/**
 * The monitoring rules as pure predicates over concrete records (DOMAIN §1.6). The set-based SQL in
 * rule-evaluation.repository.ts evaluates the same conditions over a whole batch; these functions state them
 * once, with numbers, for the unit tests and for anyone reading why a warning was raised.
 */
import type { RuleCode, RuleParams } from './monitoring-rules.ts';

/** A department record about one person (exchange_record without the blind index). */
export interface ExchangeFact {
  categoryCode: string;
  recordKey: string;
  occurredOn: string | null;
  amountFen: number | null;
  payload: Record<string, unknown>;
}

/** A monitored person as the registry knows them. */
export interface MonitoredSubject {
  personId: string;
  householdId: string | null;
  regionCode: string;
  birthDate: string;
  disabilityLevel: number | null;
  deceasedOn: string | null;
}

/** Level from a disability certificate record ('1'..'4' or a number); null when absent or not a level. */
export function certificateLevel(payload: Record<string, unknown>): number | null {
  const raw = payload.disability_level;
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return /^[0-9]+$/.test(text) ? Number(text) : null;
}

/** Self-paid part of a medical record: a hospitalisation's self_paid, else the record's amount (outpatient). */
export function selfPaidFen(record: ExchangeFact): number {
  const selfPaid = record.payload.self_paid_fen;
  return typeof selfPaid === 'number' ? selfPaid : (record.amountFen ?? 0);
}

/** A purchase or registration still in force (not a sale, not a cancelled title or plate). */
export function isAcquisition(payload: Record<string, unknown>): boolean {
  return payload.direction !== 'sale' && payload.status !== 'cancelled';
}

/** Whether one record about a monitored person raises the record rule. */
export function recordRuleMatches(
  code: RuleCode,
  params: Required<RuleParams>,
  record: ExchangeFact,
  subject: MonitoredSubject,
): boolean {
  if (!params.categories.includes(record.categoryCode)) return false;
  switch (code) {
    case 'death':
      return true;
    case 'large_medical_cost':
      return selfPaidFen(record) >= params.thresholdFen;
    case 'new_severe_disability': {
      const level = certificateLevel(record.payload);
      if (level === null || level < 1 || level > params.maxLevel) return false;
      // New: the registry did not already know a disability this severe.
      return subject.disabilityLevel === null || subject.disabilityLevel > params.maxLevel;
    }
    case 'unemployment':
    case 'imprisonment':
      return true;
    case 'property_purchase':
    case 'vehicle_purchase':
      return isAcquisition(record.payload);
    default:
      return false;
  }
}

/**
 * The de-duplication key: rule + person + the triggering fact. A death is one fact whichever department reports
 * it; a new disability is its level; other record rules are the department's record.
 */
export function recordDedupKey(code: RuleCode, subject: MonitoredSubject, record: ExchangeFact): string {
  if (code === 'death') return `death:${subject.personId}`;
  if (code === 'new_severe_disability') {
    return `new_severe_disability:${subject.personId}:${certificateLevel(record.payload)}`;
  }
  return `${code}:${subject.personId}:${record.categoryCode}:${record.recordKey}`;
}

/** Per-capita monthly income from a household's income records over `months`, floored to the fen. */
export function perCapitaMonthlyIncomeFen(
  incomeRecordsFen: readonly number[],
  months: number,
  members: number,
): number {
  if (members <= 0 || months <= 0) return 0;
  const total = incomeRecordsFen.reduce((sum, fen) => sum + fen, 0);
  return Math.floor(total / months / members);
}

/** Income above the standard: per-capita income strictly above ratioBp/10000 × the 低保 standard. */
export function isIncomeAboveStandard(perCapitaFen: number, standardFen: number, ratioBp: number): boolean {
  return perCapitaFen * 10_000 > standardFen * ratioBp;
}

/** Several disabled people in one household: at least minCount current members with a disability level. */
export function countsAsSeveralDisabled(memberDisabilityLevels: readonly (number | null)[], minCount: number): boolean {
  return memberDisabilityLevels.filter((level) => level !== null).length >= minCount;
}

/** Whole years of age on `today` (ISO dates). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Elderly living alone with a disability: alive, age ≥ minAge, disabled, the only current household member. */
export function isElderlyAloneDisabled(
  subject: MonitoredSubject,
  householdSize: number,
  today: string,
  minAge: number,
): boolean {
  return (
    subject.deceasedOn === null &&
    subject.disabilityLevel !== null &&
    householdSize === 1 &&
    ageOn(subject.birthDate, today) >= minAge
  );
}

/**
 * Outreach for a household not enrolled: per-capita income below the standard and per-capita deposits within
 * assetMultiple × the standard (the 低保 asset test), with at least one income record to judge from.
 */
export function isLikelyEligibleNotEnrolled(input: {
  perCapitaIncomeFen: number;
  depositsFen: number;
  members: number;
  standardFen: number;
  assetMultiple: number;
}): boolean {
  if (input.members <= 0) return false;
  return (
    input.perCapitaIncomeFen < input.standardFen &&
    input.depositsFen <= input.assetMultiple * input.standardFen * input.members
  );
}

/** Re-check for an enrolled household: deposits above assetMultiple × standard × members. */
export function hasDepositsAboveAssetLimit(
  depositsFen: number,
  members: number,
  standardFen: number,
  assetMultiple: number,
): boolean {
  return members > 0 && depositsFen > assetMultiple * standardFen * members;
}

/** An orphan: under adultAge and no living adult in the current household. */
export function isOrphan(childAge: number, adultAge: number, livingAdultsInHousehold: number): boolean {
  return childAge < adultAge && livingAdultsInHousehold === 0;
}
