import type { z } from 'zod';
import type { Sensitivity } from '../dictionary/dictionary-types.ts';
import type { MaskKind } from '../dictionary/sensitivity.ts';

/** One column of an Excel import template or export: header, code set, sensitivity. */
export interface ExcelColumn {
  /** Field name in the row object and the zod schema (also accepted as a header). */
  key: string;
  headerZh: string;
  headerEn: string;
  required?: boolean;
  /** Code set: cells hold labels (dropdown in the template), rows hold codes. */
  dictionary?: string;
  /** Defaults to the field → sensitivity map (src/core/dictionary/sensitivity.ts) for `key`. */
  sensitivity?: Sensitivity;
  /**
   * How a sensitive_personal value is masked in exports: by default the kind the field needs (ID number, phone,
   * bank account) or all but its first and last character. 'none' shows it: only for classifications staff with the
   * export permission work with (e.g. disability category), never for identifiers.
   */
  mask?: MaskKind | 'none';
  /** Keep the cell as text (ID numbers and phones must not become numbers in Excel). */
  text?: boolean;
  width?: number;
  /** Shown as the header cell's note in the template. */
  hintZh?: string;
}

/** An importable sheet: its columns and the zod schema each row (strings, codes for code sets) must satisfy. */
export interface ExcelSheetSpec<T> {
  sheetName: string;
  columns: readonly ExcelColumn[];
  schema: z.ZodType<T>;
}

/** Header text as written in templates and exports: Chinese, `*` for required. */
export function headerText(c: ExcelColumn): string {
  return `${c.headerZh}${c.required ? '*' : ''}`;
}

const normalise = (h: string) =>
  h
    .replace(/[*＊\s]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();

/** Maps a header row to column positions; headers may be Chinese, English or the key, with or without `*`. */
export function matchHeaders(
  columns: readonly ExcelColumn[],
  headers: readonly string[],
): { positions: Map<string, number>; missing: ExcelColumn[] } {
  const byText = new Map<string, ExcelColumn>();
  for (const c of columns) {
    for (const h of [c.headerZh, c.headerEn, c.key]) byText.set(normalise(h), c);
  }
  const positions = new Map<string, number>();
  headers.forEach((h, i) => {
    const c = byText.get(normalise(h));
    if (c && !positions.has(c.key)) positions.set(c.key, i);
  });
  return { positions, missing: columns.filter((c) => c.required && !positions.has(c.key)) };
}

/** Column letters for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
