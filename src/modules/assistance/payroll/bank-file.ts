/**
 * Bank files for 代发 (payroll export) and the bank's result file (回盘). There is no bank account column yet, so the
 * file carries the payee's full name (the bank matches the account holder by name), the masked ID number, the
 * amount and our reference (the payroll line id); a real 代发 format also needs the account number, the bank's
 * branch code and the payer account, added when accounts are registered (docs: see the payroll report).
 */

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { invalidField } from '../../../core/shared/errors.ts';

export interface BankFileRow {
  reference: string;
  payeeName: string;
  payeeIdMasked: string;
  amountFen: number;
  regionCode: string;
  forMonth: string;
}

const HEADER = [
  '流水号 reference',
  '收款人 payee',
  '身份证号(脱敏) id_masked',
  '金额(元) amount_yuan',
  '区划 region',
  '所属月份 month',
];

function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function csvCell(value: string): string {
  // Quote everything; neutralise spreadsheet formulas (a cell starting with = + - @).
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** CSV with a UTF-8 BOM (Excel opens it with the Chinese names intact) and CRLF line ends, as banks expect. */
export function bankCsv(rows: readonly BankFileRow[]): Buffer {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(
      [r.reference, r.payeeName, r.payeeIdMasked, yuanText(r.amountFen), r.regionCode, r.forMonth]
        .map(csvCell)
        .join(','),
    );
  }
  const total = rows.reduce((s, r) => s + r.amountFen, 0);
  lines.push([`合计 total ${rows.length}`, '', '', yuanText(total), '', ''].map(csvCell).join(','));
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function bankXlsx(rows: readonly BankFileRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代发 payroll');
  ws.addRow([title]);
  ws.addRow(HEADER);
  for (const r of rows) {
    ws.addRow([r.reference, r.payeeName, r.payeeIdMasked, r.amountFen / 100, r.regionCode, r.forMonth]);
  }
  ws.addRow([`合计 total ${rows.length}`, '', '', rows.reduce((s, r) => s + r.amountFen, 0) / 100, '', '']);
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 22;
  ws.getColumn(4).numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReconciliationRow {
  reference: string;
  outcome: 'paid' | 'failed';
  reason: string | null;
}

/** A reference is a line id: a number, or the uuid of a line exported before line ids were numbers. */
const REFERENCE = /^(\d{1,18}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function outcomeOf(text: string): 'paid' | 'failed' | null {
  const t = text.trim().toLowerCase();
  if (['paid', '成功', '已发放', 'success', 'ok'].includes(t)) return 'paid';
  if (['failed', '失败', 'fail', 'error'].includes(t)) return 'failed';
  return null;
}

/** Rows of reference, paid|failed, reason; a header row and the total row are skipped; bad rows are field errors. */
export function parseReconciliationRows(rows: readonly (readonly string[])[]): ReconciliationRow[] {
  const out: ReconciliationRow[] = [];
  rows.forEach((cells, index) => {
    const reference = (cells[0] ?? '').trim().replace(/^'/, '');
    if (!REFERENCE.test(reference)) return; // header, title or total rows
    const outcome = outcomeOf(cells[1] ?? '');
    if (!outcome) {
      throw invalidField(
        `row:${index + 1}`,
        `第${index + 1}行结果应为 paid/成功 或 failed/失败`,
        `row ${index + 1}: the result must be paid or failed`,
      );
    }
    const reason = (cells[2] ?? '').trim() || null;
    if (outcome === 'failed' && !reason) {
      throw invalidField(
        `row:${index + 1}`,
        `第${index + 1}行失败须写明原因`,
        `row ${index + 1}: a failure needs a reason`,
      );
    }
    out.push({ reference: reference.toLowerCase(), outcome, reason });
  });
  if (out.length === 0) {
    throw invalidField('file', '回盘文件中没有可识别的流水号', 'the file contains no payroll line references');
  }
  return out;
}

/** Reads a reconciliation file, csv or xlsx by its name. */
export async function parseReconciliation(fileName: string, content: Buffer): Promise<ReconciliationRow[]> {
  if (/\.xlsx$/i.test(fileName)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw invalidField('file', '无法读取该 xlsx 文件', 'the xlsx file cannot be read');
    }
    const rows: string[][] = [];
    wb.worksheets[0]?.eachRow((row) => {
      const values = row.values as unknown[];
      rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    return parseReconciliationRows(rows);
  }
  let rows: string[][];
  try {
    rows = parse(content.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch {
    throw invalidField('file', '无法解析该 CSV 文件', 'the CSV file cannot be parsed');
  }
  return parseReconciliationRows(rows);
}
