/**
 * Excel columns and rows of each statistics table. Money leaves as yuan with two decimals (a number cell), counts as
 * numbers; the overdue list carries case titles as the workflow stores them (masked names only).
 */
import type { ExcelColumn } from '../../../core/excel/excel-columns.ts';
import type { StatisticsTable } from './statistics.schema.ts';
import {
  fenToYuan,
  type GroupFigures,
  type MonthRow,
  type ProcessingRow,
  type ProgrammeRow,
  type RegionRow,
} from './statistics-shaping.ts';

export interface OverdueItem {
  id: string;
  caseNo: string;
  title: string;
  state: string;
  stateName: string;
  stateNameEn: string;
  regionCode: string;
  regionName: string;
  receivedOn: string;
  dueOn: string;
  overdueWorkingDays: number;
  assigneeName: string | null;
}

/** What GET /assistance/statistics answers. */
export interface StatisticsOverview {
  region: { code: string; name: string };
  programme: string | null;
  from: string;
  to: string;
  /** Digits of the region prefix the region and processing tables group by (9 township, 12 village). */
  groupLength: number;
  months: MonthRow[];
  regions: RegionRow[];
  regionTotal: Omit<GroupFigures, 'key'>;
  programmes: ProgrammeRow[];
  processing: ProcessingRow[];
  overdue: { total: number; items: OverdueItem[] };
}

// Aggregates carry no personal data: mark them internal so the export never masks a region or programme name.
const col = (key: string, headerZh: string, headerEn: string, width?: number): ExcelColumn => ({
  key,
  headerZh,
  headerEn,
  sensitivity: 'internal',
  width,
});

const FIGURES: ExcelColumn[] = [
  col('households', '在保户数(期末月)', 'Households (last month)', 16),
  col('recipients', '在保人数(期末月)', 'Recipients (last month)', 16),
  col('newCount', '新增户数', 'New', 10),
  col('exitedCount', '退出户数', 'Exited', 10),
  col('amountYuan', '发放金额(元)', 'Amount (yuan)', 16),
];

const SHEETS: Record<StatisticsTable, { sheetName: string; columns: ExcelColumn[] }> = {
  months: {
    sheetName: '按月统计',
    columns: [
      col('month', '月份', 'Month', 10),
      col('households', '在保户数', 'Households', 12),
      col('recipients', '在保人数', 'Recipients', 12),
      col('newCount', '新增户数', 'New', 10),
      col('exitedCount', '退出户数', 'Exited', 10),
      col('paidLines', '发放笔数', 'Payments', 10),
      col('amountYuan', '发放金额(元)', 'Amount (yuan)', 16),
    ],
  },
  regions: {
    sheetName: '按区划统计',
    columns: [col('regionCode', '区划代码', 'Region code', 16), col('regionName', '区划', 'Region', 20), ...FIGURES],
  },
  programmes: {
    sheetName: '按救助类别统计',
    columns: [col('programmeName', '救助类别', 'Programme', 20), ...FIGURES],
  },
  processing: {
    sheetName: '办理时长',
    columns: [
      col('regionCode', '区划代码', 'Region code', 16),
      col('regionName', '区划', 'Region', 20),
      col('closed', '办结件数', 'Closed', 10),
      col('avgWorkingDays', '平均办理时长(工作日)', 'Average working days', 20),
      col('maxWorkingDays', '最长办理时长(工作日)', 'Longest (working days)', 20),
      col('closedLate', '超时办结', 'Closed late', 10),
      col('open', '在办件数', 'Open', 10),
      col('overdue', '超期在办', 'Overdue open', 10),
    ],
  },
  overdue: {
    sheetName: '超期申请',
    columns: [
      col('caseNo', '办件编号', 'Case no.', 22),
      col('title', '标题', 'Title', 24),
      col('stateName', '当前环节', 'Step', 14),
      col('regionName', '村(社区)', 'Village', 16),
      col('receivedOn', '受理日期', 'Received', 12),
      col('dueOn', '办理时限', 'Due', 12),
      col('overdueWorkingDays', '超期工作日', 'Working days overdue', 12),
      col('assigneeName', '经办人', 'Assignee', 12),
    ],
  },
};

export function exportColumns(table: StatisticsTable) {
  return SHEETS[table];
}

const withYuan = <T extends { amountFen: number }>(r: T): Record<string, unknown> => ({
  ...r,
  amountYuan: fenToYuan(r.amountFen),
});

/** The rows of one table, with a total line where the table has one. */
export function exportRows(table: StatisticsTable, o: StatisticsOverview): Record<string, unknown>[] {
  switch (table) {
    case 'months':
      return o.months.map(withYuan);
    case 'regions':
      return [
        ...o.regions.map(withYuan),
        withYuan({ regionCode: '', regionName: `合计(${o.region.name})`, ...o.regionTotal }),
      ];
    case 'programmes':
      return o.programmes.map(withYuan);
    case 'processing':
      return o.processing.map((r) => ({ ...r }));
    case 'overdue':
      return o.overdue.items.map((r) => ({ ...r }));
  }
}
