/**
 * Calendar helpers for the rules: ISO dates (YYYY-MM-DD) and months (YYYY-MM), no time of day, no time zone.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

/** Throws unless the string is an ISO date. */
export function assertIsoDate(value: string, label: string): string {
  if (!ISO_DATE.test(value)) throw new RangeError(`${label} must be YYYY-MM-DD, got ${value}`);
  return value;
}

/** Throws unless the string is an ISO month. */
export function assertIsoMonth(value: string, label: string): string {
  if (!ISO_MONTH.test(value)) throw new RangeError(`${label} must be YYYY-MM, got ${value}`);
  return value;
}

/** The month (YYYY-MM) a date falls in. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** The first day of a month, used to resolve the parameters in force for that month. */
export function firstDayOf(month: string): string {
  return `${assertIsoMonth(month, 'month')}-01`;
}

/** Month arithmetic: addMonths('2025-11', 3) → '2026-02'. */
export function addMonths(month: string, n: number): string {
  assertIsoMonth(month, 'month');
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months a payment may be listed for on a date, newest first, as first days: next month's payroll (computed
 * ahead) and the `count` months before it. recentPaymentMonths('2025-11-20', 3) → 2025-12-01, 2025-11-01, 2025-10-01.
 */
export function recentPaymentMonths(today: string, count: number): string[] {
  const next = addMonths(monthOf(today), 1);
  return Array.from({ length: count }, (_, i) => `${addMonths(next, -i)}-01`);
}

/** The last day of a month. */
export function lastDayOf(month: string): string {
  const next = new Date(`${addMonths(month, 1)}-01T00:00:00Z`);
  next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/** Whole years from one date to another (age on a date; a 29 February birthday turns over on 1 March). */
export function wholeYearsBetween(fromIso: string, toIso: string): number {
  const years = Number(toIso.slice(0, 4)) - Number(fromIso.slice(0, 4));
  return toIso.slice(5) >= fromIso.slice(5) ? years : years - 1;
}

/** The day before a given anniversary, e.g. the last day someone is 17: dayBeforeAnniversary(birth, 18). */
export function dayBeforeAnniversary(isoDate: string, years: number): string {
  // Date.UTC rolls 29 February into 1 March in common years, matching wholeYearsBetween.
  const day = Date.UTC(Number(isoDate.slice(0, 4)) + years, Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8)));
  return new Date(day - 86_400_000).toISOString().slice(0, 10);
}

/** Last day of an n-month period from a date, inclusive: 2025-07-15 + 12 → 2026-07-14; 2025-01-31 + 1 → 2025-02-28. */
export function endOfMonthsFrom(isoDate: string, n: number): string {
  const month = addMonths(monthOf(isoDate), n);
  const last = lastDayOf(month);
  const day = Number(isoDate.slice(8));
  if (day > Number(last.slice(8))) return last;
  const end = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, day) - 86_400_000;
  return new Date(end).toISOString().slice(0, 10);
}
