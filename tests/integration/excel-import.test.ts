import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';
import { type ExcelJobView, multipartBody, waitForExcelJob, writeXlsx } from './excel-fixtures.ts';

const HEADERS = [
  '身份证号*',
  '姓名*',
  '手机号',
  '民族',
  '居住地区划代码*',
  '残疾类别',
  '残疾等级',
  '就业状况',
  '月收入(元)',
];
const XNS_VILLAGES = ['500156003204', '500156003202'];
const N = 50_000;
/** Excel rows (header = row 1) that are wrong: check digit, residence in 白马镇 (outside 仙女山), unknown ethnicity. */
const BAD = { checkDigit: 12, outOfScope: 25_002, ethnicity: 50_001 };

function idFor(i: number): string {
  const day = new Date(Date.UTC(1940, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber('500156', day, 1 + Math.floor(i / 20_000));
}

function* rows(n = N): Generator<Array<string | number | null>> {
  for (let i = 0; i < n; i++) {
    const line = i + 2;
    let id = idFor(i);
    if (line === BAD.checkDigit) id = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    const region = line === BAD.outOfScope ? '500156101202' : XNS_VILLAGES[i % 2];
    const disabled = i % 50 === 0;
    yield [
      id,
      `居民${i}`,
      i % 3 === 0 ? null : `139${String(i).padStart(8, '0')}`,
      line === BAD.ethnicity ? '火星族' : i % 10 === 0 ? '土家族' : '汉族',
      region,
      disabled ? '肢体残疾' : null,
      disabled ? '二级' : null,
      i % 4 === 0 ? '务农' : null,
      i % 5 === 0 ? 1234.5 : null,
    ];
  }
}

// Written once for both engines (a few seconds of exceljs work).
let sharedFile: Promise<Buffer> | undefined;
const fiftyThousandRows = () => {
  sharedFile ??= writeXlsx(HEADERS, rows());
  return sharedFile;
};

describe.each(ENGINES)('persons Excel import on %s', (engine) => {
  let t: TestPlatform;
  let clerk: string;
  let file: Buffer;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await t.platform.jobs.start();
    clerk = await login(t.app, 'xns_clerk');
    file = await fiftyThousandRows();
  });
  afterAll(async () => {
    await t.platform.jobs.stop();
    await t.close();
  });

  const upload = async (data: Buffer, name = '居民.xlsx') => {
    const { body, contentType } = multipartBody(name, data);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons/import',
      // The browser sends an Idempotency-Key with every upload (a multipart body is not compared by the repeat guard).
      headers: { cookie: clerk, 'content-type': contentType, 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json().jobId as string;
  };

  it(`50,000 rows with 3 bad → 49,997 stored, rejected lines [12, 25002, 50001] with their fields; progress reported`, async () => {
    const started = Date.now();
    const seen: ExcelJobView[] = [];
    const run = await waitForExcelJob(t.app, clerk, await upload(file), 120_000, seen);
    const seconds = (Date.now() - started) / 1000;
    console.log(`[${engine}] imported ${N} rows from xlsx in ${seconds.toFixed(1)} s`);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const r = run.result as {
      read: number;
      inserted: number;
      duplicates: number;
      rejectedCount: number;
      rejected: Array<{ line: number; errors: Array<{ field: string; column: string }> }>;
    };
    expect([r.read, r.inserted, r.duplicates, r.rejectedCount], JSON.stringify(r.rejected)).toEqual([
      50_000, 49_997, 0, 3,
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([BAD.checkDigit, BAD.outOfScope, BAD.ethnicity]);
    expect(r.rejected.map((x) => x.errors.map((e) => e.field))).toEqual([['idNumber'], ['regionCode'], ['ethnicity']]);
    expect(r.rejected[1].errors[0].column).toBe('居住地区划代码');
    expect(run.progress).toBe(50_000);
    expect(run.total).toBe(50_000);
    expect(seen.some((s) => s.status === 'running' && s.progress > 0 && s.progress < 50_000)).toBe(true);
    // Names intact: no character lost where a chunk of the sheet's XML ended (see xlsx-stream-reader.ts).
    const { rows: counts } = await t.db.query<{ n: number; disabled: number; tujia: number; income: number }>(
      `SELECT count(*) FILTER (WHERE name ~ '^居民[0-9]+$')::int AS n, count(disability_category)::int AS disabled,
         count(*) FILTER (WHERE ethnicity = '15')::int AS tujia,
         count(*) FILTER (WHERE monthly_income_fen = 123450)::int AS income FROM person`,
    );
    // Every 50th row disabled, 10th 土家族, 5th with income — less the rejected rows 12 (i = 10) and 25002 (i = 25000).
    expect(counts[0]).toEqual({ n: 49_997, disabled: 999, tujia: 4998, income: 9998 });
    expect(seconds).toBeLessThan(60);
  });

  it('re-importing the first 2,000 rows adds 0 and reports 1,999 duplicates (row 12 was rejected); 2 audit rows per import', async () => {
    const run = await waitForExcelJob(t.app, clerk, await upload(await writeXlsx(HEADERS, rows(2000))));
    expect(run.status, run.error ?? '').toBe('succeeded');
    const r = run.result as { inserted: number; duplicates: number; rejectedCount: number; duplicateLines: number[] };
    expect([r.inserted, r.duplicates, r.rejectedCount]).toEqual([0, 1999, 1]);
    expect(r.duplicateLines.slice(0, 3)).toEqual([2, 3, 4]);
    expect(r.duplicateLines).not.toContain(BAD.checkDigit);
    const { rows: audit } = await t.db.query<{ action: string; n: number }>(
      "SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'person.import%' GROUP BY action ORDER BY action",
    );
    expect(audit).toEqual([
      { action: 'person.import', n: 2 },
      { action: 'person.import.start', n: 2 },
    ]);
  });

  it('a file missing the required column 身份证号 fails the job with the column named; a non-xlsx upload → 400', async () => {
    const noId = await writeXlsx(['姓名', '居住地区划代码'], [['张三', '500156003204']]);
    const run = await waitForExcelJob(t.app, clerk, await upload(noId));
    expect(run.status).toBe('failed');
    expect(run.error).toContain('身份证号');
    const { body, contentType } = multipartBody('names.csv', Buffer.from('a,b\n'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons/import',
      headers: { cookie: clerk, 'content-type': contentType, 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('file');
  });

  it("another user's import job is 404 for bm_clerk; a reviewer without registry:write cannot upload (403)", async () => {
    const id = await upload(await writeXlsx(HEADERS, []));
    const bm = await login(t.app, 'bm_clerk');
    expect((await t.app.inject({ url: `/api/v1/excel/jobs/${id}`, headers: { cookie: bm } })).statusCode).toBe(404);
    const reviewer = await login(t.app, 'xns_reviewer');
    const { body, contentType } = multipartBody('x.xlsx', file);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons/import',
      headers: { cookie: reviewer, 'content-type': contentType },
      payload: body,
    });
    expect(res.statusCode).toBe(403);
    await waitForExcelJob(t.app, clerk, id);
  });
});
