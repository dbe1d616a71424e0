/**
 * Pure shaping for social assistance statistics (issue 3 capability 8): which region level a table groups by, the
 * month window, the working-day calendar the processing-time query joins, and turning grouped SQL rows into the
 * rows the API, the charts and the Excel exports show. No I/O here.
 */
import { findRegion } from '../../../core/region/region-tree.ts';
import { isWorkingDay } from '../../../core/workflow/working-days.ts';
import { addMonths } from '../rules/dates.ts';
import type { Programme } from '../rules/decision.ts';

/** Code lengths of the region levels: province, city, district, township 乡镇街道, village 村居. */
const LEVEL_LENGTHS = [2, 4, 6, 9, 12] as const;

/** Programme names for tables and exports (identifiers as in docs/GLOSSARY.md and rules/decision.ts). */
export const PROGRAMME_NAMES: Readonly<Record<Programme, { zh: string; en: string }>> = {
  extremePovertySupport: { zh: '特困供养', en: 'Extreme-poverty support' },
  minimumLivingAllowance: { zh: '最低生活保障', en: 'Minimum living allowance' },
  singlePersonAllowance: { zh: '单人保', en: 'Single-person allowance' },
  lowIncomeMarginal: { zh: '低保边缘', en: 'Low-income marginal' },
  rigidExpenditureHardship: { zh: '刚性支出困难', en: 'Rigid-expenditure hardship' },
  temporaryAssistanceEmergency: { zh: '临时救助(急难型)', en: 'Temporary assistance (emergency)' },
  temporaryAssistanceExpenditure: { zh: '临时救助(支出型)', en: 'Temporary assistance (expenditure)' },
  gradualExit: { zh: '渐退', en: 'Gradual exit' },
};

export const PROGRAMMES = Object.keys(PROGRAMME_NAMES) as Programme[];

/**
 * The code length a table groups by: one level below the region looked at (a district's townships, a
 * township's villages); a village groups by itself. '' (the whole installation) groups by province.
 */
export function childCodeLength(regionPrefix: string): number {
  const next = LEVEL_LENGTHS.find((n) => n > regionPrefix.length);
  return next ?? regionPrefix.length;
}

/** The months from `from` to `to` inclusive, both YYYY-MM; empty when `from` is after `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The default window: the 12 months ending with the month of `today`. */
export function defaultMonthWindow(today: string, months = 12): { from: string; to: string } {
  const to = today.slice(0, 7);
  return { from: addMonths(to, -(months - 1)), to };
}

function shiftIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Every calendar day from `fromIso` to `toIso` with its running count of working days (official calendar, 调休
 * included). Working days from a (exclusive) to b (inclusive) = ordinal(b) − ordinal(a), the same count as
 * workingDaysBetween, so SQL can compute each case's processing time with two equality joins.
 */
export function workingDayCalendar(fromIso: string, toIso: string): { dates: string[]; ordinals: number[] } {
  const dates: string[] = [];
  const ordinals: number[] = [];
  let count = 0;
  for (let day = fromIso; day <= toIso; day = shiftIso(day, 1)) {
    if (isWorkingDay(day)) count++;
    dates.push(day);
    ordinals.push(count);
  }
  return { dates, ordinals };
}

/**
 * A region's display name for tables and chart axes: villages without the 村民委员会/居民委员会 suffix (荆竹村,
 * 石梁子社区); codes the tree does not know (test data, retired codes) show as the code itself.
 */
export function regionName(code: string): string {
  if (code === '') return '全部';
  const name = findRegion(code)?.name;
  return name ? name.replace(/(村民委员会|居民委员会)$/, '') : code;
}

export interface MonthRow {
  month: string;
  households: number;
  recipients: number;
  amountFen: number;
  paidLines: number;
  newCount: number;
  exitedCount: number;
}

/** One row per month of the window, in order; months without any row are zeros. */
export function fillMonths(months: readonly string[], rows: readonly Partial<MonthRow>[]): MonthRow[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = byMonth.get(month) ?? {};
    return {
      month,
      households: r.households ?? 0,
      recipients: r.recipients ?? 0,
      amountFen: r.amountFen ?? 0,
      paidLines: r.paidLines ?? 0,
      newCount: r.newCount ?? 0,
      exitedCount: r.exitedCount ?? 0,
    };
  });
}

/** Enrollment-side and payroll-side aggregates of one group (a region prefix or a programme). */
export interface GroupFigures {
  key: string;
  households: number;
  recipients: number;
  newCount: number;
  exitedCount: number;
  amountFen: number;
}

export interface RegionRow extends GroupFigures {
  regionCode: string;
  regionName: string;
}

export interface ProgrammeRow extends GroupFigures {
  programme: string;
  programmeName: string;
  programmeNameEn: string;
}

/** Merges the two sides by key (a group may have enrollments and no payments yet, or the reverse). */
export function mergeGroups(
  enrollment: readonly Omit<GroupFigures, 'amountFen'>[],
  payroll: readonly { key: string; amountFen: number }[],
): GroupFigures[] {
  const groups = new Map<string, GroupFigures>();
  for (const e of enrollment) groups.set(e.key, { ...e, amountFen: 0 });
  for (const p of payroll) {
    const g = groups.get(p.key) ?? {
      key: p.key,
      households: 0,
      recipients: 0,
      newCount: 0,
      exitedCount: 0,
      amountFen: 0,
    };
    g.amountFen += p.amountFen;
    groups.set(p.key, g);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function toRegionRows(groups: readonly GroupFigures[]): RegionRow[] {
  return groups.map((g) => ({ ...g, regionCode: g.key, regionName: regionName(g.key) }));
}

export function toProgrammeRows(groups: readonly GroupFigures[]): ProgrammeRow[] {
  const order = (p: string) => {
    const i = PROGRAMMES.indexOf(p as Programme);
    return i === -1 ? PROGRAMMES.length : i;
  };
  return [...groups]
    .sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key))
    .map((g) => {
      const name = PROGRAMME_NAMES[g.key as Programme];
      return { ...g, programme: g.key, programmeName: name?.zh ?? g.key, programmeNameEn: name?.en ?? g.key };
    });
}

export interface ProcessingRow {
  regionCode: string;
  regionName: string;
  /** Applications closed in the window, their average / longest time from receipt to closure in working days. */
  closed: number;
  avgWorkingDays: number | null;
  maxWorkingDays: number | null;
  /** Of those, closed later than the 30-working-day procedure (plus any extension). */
  closedLate: number;
  /** Open applications now, and those past their (step or whole-procedure) due date. */
  open: number;
  overdue: number;
}

/** Joins closed-case timing and open-case counts per region; the average is rounded to one decimal. */
export function toProcessingRows(
  closed: readonly {
    key: string;
    closed: number;
    totalWorkingDays: number;
    maxWorkingDays: number;
    closedLate: number;
  }[],
  open: readonly { key: string; open: number; overdue: number }[],
): ProcessingRow[] {
  const rows = new Map<string, ProcessingRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = {
        regionCode: key,
        regionName: regionName(key),
        closed: 0,
        avgWorkingDays: null,
        maxWorkingDays: null,
        closedLate: 0,
        open: 0,
        overdue: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const c of closed) {
    const r = row(c.key);
    r.closed = c.closed;
    r.avgWorkingDays = c.closed > 0 ? Math.round((c.totalWorkingDays / c.closed) * 10) / 10 : null;
    r.maxWorkingDays = c.closed > 0 ? c.maxWorkingDays : null;
    r.closedLate = c.closedLate;
  }
  for (const o of open) {
    const r = row(o.key);
    r.open = o.open;
    r.overdue = o.overdue;
  }
  return [...rows.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
}

/** Sum of the numeric figures of region rows (the table's total line). */
export function totalOf<T extends GroupFigures>(rows: readonly T[]): Omit<GroupFigures, 'key'> {
  return rows.reduce(
    (t, r) => ({
      households: t.households + r.households,
      recipients: t.recipients + r.recipients,
      newCount: t.newCount + r.newCount,
      exitedCount: t.exitedCount + r.exitedCount,
      amountFen: t.amountFen + r.amountFen,
    }),
    { households: 0, recipients: 0, newCount: 0, exitedCount: 0, amountFen: 0 },
  );
}

/** Fen as yuan with two decimals, for Excel cells (money stays integer fen everywhere else). */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}
