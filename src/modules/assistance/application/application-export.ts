import { PassThrough } from 'node:stream';
import type { ExcelColumn } from '../../../core/excel/excel-columns.ts';
import { exportXlsx } from '../../../core/excel/excel-export.ts';
import { programmeName } from './programme-names.ts';

/** Columns of the applications list export; names are masked (张*华) as in the list itself. */
export const APPLICATION_EXPORT_COLUMNS: readonly ExcelColumn[] = [
  { key: 'caseNo', headerZh: '办件编号', headerEn: 'Case no.', text: true, width: 22 },
  { key: 'applicantName', headerZh: '申请人', headerEn: 'Applicant', sensitivity: 'internal', width: 10 },
  { key: 'regionName', headerZh: '村(社区)', headerEn: 'Village', width: 30 },
  { key: 'stateName', headerZh: '办理状态', headerEn: 'State', width: 12 },
  { key: 'programmeName', headerZh: '认定项目', headerEn: 'Programme', width: 16 },
  { key: 'amountYuan', headerZh: '月救助金额(元)', headerEn: 'Monthly amount (yuan)', width: 14 },
  { key: 'members', headerZh: '家庭人数', headerEn: 'Members', width: 8 },
  { key: 'receivedOn', headerZh: '受理日期', headerEn: 'Received', width: 12 },
  { key: 'dueOn', headerZh: '办结时限', headerEn: 'Due', width: 12 },
  { key: 'overdue', headerZh: '是否超期', headerEn: 'Overdue', width: 8 },
];

export interface ExportableApplication {
  caseNo: string;
  applicantName: string;
  regionName: string;
  stateName: string;
  programme: string | null;
  amountFen: number | null;
  members: number;
  receivedOn: string;
  dueOn: string | null;
  stepDueOn: string | null;
  overdue: boolean;
}

/** The list as an .xlsx buffer (amounts in yuan with two decimals). */
export async function applicationsXlsx(items: readonly ExportableApplication[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  async function* rows() {
    for (const a of items) {
      yield {
        ...a,
        programmeName: a.programme ? programmeName(a.programme).zh : '',
        amountYuan: a.amountFen === null ? '' : (a.amountFen / 100).toFixed(2),
        dueOn: a.stepDueOn ?? a.dueOn ?? '',
        overdue: a.overdue ? '是' : '否',
      };
    }
  }
  await exportXlsx('救助申请', APPLICATION_EXPORT_COLUMNS, rows(), out);
  await done;
  return Buffer.concat(chunks);
}
