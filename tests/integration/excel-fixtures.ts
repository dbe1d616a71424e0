import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** An .xlsx written with exceljs' streaming writer (inline strings, like many tools produce) from header + rows. */
export async function writeXlsx(headers: string[], rows: Iterable<Array<string | number | null>>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('居民');
  ws.addRow(headers).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipartBody(fileName: string, data: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----huimin${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface ExcelJobView {
  id: string;
  name: string;
  status: string;
  progress: number;
  total: number | null;
  error: string | null;
  result: Record<string, unknown> | null;
}

/** Polls GET /excel/jobs/:id until the run ends (the job workers must be started). */
export async function waitForExcelJob(
  app: FastifyInstance,
  cookie: string,
  id: string,
  timeoutMs = 120_000,
  seen: ExcelJobView[] = [],
): Promise<ExcelJobView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ url: `/api/v1/excel/jobs/${id}`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json() as ExcelJobView;
    seen.push(run);
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    if (Date.now() > until) throw new Error(`job ${id} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every cell text of every sheet of an .xlsx, plus the number of data rows (after each sheet's header). */
export async function readXlsxCells(data: Buffer): Promise<{ cells: string[]; dataRows: number; sheets: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(data).buffer);
  const cells: string[] = [];
  let dataRows = 0;
  const sheets: string[] = [];
  wb.eachSheet((ws) => {
    sheets.push(ws.name);
    ws.eachRow((row, n) => {
      if (n > 1) dataRows += 1;
      row.eachCell((cell) => {
        cells.push(String(cell.text));
      });
    });
  });
  return { cells, dataRows, sheets };
}
