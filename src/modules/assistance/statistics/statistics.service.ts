import { PassThrough } from 'node:stream';
import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, coversBusinessLine, isInScope } from '../../../core/auth/actor.ts';
import { exportXlsx } from '../../../core/excel/excel-export.ts';
import { AppError, invalidField, notFound } from '../../../core/shared/errors.ts';
import { workingDaysBetween } from '../../../core/workflow/working-days.ts';
import type { Database } from '../../../db/database.ts';
import { addMonths, lastDayOf } from '../rules/dates.ts';
import {
  APPLICATION_WORKFLOW,
  closedApplicationTimes,
  earliestReceiptOfClosed,
  enrollmentGroups,
  monthlyFigures,
  openApplicationCounts,
  overdueApplications,
  payrollGroups,
  type StatisticsFilter,
} from './statistics.repository.ts';
import { MAX_MONTHS, type StatisticsExportQuery, type StatisticsQuery } from './statistics.schema.ts';
import { exportColumns, exportRows, type StatisticsOverview } from './statistics-export.ts';
import {
  childCodeLength,
  defaultMonthWindow,
  fillMonths,
  mergeGroups,
  monthsBetween,
  regionName,
  toProcessingRows,
  toProgrammeRows,
  toRegionRows,
  totalOf,
  workingDayCalendar,
} from './statistics-shaping.ts';

const LINE = 'assistance';
/** Overdue applications listed on the page (the count is exact; the list is the most overdue first). */
const OVERDUE_LIST_LIMIT = 100;
const OVERDUE_EXPORT_LIMIT = 10_000;

export interface StatisticsDeps {
  db: Database;
  today: () => string;
  /** Names of a workflow state for display ('assistance.application', 'verifying' → 调查核实 / Verification). */
  stateName: (workflow: string, state: string) => { zh: string; en: string };
}

interface Window {
  filter: StatisticsFilter;
  months: string[];
  from: string;
  to: string;
  lastDay: string;
  groupLength: number;
}

/** 社会救助统计: recipients, households and money by region, programme and month; processing times; overdue. */
export class AssistanceStatisticsService {
  private readonly deps: StatisticsDeps;

  constructor(deps: StatisticsDeps) {
    this.deps = deps;
  }

  /** Every table of the statistics page for one filter set, within the caller's jurisdiction. */
  async overview(actor: Actor, q: StatisticsQuery): Promise<StatisticsOverview> {
    const w = this.window(actor, q);
    const db = this.deps.db;
    const [months, regionEnrollment, regionPayroll, programmeEnrollment, programmePayroll, processing, overdue] =
      await Promise.all([
        monthlyFigures(db, w.filter),
        enrollmentGroups(db, w.filter, { regionLength: w.groupLength }),
        payrollGroups(db, w.filter, { regionLength: w.groupLength }),
        enrollmentGroups(db, w.filter, 'programme'),
        payrollGroups(db, w.filter, 'programme'),
        this.processing(w),
        this.overdue(w, OVERDUE_LIST_LIMIT),
      ]);
    const regions = toRegionRows(mergeGroups(regionEnrollment, regionPayroll));
    const programmes = toProgrammeRows(mergeGroups(programmeEnrollment, programmePayroll));
    return {
      region: { code: w.filter.prefix, name: regionName(w.filter.prefix) },
      programme: w.filter.programme ?? null,
      from: w.from,
      to: w.to,
      groupLength: w.groupLength,
      months: fillMonths(w.months, months),
      regions,
      regionTotal: totalOf(regions),
      programmes,
      processing,
      overdue: {
        total: processing.reduce((n, r) => n + r.overdue, 0),
        items: overdue,
      },
    };
  }

  /** The workbench card: this month's households, recipients and money; open and overdue applications. */
  async summary(actor: Actor) {
    const w = this.window(actor, {});
    const month = w.to;
    const filter = { ...w.filter, fromMonth: `${month}-01` };
    const [figures, open] = await Promise.all([
      monthlyFigures(this.deps.db, filter),
      openApplicationCounts(this.deps.db, filter, this.deps.today(), 0),
    ]);
    const m = fillMonths([month], figures)[0];
    return {
      month,
      region: { code: w.filter.prefix, name: regionName(w.filter.prefix) },
      households: m.households,
      recipients: m.recipients,
      amountFen: m.amountFen,
      newCount: m.newCount,
      openApplications: open.reduce((n, r) => n + r.open, 0),
      overdueApplications: open.reduce((n, r) => n + r.overdue, 0),
    };
  }

  /** One table as .xlsx (money in yuan), audited with the filters and the row count. */
  async exportTable(actor: Actor, q: StatisticsExportQuery): Promise<{ fileName: string; data: Buffer }> {
    const { table, ...filters } = q;
    const overview =
      table === 'overdue' ? await this.overviewOfOverdue(actor, filters) : await this.overview(actor, filters);
    const rows = exportRows(table, overview);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    const { sheetName, columns } = exportColumns(table);
    await exportXlsx(sheetName, columns, iterate(rows), out);
    out.end();
    await done;
    await this.deps.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'assistance.statistics.export',
        entityType: 'assistance_statistics',
        entityId: table,
        regionCode: overview.region.code,
        detail: {
          table,
          region: overview.region.code,
          programme: overview.programme,
          from: overview.from,
          to: overview.to,
          rows: rows.length,
        },
      }),
    );
    return {
      fileName: `${sheetName}-${overview.region.code || 'all'}-${overview.from}-${overview.to}.xlsx`,
      data: Buffer.concat(chunks),
    };
  }

  private async overviewOfOverdue(actor: Actor, q: StatisticsQuery): Promise<StatisticsOverview> {
    const w = this.window(actor, q);
    return {
      region: { code: w.filter.prefix, name: regionName(w.filter.prefix) },
      programme: w.filter.programme ?? null,
      from: w.from,
      to: w.to,
      groupLength: w.groupLength,
      months: [],
      regions: [],
      regionTotal: totalOf([]),
      programmes: [],
      processing: [],
      overdue: { total: 0, items: await this.overdue(w, OVERDUE_EXPORT_LIMIT) },
    };
  }

  private window(actor: Actor, q: StatisticsQuery): Window {
    if (!coversBusinessLine(actor, LINE)) {
      throw new AppError('auth.forbidden', '您的角色不办理社会救助业务', 'your role does not cover social assistance');
    }
    const prefix = q.region ?? actor.regionScope;
    if (q.region !== undefined && !isInScope(actor, q.region)) throw notFound('region', '区划');
    // Default: the 12 months up to this month; a lone `from` runs to this month, a lone `to` covers 12 months.
    const current = defaultMonthWindow(this.deps.today()).to;
    const to = q.to ?? (q.from && q.from > current ? q.from : current);
    const from = q.from ?? addMonths(to, -11);
    const months = monthsBetween(from, to);
    if (months.length > MAX_MONTHS) {
      throw invalidField(
        'from',
        `统计区间最多 ${MAX_MONTHS} 个月(当前 ${months.length} 个月)`,
        `at most ${MAX_MONTHS} months per request (asked for ${months.length})`,
      );
    }
    return {
      filter: { prefix, programme: q.programme, fromMonth: `${from}-01`, toMonth: `${to}-01` },
      months,
      from,
      to,
      lastDay: lastDayOf(to),
      groupLength: childCodeLength(prefix),
    };
  }

  private async processing(w: Window) {
    const db = this.deps.db;
    const today = this.deps.today();
    const first = await earliestReceiptOfClosed(db, w.filter, w.lastDay);
    const closed = first
      ? await closedApplicationTimes(db, w.filter, w.lastDay, w.groupLength, workingDayCalendar(first, w.lastDay))
      : [];
    const open = await openApplicationCounts(db, w.filter, today, w.groupLength);
    return toProcessingRows(closed, open);
  }

  private async overdue(w: Window, limit: number) {
    const today = this.deps.today();
    const rows = await overdueApplications(this.deps.db, w.filter, today, limit);
    return rows.map((r) => {
      const name = this.deps.stateName(APPLICATION_WORKFLOW, r.state);
      return {
        id: r.id,
        caseNo: r.case_no,
        title: r.title,
        state: r.state,
        stateName: name.zh,
        stateNameEn: name.en,
        regionCode: r.region_code,
        regionName: regionName(r.region_code),
        receivedOn: r.received_on,
        dueOn: r.due_on,
        overdueWorkingDays: Math.max(workingDaysBetween(r.due_on, today), 0),
        assigneeName: r.assignee_name,
      };
    });
  }
}

async function* iterate<T>(rows: readonly T[]): AsyncIterable<T> {
  yield* rows;
}
