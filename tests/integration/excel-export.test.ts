import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { writePersonBatch } from '../../src/core/registry/person-bulk.ts';
import type { PersonRecord } from '../../src/core/registry/person-row.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';
import { multipartBody, readXlsxCells, waitForExcelJob } from './excel-fixtures.ts';

const XNS = { village: '500156003204', count: 1200 };
const BM = { village: '500156101202', count: 800 };

function person(i: number, regionCode: string): PersonRecord {
  const birthDate = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const idNumber = makeIdNumber('500156', birthDate, 500);
  return {
    idNumber,
    name: `${regionCode === XNS.village ? '仙' : '白'}${i}`,
    sex: Number(idNumber[16]) % 2 === 1 ? '1' : '2',
    birthDate,
    ethnicity: '01',
    phone: `137${String(i).padStart(8, '0')}`,
    hukouRegionCode: '500156',
    regionCode,
    disabilityCategory: i % 100 === 0 ? '4' : null,
    disabilityLevel: i % 100 === 0 ? 2 : null,
    healthStatus: 'healthy',
    labourCapacity: 'full',
    employmentStatus: 'farming',
    monthlyIncomeFen: 0,
  };
}

describe.each(ENGINES)('persons Excel export and template on %s', (engine) => {
  let t: TestPlatform;
  const cookies: Record<string, string> = {};
  const get = (user: string, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: { cookie: cookies[user] } });

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await t.platform.jobs.start();
    const records = [
      ...Array.from({ length: XNS.count }, (_, i) => person(i, XNS.village)),
      ...Array.from({ length: BM.count }, (_, i) => person(XNS.count + i, BM.village)),
    ];
    await writePersonBatch(t.db, t.platform.cipher, records);
    for (const u of ['xns_clerk', 'bm_clerk', 'bm_reviewer', 'admin']) cookies[u] = await login(t.app, u);
  });
  afterAll(async () => {
    await t.platform.jobs.stop();
    await t.close();
  });

  it('xns_clerk export job: 1,200 rows, all 仙女山, 0 白马镇, IDs and phones masked; progress 1,200/1,200; audited', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons/export',
      headers: { cookie: cookies.xns_clerk },
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(202);
    const run = await waitForExcelJob(t.app, cookies.xns_clerk, res.json().jobId);
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect([run.progress, run.total, run.result?.rows]).toEqual([1200, 1200, 1200]);
    const file = await get('xns_clerk', `/persons/export/${run.id}/file`);
    expect(file.statusCode).toBe(200);
    const { cells, dataRows, sheets } = await readXlsxCells(file.rawPayload);
    expect([dataRows, sheets]).toEqual([1200, ['居民名单']]);
    expect(cells.filter((c) => c.includes('仙女山街道'))).toHaveLength(1200);
    expect(cells.filter((c) => c.includes('白马镇') || /^白\d+$/.test(c))).toEqual([]);
    expect(cells.filter((c) => /^500156\*{8}\d{3}[\dX]$/.test(c))).toHaveLength(1200);
    expect(cells.filter((c) => /^137\*{4}\d{4}$/.test(c))).toHaveLength(1200);
    expect(cells.filter((c) => c === '肢体残疾')).toHaveLength(12);
    const audit = await t.db.query<{ detail: { rows: number } }>(
      "SELECT detail FROM audit_log WHERE action = 'person.export' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0].detail.rows).toBe(1200);
    // The file is its owner's: bm_clerk gets 404 as if it did not exist; bm_reviewer lacks registry:export (403).
    expect((await get('bm_clerk', `/persons/export/${run.id}/file`)).statusCode).toBe(404);
    expect((await get('bm_reviewer', `/persons/export/${run.id}/file`)).statusCode).toBe(403);
  });

  it('GET /persons/export.xlsx (same framework) for bm_clerk: 800 rows, only 白马镇', async () => {
    const res = await get('bm_clerk', '/persons/export.xlsx');
    expect(res.statusCode).toBe(200);
    const { cells, dataRows } = await readXlsxCells(res.rawPayload);
    expect(dataRows).toBe(800);
    expect(cells.filter((c) => c.includes('白马镇'))).toHaveLength(800);
    expect(cells.some((c) => c.includes('仙女山'))).toBe(false);
  });

  it('template: 12 columns; the 6 code-set columns have list dropdowns over rows 2-100001 into the hidden sheet 代码表', async () => {
    const res = await get('xns_clerk', '/persons/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const [data, lists] = wb.worksheets;
    expect([data.name, data.state, lists.name, lists.state]).toEqual(['居民', 'visible', '代码表', 'hidden']);
    const headers = (data.getRow(1).values as string[]).slice(1);
    expect(headers).toHaveLength(12);
    expect(headers.slice(0, 4)).toEqual(['身份证号*', '姓名*', '手机号', '民族']);
    // exceljs expands each validated range into one entry per cell when reading.
    const validations = (data as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    const dropdowns = ['D', 'G', 'H', 'I', 'J', 'K'].map((col) => [
      validations[`${col}2`],
      validations[`${col}100001`],
    ]);
    for (const [first, last] of dropdowns) {
      expect(first?.type).toBe('list');
      expect(last).toBe(first);
    }
    expect(['A2', 'B2', 'E2', 'L2'].map((a) => validations[a])).toEqual([undefined, undefined, undefined, undefined]);
    expect(dropdowns.map(([v]) => v?.formulae?.[0])).toEqual([
      "'代码表'!$A$2:$A$59",
      "'代码表'!$B$2:$B$8",
      "'代码表'!$C$2:$C$5",
      "'代码表'!$D$2:$D$4",
      "'代码表'!$E$2:$E$4",
      "'代码表'!$F$2:$F$9",
    ]);
    expect([lists.getCell('A1').value, lists.getCell('A2').value, lists.getCell('B5').value]).toEqual([
      '民族',
      '汉族',
      '肢体残疾',
    ]);
    expect(data.getColumn(1).numFmt).toBe('@');
  });

  it('a local item (灵活就业) is in the template dropdown at once, and a filled template imports 2 rows using it', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dictionaries/employment_status/items',
      headers: { cookie: cookies.admin },
      payload: { value: 'gig', labelZh: '灵活就业', labelEn: 'Gig work' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array((await get('xns_clerk', '/persons/import-template.xlsx')).rawPayload).buffer);
    const [data, lists] = wb.worksheets;
    expect(lists.getCell('F10').value).toBe('灵活就业');
    const validations = (data as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations;
    expect(validations.model.K2?.formulae?.[0]).toBe("'代码表'!$F$2:$F$10");
    // exceljs re-reads every validated range as 100,000 single cells, which makes writing the file back slow; the
    // import ignores validations, so the filled copy goes without them.
    validations.model = {};
    data.addRow([
      makeIdNumber('500156', '1988-08-08', 808),
      '新居民甲',
      '13900000001',
      '苗族',
      XNS.village,
      '',
      '',
      '',
      '',
      '',
      '灵活就业',
      2500,
    ]);
    data.addRow([
      makeIdNumber('500156', '1989-09-09', 909),
      '新居民乙',
      '',
      '',
      XNS.village,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    const { body, contentType } = multipartBody('filled.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons/import',
      headers: { cookie: cookies.xns_clerk, 'content-type': contentType, 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    const run = await waitForExcelJob(t.app, cookies.xns_clerk, res.json().jobId);
    expect([run.status, run.result?.inserted, run.result?.rejectedCount]).toEqual(['succeeded', 2, 0]);
    const { rows } = await t.db.query<{
      name: string;
      ethnicity: string;
      employment_status: string;
      monthly_income_fen: number;
    }>(
      "SELECT name, ethnicity, employment_status, monthly_income_fen FROM person WHERE name LIKE '新居民%' ORDER BY name",
    );
    expect(rows).toEqual([
      { name: '新居民乙', ethnicity: '01', employment_status: 'unknown', monthly_income_fen: 0 },
      { name: '新居民甲', ethnicity: '06', employment_status: 'gig', monthly_income_fen: 250000 },
    ]);
  });
});
