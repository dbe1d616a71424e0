import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportXlsx } from '../../src/core/excel/excel-export.ts';
import { checkIdNumber, makeIdNumber } from '../../src/core/registry/id-number.ts';
import { seedAccess } from '../../src/db/seed/access-seed.ts';
import { createPlatform, type Platform } from '../../src/platform.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestDatabase, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';
import { assistanceDriver, JZ as JZ_VILLAGE } from './assistance-application.fixture.ts';
import { multipartBody, readXlsxCells, waitForExcelJob, writeXlsx } from './excel-fixtures.ts';

/**
 * Renders everything a user or an operator sees of synthetic residents — lists, details, households, exports, the
 * import report and the server log — and scans it for a full ID number, mobile number or bank account.
 */

const JZ = '500156003204';
const RESIDENTS = Array.from({ length: 6 }, (_, i) => ({
  idNumber: makeIdNumber('500156', `198${i}-0${i + 1}-1${i}`, 300 + i),
  phone: `1${3 + i}${String(70_000_000 + i * 1_234_567).padStart(9, '0')}`,
  bankAccount: `62220212${String(34_567_890_123 + i * 7).padStart(11, '0')}`,
  name: ['甲一', '乙二', '丙三', '丁四', '戊五', '己六'][i],
}));
const SECRETS = RESIDENTS.flatMap((r) => [r.idNumber, r.phone, r.bankAccount]);

/** Full ID numbers (valid GB 11643, so 18-digit household numbers do not count), mobiles and the exact values. */
function findLeaks(text: string): string[] {
  const ids = [...text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g)]
    .map((m) => m[0])
    .filter((c) => checkIdNumber(c.toUpperCase()).ok);
  const phones = [...text.matchAll(/(?<![\d.])1[3-9]\d{9}(?!\d)/g)].map((m) => m[0]);
  return [...new Set([...ids, ...phones, ...SECRETS.filter((s) => text.includes(s))])];
}

describe.each(ENGINES)('masking scanner on %s', (engine) => {
  let platform: Platform;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let cookie: string;
  const log: string[] = [];
  const rendered: Array<{ source: string; text: string }> = [];
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
  const render = async (source: string, url: string) => {
    const res = await call('GET', url);
    expect(res.statusCode, `${source}: ${res.body}`).toBe(200);
    rendered.push({ source, text: res.body });
    return res;
  };

  beforeAll(async () => {
    const created = await createTestDatabase(engine);
    drop = created.drop;
    await seedAccess(created.db, true);
    platform = createPlatform(created.db, {
      encKey: Buffer.alloc(16, 7),
      indexKey: Buffer.alloc(32, 9),
      sms: { send: async () => {} },
    });
    app = await buildApp(platform, { webDir: '/nonexistent', logger: true, logStream: { write: (s) => log.push(s) } });
    await platform.jobs.start();
    cookie = await login(app, 'xns_clerk');
  });
  afterAll(async () => {
    await platform.jobs.stop();
    await app.close();
    await drop();
  });

  it('the scanner finds a planted ID, phone and bank account (and not an 18-digit household number)', () => {
    const r = RESIDENTS[0];
    expect(findLeaks(`x ${r.idNumber} y ${r.phone} z ${r.bankAccount} ${JZ}000001 ${Date.now()}`)).toEqual([
      r.idNumber,
      r.phone,
      r.bankAccount,
    ]);
  });

  it('6 residents (4 by API, 2 by Excel with a 银行账号 column) → 0 full ID/phone/bank account in 15 renderings and the server log', async () => {
    const ids: string[] = [];
    for (const r of RESIDENTS.slice(0, 4)) {
      const res = await call('POST', '/persons', {
        idNumber: r.idNumber,
        name: r.name,
        phone: r.phone,
        regionCode: JZ,
      });
      expect(res.statusCode, res.body).toBe(201);
      rendered.push({ source: 'POST /persons response', text: res.body });
      ids.push(res.json().id);
    }
    // An upload with an extra bank-account column and one bad row: the report names lines, never values.
    const badId = `${RESIDENTS[5].idNumber.slice(0, 17)}${RESIDENTS[5].idNumber[17] === '0' ? '1' : '0'}`;
    const file = await writeXlsx(
      ['身份证号', '姓名', '手机号', '居住地区划代码', '银行账号'],
      [
        [RESIDENTS[4].idNumber, RESIDENTS[4].name, RESIDENTS[4].phone, JZ, RESIDENTS[4].bankAccount],
        [badId, RESIDENTS[5].name, RESIDENTS[5].phone, JZ, RESIDENTS[5].bankAccount],
        [RESIDENTS[5].idNumber, RESIDENTS[5].name, 'bad-phone', JZ, RESIDENTS[5].bankAccount],
      ],
    );
    const { body, contentType } = multipartBody(`${RESIDENTS[4].idNumber}.xlsx`, file);
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/persons/import',
      headers: { cookie, 'content-type': contentType, 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(upload.statusCode, upload.body).toBe(202);
    const run = await waitForExcelJob(app, cookie, upload.json().jobId);
    expect([run.status, run.result?.inserted, run.result?.rejectedCount]).toEqual(['succeeded', 1, 2]);
    await render('import report GET /excel/jobs/:id', `/excel/jobs/${run.id}`);

    const head = ids[0];
    const household = await call('POST', '/households', { address: '荆竹村3组', regionCode: JZ, headPersonId: head });
    expect(household.statusCode, household.body).toBe(201);
    const hid = household.json().id;
    for (const [i, personId] of ids.slice(1, 3).entries()) {
      const member = await call('POST', `/households/${hid}/members`, {
        personId,
        relationCode: i === 0 ? '10' : '20',
        validFrom: '2024-01-01',
      });
      expect(member.statusCode, member.body).toBe(200);
    }

    const list = await render('GET /persons', '/persons?pageSize=50');
    expect(list.json().total).toBe(5);
    // The common lookup by full ID number: its URL is in the request log.
    await render('GET /persons?idNumber=', `/persons?idNumber=${RESIDENTS[1].idNumber}`);
    for (const id of ids) await render('GET /persons/:id', `/persons/${id}`);
    await render('GET /households', '/households');
    await render('GET /households/:id', `/households/${hid}`);
    const exported = await call('GET', '/persons/export.xlsx');
    expect(exported.statusCode).toBe(200);
    const cells = await readXlsxCells(exported.rawPayload);
    expect(cells.dataRows).toBe(5);
    rendered.push({ source: 'GET /persons/export.xlsx', text: cells.cells.join('\n') });

    // The framework masks by sensitivity even when a caller hands it full values (bankAccount included).
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => sink.on('end', resolve));
    const columns = [
      { key: 'name', headerZh: '姓名', headerEn: 'Name' },
      { key: 'idNumber', headerZh: '身份证号', headerEn: 'ID' },
      { key: 'phone', headerZh: '手机号', headerEn: 'Phone' },
      { key: 'bankAccount', headerZh: '银行账号', headerEn: 'Bank account' },
    ];
    await exportXlsx(
      '名单',
      columns,
      (async function* () {
        yield* RESIDENTS;
      })(),
      sink,
    );
    await ended;
    const framework = await readXlsxCells(Buffer.concat(chunks));
    expect(framework.cells).toContain(
      `${RESIDENTS[0].bankAccount.slice(0, 4)}***********${RESIDENTS[0].bankAccount.slice(-4)}`,
    );
    rendered.push({ source: 'exportXlsx with full values', text: framework.cells.join('\n') });

    // A developer logging a whole record: the redaction list (field → sensitivity map) blanks the values.
    app.log.info(
      {
        idNumber: RESIDENTS[0].idNumber,
        person: { phone: RESIDENTS[0].phone },
        pay: { to: { bankAccount: RESIDENTS[0].bankAccount } },
      },
      'debug record',
    );
    rendered.push({ source: 'server log', text: log.join('') });

    expect(rendered.map((r) => r.source)).toHaveLength(16);
    expect(log.join('')).toContain('500156********');
    expect(log.join('')).toContain('[Redacted]');
    const leaks = rendered.flatMap((r) => findLeaks(r.text).map((l) => `${r.source}: ${l}`));
    expect(leaks).toEqual([]);
  });
  it('an assistance application on 公示: the public village page, the application list, detail and export show no full ID number', async () => {
    const driver = assistanceDriver(() => ({ app }) as TestPlatform);
    const onNotice = await driver.inPublicity();
    const seen: Array<{ source: string; text: string }> = [];
    const publicPage = await app.inject({ method: 'GET', url: `/api/v1/public/publicity?village=${JZ_VILLAGE}` });
    expect(publicPage.statusCode, publicPage.body).toBe(200);
    expect(publicPage.body).toContain('张*华');
    seen.push({ source: '公示 GET /public/publicity', text: publicPage.body });
    for (const [source, url] of [
      ['GET /assistance/applications', '/assistance/applications'],
      ['GET /assistance/applications/:id', `/assistance/applications/${onNotice.caseId}`],
      ['GET /cases/:id', `/cases/${onNotice.caseId}`],
    ]) {
      const res = await driver.call('xns_reviewer', 'GET', url);
      expect(res.statusCode, `${source}: ${res.body}`).toBe(200);
      seen.push({ source, text: res.body });
    }
    const exported = await driver.call('xns_reviewer', 'GET', '/assistance/applications/export.xlsx');
    expect(exported.statusCode).toBe(200);
    const cells = await readXlsxCells(exported.rawPayload);
    expect(cells.dataRows).toBeGreaterThanOrEqual(1);
    seen.push({ source: 'GET /assistance/applications/export.xlsx', text: cells.cells.join('\n') });
    const leaks = seen.flatMap((r) =>
      [...findLeaks(r.text), ...onNotice.idNumbers.filter((id) => r.text.includes(id))].map((l) => `${r.source}: ${l}`),
    );
    expect(leaks).toEqual([]);
  }, 120_000);
});
