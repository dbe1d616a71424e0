import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { dictionaryLabel } from '../dictionary/dictionary-cache.ts';
import { fieldSensitivity, type MaskKind, maskValue } from '../dictionary/sensitivity.ts';
import type { ExcelColumn } from './excel-columns.ts';

const MASK_BY_FIELD: Readonly<Record<string, MaskKind>> = {
  idNumber: 'id_number',
  phone: 'phone',
  bankAccount: 'bank_account',
};

/** A cell as exported: codes shown as labels, sensitive_personal values masked unless the column says otherwise. */
export function exportCell(c: ExcelColumn, value: unknown): string | number {
  if (value === null || value === undefined) return '';
  const mask = c.mask === 'none' || (c.sensitivity ?? fieldSensitivity(c.key)) !== 'sensitive_personal' ? null : c.mask;
  if (typeof value === 'number' && !c.dictionary && mask === null) return value;
  const text = c.dictionary ? dictionaryLabel(c.dictionary, String(value)) : String(value);
  if (mask === null || text === '') return text;
  return maskValue(text, mask ?? MASK_BY_FIELD[c.key] ?? 'all');
}

export interface ExcelExportOptions {
  /** Called every `progressEvery` rows and at the end with the rows written so far. */
  onProgress?: (written: number) => Promise<void> | void;
  progressEvery?: number;
}

/**
 * Streams rows into an .xlsx on `output` (exceljs WorkbookWriter, inline strings): one header row, one row per
 * record, memory flat however many rows. The caller has already applied the data scope to `rows`.
 */
export async function exportXlsx(
  sheetName: string,
  columns: readonly ExcelColumn[],
  rows: AsyncIterable<Record<string, unknown>>,
  output: Writable,
  options: ExcelExportOptions = {},
): Promise<number> {
  const every = options.progressEvery ?? 1000;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  wb.creator = 'Huimin 惠民';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(8, c.headerZh.length * 2 + 2) }));
  const header = ws.addRow(columns.map((c) => c.headerZh));
  header.font = { bold: true };
  header.commit();
  let written = 0;
  for await (const record of rows) {
    ws.addRow(columns.map((c) => exportCell(c, record[c.key]))).commit();
    written++;
    if (written % every === 0) await options.onProgress?.(written);
  }
  ws.commit();
  await wb.commit();
  await options.onProgress?.(written);
  return written;
}
