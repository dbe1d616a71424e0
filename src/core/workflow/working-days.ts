import chineseDays from 'chinese-days';
import { isWeekend, officialCalendarCovers, shiftIso, statutoryRestDays } from './statutory-holidays.ts';

const { isWorkday } = chineseDays;

/**
 * Working days on the official State Council calendar (holidays and make-up working days 调休), via chinese-days.
 * Dates are ISO strings (YYYY-MM-DD) in China time; no time-of-day is involved.
 */

/**
 * On the official calendar where the package has the year; for a year it does not have yet, weekdays that are not
 * statutory rest days (statutory-holidays.ts) — the make-up working days of that year are unknown until announced.
 */
export function isWorkingDay(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  let covered = coveredYears.get(year);
  if (covered === undefined) {
    covered = officialCalendarCovers(year);
    coveredYears.set(year, covered);
  }
  if (covered) return isWorkday(iso);
  let rest = statutoryByYear.get(year);
  if (!rest) {
    rest = new Set(statutoryRestDays(year).map((d) => d.date));
    statutoryByYear.set(year, rest);
  }
  return !isWeekend(iso) && !rest.has(iso);
}

const coveredYears = new Map<number, boolean>();
const statutoryByYear = new Map<number, Set<string>>();

/**
 * "Within N working days" of receipt: counting starts the day after receipt; the result is the Nth working day.
 * e.g. received 2025-09-30, 5 working days → 2025-10-14.
 */
export function addWorkingDays(receivedIso: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('working days must be a non-negative integer');
  // the calendar is fixed for the process, so a due date once counted is reused (every intake asks the same few)
  const key = `${receivedIso}+${n}`;
  const known = dueDates.get(key);
  if (known) return known;
  const due = countWorkingDays(receivedIso, n);
  if (dueDates.size >= 10_000) dueDates.clear();
  dueDates.set(key, due);
  return due;
}

const dueDates = new Map<string, string>();

function countWorkingDays(receivedIso: string, n: number): string {
  let day = receivedIso;
  let counted = 0;
  while (counted < n) {
    day = shiftIso(day, 1);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

/**
 * A period of N calendar days counted from the next day; when it ends on a rest day it rolls to the next
 * working day (e.g. 公示 7 days, divorce cooling-off 30 days).
 */
export function addCalendarDaysRolling(startIso: string, n: number): string {
  let day = shiftIso(startIso, n);
  while (!isWorkingDay(day)) day = shiftIso(day, 1);
  return day;
}

/** Working days from a (exclusive) to b (inclusive); negative when b is before a. */
export function workingDaysBetween(aIso: string, bIso: string): number {
  if (aIso === bIso) return 0;
  const sign = aIso < bIso ? 1 : -1;
  let [from, to] = sign > 0 ? [aIso, bIso] : [bIso, aIso];
  let count = 0;
  while (from < to) {
    from = shiftIso(from, 1);
    if (isWorkingDay(from)) count++;
  }
  return sign * count;
}

/** Today's date in China (UTC+8) as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
