import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { dictionaryValueOf } from '../dictionary/dictionary-cache.ts';
import { AppError } from '../shared/errors.ts';
import { CELL_PROBLEM_MESSAGES, cellText } from './excel-cell.ts';
import { type ExcelColumn, type ExcelSheetSpec, matchHeaders } from './excel-columns.ts';
import { XlsxStreamReader } from './xlsx-stream-reader.ts';

/** A row problem as reported: the column key and header, never the cell's value (it may be personal data). */
export interface ImportRowError {
  field: string;
  column: string;
  message_zh: string;
  message_en: string;
}

export interface ExcelImportReport {
  /** Data rows read (blank rows are skipped and not counted). */
  read: number;
  inserted: number;
  duplicates: number;
  rejectedCount: number;
  /** Excel row numbers (the header is row 1) with every problem of the row; capped at maxReported. */
  rejected: Array<{ line: number; errors: ImportRowError[] }>;
  /** Excel row numbers of rows already registered (or repeated in the file); capped at maxReported. */
  duplicateLines: number[];
}

export interface BatchResult {
  inserted: number;
  duplicateLines: number[];
}

export interface ExcelImportOptions<T> {
  /** Writes one batch of valid rows (set-based); reports which lines were duplicates. */
  writeBatch: (rows: ReadonlyArray<{ line: number; value: T }>) => Promise<BatchResult>;
  batchSize?: number;
  onProgress?: (report: ExcelImportReport) => Promise<void> | void;
  maxReported?: number;
}

/** A database failure while writing a batch: passed on as it is, not mistaken for a broken file. */
class WriteFailure extends Error {
  constructor(cause: unknown) {
    super('batch write failed', { cause });
  }
}

const splitMessage = (message: string, fallbackZh: string) => {
  const [zh, en] = message.includes(' / ') ? message.split(' / ') : [fallbackZh, message];
  return { zh, en };
};

function issuesToErrors(columns: readonly ExcelColumn[], issues: readonly z.core.$ZodIssue[]): ImportRowError[] {
  return issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const column = columns.find((c) => c.key === field);
    const { zh, en } = splitMessage(issue.message, '格式不正确');
    return { field, column: column?.headerZh ?? field, message_zh: zh, message_en: en };
  });
}

/**
 * Streams the first visible sheet of an .xlsx (exceljs WorkbookReader): the header row picks the columns, every
 * data row is converted (code-set labels → codes) and checked against the schema, good rows are written in batches
 * (one in flight while the next is read) and bad rows reported with their Excel row numbers. Nothing is dropped
 * silently: read = inserted + duplicates + rejected.
 */
export async function importXlsx<T>(
  spec: ExcelSheetSpec<T>,
  input: Readable,
  options: ExcelImportOptions<T>,
): Promise<ExcelImportReport> {
  const batchSize = options.batchSize ?? 5000;
  const maxReported = options.maxReported ?? 10_000;
  const report: ExcelImportReport = {
    read: 0,
    inserted: 0,
    duplicates: 0,
    rejectedCount: 0,
    rejected: [],
    duplicateLines: [],
  };
  let batch: Array<{ line: number; value: T }> = [];
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await inFlight;
    inFlight = options.writeBatch(rows).then(
      async (r) => {
        report.inserted += r.inserted;
        report.duplicates += r.duplicateLines.length;
        for (const line of r.duplicateLines) {
          if (report.duplicateLines.length < maxReported) report.duplicateLines.push(line);
        }
        await options.onProgress?.(report);
      },
      (cause: unknown) => {
        throw new WriteFailure(cause);
      },
    );
    // Handled when awaited; this only keeps a failure from counting as unhandled in between.
    inFlight.catch(() => {});
  };
  const reject = (line: number, errors: ImportRowError[]) => {
    report.rejectedCount++;
    if (report.rejected.length < maxReported) report.rejected.push({ line, errors });
  };

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
        const values = row.values as unknown[];
        if (!positions) {
          const headers = Array.from({ length: values.length }, (_, i) => cellText(values[i]).text);
          if (headers.every((h) => h === '')) continue;
          const matched = matchHeaders(spec.columns, headers);
          if (matched.missing.length > 0) throw missingColumns(matched.missing);
          positions = matched.positions;
          continue;
        }
        const raw: Record<string, string | undefined> = {};
        const errors: ImportRowError[] = [];
        let empty = true;
        for (const c of spec.columns) {
          const at = positions.get(c.key);
          if (at === undefined) continue;
          const { text, problem } = cellText(values[at]);
          if (text === '') continue;
          empty = false;
          if (problem) {
            const m = CELL_PROBLEM_MESSAGES[problem];
            errors.push({ field: c.key, column: c.headerZh, message_zh: m.zh, message_en: m.en });
          }
          raw[c.key] = c.dictionary ? (dictionaryValueOf(c.dictionary, text) ?? text) : text;
        }
        if (empty) continue;
        report.read++;
        const parsed = spec.schema.safeParse(raw);
        if (!parsed.success) errors.push(...issuesToErrors(spec.columns, parsed.error.issues));
        if (errors.length > 0 || !parsed.success) {
          reject(row.number, errors);
          continue;
        }
        batch.push({ line: row.number, value: parsed.data });
        if (batch.length >= batchSize) await flush();
      }
    }
  } catch (err) {
    if (err instanceof WriteFailure) throw err.cause;
    if (err instanceof AppError) throw err;
    throw new AppError('request.invalid', '文件不是有效的 .xlsx 工作簿', 'the file is not a valid .xlsx workbook', [
      {
        field: 'file',
        message_zh: '请上传由模板填写的 .xlsx 文件',
        message_en: 'upload an .xlsx file made from the template',
      },
    ]);
  }
  if (!sheetFound) {
    throw new AppError('request.invalid', '工作簿中没有可导入的工作表', 'the workbook has no sheet to import', []);
  }
  try {
    await flush();
    await inFlight;
  } catch (err) {
    throw err instanceof WriteFailure ? err.cause : err;
  }
  return report;
}

function missingColumns(missing: readonly ExcelColumn[]): AppError {
  const names = missing.map((c) => c.headerZh).join('、');
  return new AppError(
    'request.invalid',
    `缺少必填列:${names}`,
    `required columns missing: ${missing.map((c) => c.headerEn).join(', ')}`,
    missing.map((c) => ({
      field: c.key,
      message_zh: `缺少列「${c.headerZh}」`,
      message_en: `column ${c.headerEn} is missing`,
    })),
  );
}
