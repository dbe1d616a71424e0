import { describe, expect, it } from 'vitest';
import { cellText } from './excel-cell.ts';
import { columnLetter, type ExcelColumn, matchHeaders } from './excel-columns.ts';
import { exportCell } from './excel-export.ts';

const COLUMNS: ExcelColumn[] = [
  { key: 'idNumber', headerZh: '身份证号', headerEn: 'ID number', required: true },
  { key: 'name', headerZh: '姓名', headerEn: 'Name', required: true },
  { key: 'monthlyIncome', headerZh: '月收入(元)', headerEn: 'Monthly income (yuan)' },
];

describe('Excel columns and cells', () => {
  it('headers match in Chinese with *, full-width brackets, English or key; a missing required column is named', () => {
    const m = matchHeaders(COLUMNS, ['', '身份证号*', 'NAME', '月收入（元）', '备注']);
    expect(Object.fromEntries(m.positions)).toEqual({ idNumber: 1, name: 2, monthlyIncome: 3 });
    expect(m.missing).toEqual([]);
    expect(matchHeaders(COLUMNS, ['name']).missing.map((c) => c.key)).toEqual(['idNumber']);
  });

  it('column letters: 1 → A, 26 → Z, 27 → AA, 703 → AAA', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('cell text: 13812345678 → "13812345678"; 1.5 → "1.5"; rich text joined; an 18-digit number flags lost precision', () => {
    expect(cellText(13812345678)).toEqual({ text: '13812345678' });
    expect(cellText(1.5)).toEqual({ text: '1.5' });
    expect(cellText({ richText: [{ text: '张' }, { text: '三 ' }] })).toEqual({ text: '张三' });
    expect(cellText({ formula: 'A1', result: ' 汉族' })).toEqual({ text: '汉族' });
    expect(cellText(new Date(Date.UTC(2024, 1, 29)))).toEqual({ text: '2024-02-29' });
    expect(cellText(Number('500156198001011234')).problem).toBe('number_precision');
    expect(cellText(null)).toEqual({ text: '' });
  });

  it('export cells: sex 1 → 男; a full ID → 500156********1234; bank account masked; mask none shows the label', () => {
    expect(exportCell({ key: 'sex', headerZh: '性别', headerEn: 'Sex', dictionary: 'sex' }, '1')).toBe('男');
    expect(exportCell({ key: 'idNumber', headerZh: '身份证号', headerEn: 'ID' }, '500156198001011234')).toBe(
      '500156********1234',
    );
    expect(exportCell({ key: 'bankAccount', headerZh: '账号', headerEn: 'Account' }, '6222021234567890123')).toBe(
      '6222***********0123',
    );
    const disability: ExcelColumn = {
      key: 'disabilityCategory',
      headerZh: '残疾类别',
      headerEn: 'Disability',
      dictionary: 'disability_category',
      mask: 'none',
    };
    expect(exportCell(disability, '4')).toBe('肢体残疾');
    expect(exportCell({ key: 'age', headerZh: '年龄', headerEn: 'Age', sensitivity: 'personal' }, 42)).toBe(42);
    expect(exportCell({ key: 'monthlyIncomeFen', headerZh: '月收入', headerEn: 'Income' }, 150000)).toBe('1****0');
  });
});
