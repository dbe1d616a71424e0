import ExcelJS from 'exceljs';
import { dictionaryEntries, dictionaryMeta } from '../dictionary/dictionary-cache.ts';
import { columnLetter, type ExcelColumn, headerText } from './excel-columns.ts';

/** Name of the hidden sheet holding the code lists the dropdowns point at. */
export const LIST_SHEET = '代码表';
/** Rows covered by the dropdowns and text formats (header excluded). */
export const TEMPLATE_ROWS = 100_000;

/**
 * An import template: one header row, text format where Excel would mangle digits, and for every code-set column
 * a dropdown (list validation) over the active labels kept in a hidden sheet, so people pick instead of typing codes.
 */
export async function buildImportTemplate(sheetName: string, columns: readonly ExcelColumn[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huimin 惠民';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = wb.addWorksheet(LIST_SHEET, { state: 'hidden' });

  ws.columns = columns.map((c) => ({
    key: c.key,
    width: c.width ?? Math.max(10, c.headerZh.length * 2 + 4),
    style: c.text ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = headerText(c);
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F1FF' } };
    const hint = [c.hintZh, c.dictionary ? '请从下拉列表中选择' : undefined, c.required ? '必填' : undefined]
      .filter(Boolean)
      .join(';');
    if (hint) cell.note = hint;
  });

  // exceljs supports range validations but its typings do not declare worksheet.dataValidations.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  let listColumn = 0;
  columns.forEach((c, i) => {
    if (!c.dictionary) return;
    const items = dictionaryEntries(c.dictionary) ?? [];
    if (items.length === 0) return;
    listColumn += 1;
    const letter = columnLetter(listColumn);
    lists.getCell(`${letter}1`).value = dictionaryMeta(c.dictionary)?.nameZh ?? c.dictionary;
    items.forEach((item, n) => {
      lists.getCell(`${letter}${n + 2}`).value = item.labelZh;
    });
    const target = columnLetter(i + 1);
    validations.add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`'${LIST_SHEET}'!$${letter}$2:$${letter}$${items.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'error',
      errorTitle: c.headerZh,
      error: `请从下拉列表中选择${c.headerZh}`,
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
