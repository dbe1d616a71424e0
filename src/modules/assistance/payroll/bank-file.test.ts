import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bankCsv, bankXlsx, parseReconciliation } from './bank-file.ts';

const REF_A = '0b6f3c2e-8d4a-4f7e-9a1b-2c3d4e5f6a7b';
const REF_B = '1c7a4d3f-9e5b-4a8f-8b2c-3d4e5f6a7b8c';
const rows = [
  {
    reference: REF_A,
    payeeName: '冉小华',
    payeeIdMasked: '500156********1234',
    amountFen: 104_100,
    regionCode: '500156003204',
    forMonth: '2025-07',
  },
  {
    reference: REF_B,
    payeeName: '=HYPERLINK("x")',
    payeeIdMasked: '500156********5678',
    amountFen: 77_005,
    regionCode: '500156101202',
    forMonth: '2025-07',
  },
];

describe('bank file and reconciliation', () => {
  it('csv: BOM, CRLF, amounts in yuan (1,041.00 and 770.05), total 1,811.05, formulas neutralised', () => {
    const text = bankCsv(rows).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(`"${REF_A}","冉小华","500156********1234","1041.00","500156003204","2025-07"`);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[3]).toContain('"1811.05"');
  });

  it('xlsx bank file opens with the title, header, 2 lines and a total of 1,811.05', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bankXlsx(rows, 'payroll-500156')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(3).getCell(4).value).toBe(1041);
    expect(ws.getRow(5).getCell(4).value).toBeCloseTo(1811.05, 2);
  });

  it('reconciliation csv: header and total rows skipped, 成功/failed read, a failure needs a reason', async () => {
    const csv = `reference,result,reason\n${REF_A},成功,\n${REF_B},failed,账户已销户\n合计,,\n`;
    expect(await parseReconciliation('r.csv', Buffer.from(csv))).toEqual([
      { reference: REF_A, outcome: 'paid', reason: null },
      { reference: REF_B, outcome: 'failed', reason: '账户已销户' },
    ]);
    await expect(parseReconciliation('r.csv', Buffer.from(`${REF_B},failed,\n`))).rejects.toThrow(/reason/);
    await expect(parseReconciliation('r.csv', Buffer.from(`${REF_B},maybe,x\n`))).rejects.toThrow(/paid or failed/);
    await expect(parseReconciliation('r.csv', Buffer.from('nothing here\n'))).rejects.toThrow(/no payroll line/);
  });

  it('reconciliation csv: line ids 1 and 1000042 are references; the 合计 total 2 row is not', async () => {
    const csv = `流水号 reference,结果,原因\n1,paid,\n'1000042,失败,户名不符\n合计 total 2,,\n`;
    expect(await parseReconciliation('r.csv', Buffer.from(csv))).toEqual([
      { reference: '1', outcome: 'paid', reason: null },
      { reference: '1000042', outcome: 'failed', reason: '户名不符' },
    ]);
  });

  it('reconciliation xlsx with the same three columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('回盘');
    ws.addRow(['流水号', '结果', '原因']);
    ws.addRow([REF_A, 'paid', '']);
    ws.addRow([REF_B, '失败', '户名不符']);
    const parsed = await parseReconciliation('r.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(parsed.map((r) => r.outcome)).toEqual(['paid', 'failed']);
    await expect(parseReconciliation('r.xlsx', Buffer.from('not a zip'))).rejects.toThrow(/cannot be read/);
  });
});
