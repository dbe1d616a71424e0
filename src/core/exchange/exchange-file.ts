import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { cellText } from '../excel/excel-cell.ts';
import { type ExcelColumn, headerText, matchHeaders } from '../excel/excel-columns.ts';
import { buildImportTemplate } from '../excel/excel-template.ts';
import { XlsxStreamReader } from '../excel/xlsx-stream-reader.ts';
import { AppError } from '../shared/errors.ts';
import type { CategoryField } from './catalogue.ts';
import type { LineRow } from './ingest.ts';

/** File adapters for department data: CSV and .xlsx, header row matched by label (中文/English) or key. */
export type ExchangeFileFormat = 'csv' | 'xlsx';

/** Columns of a category's import file (its fields, in order); ID-like and date columns kept as text in Excel. */
export function categoryColumns(fields: readonly CategoryField[]): ExcelColumn[] {
  return fields.map((f) => ({
    key: f.key,
    headerZh: f.labelZh,
    headerEn: f.labelEn,
    required: f.required,
    text: f.type === 'text' || f.type === 'date',
    hintZh:
      f.type === 'code'
        ? `可填:${(f.options ?? []).map((o) => `${o.code} / ${o.labelZh}`).join(';')}`
        : f.type === 'money'
          ? '单位:元,最多两位小数'
          : f.type === 'date'
            ? '格式:YYYY-MM-DD'
            : undefined,
  }));
}

/** The downloadable template of a category: .xlsx with notes, or a CSV header line (UTF-8 with BOM for Excel). */
export async function buildCategoryTemplate(
  nameZh: string,
  fields: readonly CategoryField[],
  format: ExchangeFileFormat,
): Promise<Buffer> {
  const columns = categoryColumns(fields);
  if (format === 'xlsx') return buildImportTemplate(nameZh.slice(0, 31), columns);
  return Buffer.from(`\uFEFF${columns.map((c) => headerText(c)).join(',')}\n`, 'utf8');
}

export function formatOfFileName(name: string): ExchangeFileFormat | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  return undefined;
}

/** SHA-256 of a file on disk: the same file twice is the same batch. */
export async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function missingColumns(missing: readonly ExcelColumn[]): AppError {
  return new AppError(
    'request.invalid',
    `缺少必填列:${missing.map((c) => c.headerZh).join('、')}`,
    `required columns missing: ${missing.map((c) => c.headerEn).join(', ')}`,
    missing.map((c) => ({
      field: c.key,
      message_zh: `缺少列「${c.headerZh}」`,
      message_en: `column ${c.headerEn} is missing`,
    })),
  );
}

/** Rows of a CSV file (header required) with their physical line numbers. */
export async function* readCsvRows(fields: readonly CategoryField[], input: Readable): AsyncIterable<LineRow> {
  const columns = categoryColumns(fields);
  const parser = input.pipe(
    parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (rec: string[], ctx: { lines: number }) => {
        rec.push(String(ctx.lines));
        return rec;
      },
    }),
  );
  let positions: Map<string, number> | undefined;
  for await (const rec of parser as AsyncIterable<string[]>) {
    const line = Number(rec.pop());
    if (!positions) {
      const matched = matchHeaders(columns, rec);
      if (matched.missing.length > 0) throw missingColumns(matched.missing);
      positions = matched.positions;
      continue;
    }
    const values: Record<string, unknown> = {};
    for (const [key, at] of positions) values[key] = rec[at];
    yield { line, values };
  }
}

/** Rows of the first visible sheet of an .xlsx with their Excel row numbers; blank rows skipped. */
export async function* readXlsxRows(fields: readonly CategoryField[], input: Readable): AsyncIterable<LineRow> {
  const columns = categoryColumns(fields);
  const reader = new XlsxStreamReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sheetFound = false;
  try {
    for await (const sheet of reader) {
      const state = (sheet as unknown as { state?: string }).state;
      if (sheetFound || state === 'hidden' || state === 'veryHidden') continue;
      sheetFound = true;
      let positions: Map<string, number> | undefined;
      for await (const row of sheet) {
        const cells = row.values as unknown[];
        if (!positions) {
          const headers = Array.from({ length: cells.length }, (_, i) => cellText(cells[i]).text);
          if (headers.every((h) => h === '')) continue;
          const matched = matchHeaders(columns, headers);
          if (matched.missing.length > 0) throw missingColumns(matched.missing);
          positions = matched.positions;
          continue;
        }
        const values: Record<string, unknown> = {};
        let empty = true;
        for (const [key, at] of positions) {
          const { text, problem } = cellText(cells[at]);
          if (text !== '') empty = false;
          // A digit string Excel turned into a number has lost digits: leave it to fail the ID check, not guess.
          values[key] = problem ? `#${text}` : text;
        }
        if (!empty) yield { line: row.number, values };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('request.invalid', '文件不是有效的 .xlsx 工作簿', 'the file is not a valid .xlsx workbook', [
      { field: 'file', message_zh: '请上传由模板填写的文件', message_en: 'upload a file made from the template' },
    ]);
  }
  if (!sheetFound) throw new AppError('request.invalid', '工作簿中没有工作表', 'the workbook has no sheet', []);
}
