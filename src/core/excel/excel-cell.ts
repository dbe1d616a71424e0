/** Converting what exceljs reads from a cell into the text a row schema validates. */

export type CellProblem = 'number_precision';

/**
 * Text of a cell value: strings trimmed, numbers without exponent, dates as YYYY-MM-DD, rich text and hyperlinks
 * as their text, formulas as their result. A number of 16 or more digits has lost digits in Excel (an ID number
 * typed into a General cell), which is reported instead of being imported wrong.
 */
export function cellText(value: unknown): { text: string; problem?: CellProblem } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) >= 1e15) {
      return { text: BigInt(value).toString(), problem: 'number_precision' };
    }
    return { text: Number.isInteger(value) ? value.toFixed(0) : String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText))
      return {
        text: v.richText
          .map((r) => r.text)
          .join('')
          .trim(),
      };
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return { text: v.text.trim() };
    if ('error' in v) return { text: '' };
  }
  return { text: String(value).trim() };
}

export const CELL_PROBLEM_MESSAGES: Record<CellProblem, { zh: string; en: string }> = {
  number_precision: {
    zh: '该单元格被Excel存为数字,超过15位的数字已丢失精度;请将该列设为文本格式后重新填写',
    en: 'Excel stored this cell as a number and lost digits beyond 15; format the column as text and re-enter it',
  },
};
