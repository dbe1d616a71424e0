import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/auth/actor.ts';
import { CATEGORIES } from '../../src/core/exchange/catalogue.ts';
import { ingestRows } from '../../src/core/exchange/ingest.ts';
import { simulateRows } from '../../src/core/exchange/simulator.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';
import { multipartBody, writeXlsx } from './excel-fixtures.ts';

const medical = CATEGORIES.find((c) => c.code === 'medical_self_paid');
if (!medical) throw new Error('catalogue lacks medical_self_paid');
const subjects = Array.from({ length: 200 }, (_, i) => makeIdNumber('500156', '1960-01-01', i + 1));

/** A CSV of 1,000 medical self-paid records (Chinese headers as in the template) with 3 bad rows. */
function thousandRowCsv(): { csv: string; badLines: number[] } {
  const rows = simulateRows(medical!.code, medical!.fields, subjects, 1000, { seed: 11, asOf: '2026-11-01' });
  // line = index + 2 (the header is line 1)
  rows[9].id_number = `${rows[9].id_number.slice(0, 17)}${rows[9].id_number[17] === '1' ? '2' : '1'}`; // check digit
  rows[499].occurred_on = '2026-02-30';
  rows[998].amount = '12.345';
  const header = '部门记录编号,身份证号,姓名,结算日期,医疗机构,个人自付金额(元)';
  const lines = rows.map((r) =>
    [r.record_id, r.id_number, '冉秀华', r.occurred_on, r.institution ?? '', r.amount].join(','),
  );
  return { csv: `\uFEFF${header}\n${lines.join('\n')}\n`, badLines: [11, 501, 1000] };
}

describe.each(ENGINES)('department data exchange: catalogue and ingestion on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await t.platform.jobs.start();
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => {
    await t.platform.jobs.stop();
    await t.close();
  });

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

  async function waitForJob(id: string) {
    for (let i = 0; i < 600; i++) {
      const r = await t.app.inject({ url: `/api/v1/exchange/jobs/${id}`, headers: { cookie: admin } });
      expect(r.statusCode, r.body).toBe(200);
      const run = r.json();
      if (run.status === 'succeeded' || run.status === 'failed') return run;
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error('job did not finish');
  }

  async function uploadCsv(csv: string, name: string) {
    const { body, contentType } = multipartBody(name, Buffer.from(csv, 'utf8'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/categories/medical_self_paid/import',
      headers: { cookie: admin, 'content-type': contentType, 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    return waitForJob(res.json().jobId);
  }

  it('the catalogue is seeded once: 13 departments, 36 categories; restarting keeps an administrator’s edits', async () => {
    const cats = await t.app.inject({ url: '/api/v1/exchange/categories', headers: { cookie: admin } });
    expect(cats.json()).toHaveLength(36);
    const deps = await t.app.inject({ url: '/api/v1/exchange/departments', headers: { cookie: admin } });
    expect(deps.json()).toHaveLength(13);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/exchange/categories/court_dishonest',
      headers: { cookie: admin },
      payload: {
        version: 1,
        nameZh: '失信被执行人名单',
        fieldLabels: [{ key: 'case_no', labelZh: '执行案号', labelEn: 'Enforcement case no.' }],
      },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ nameZh: '失信被执行人名单', version: 2 });
    expect(renamed.json().fields.find((f: { key: string }) => f.key === 'case_no').labelZh).toBe('执行案号');
    const stale = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/exchange/categories/court_dishonest',
      headers: { cookie: admin },
      payload: { version: 1, enabled: false },
    });
    expect(stale.statusCode).toBe(409);
    const { seedExchangeCatalogue } = await import('../../src/core/exchange/catalogue.repository.ts');
    expect(await seedExchangeCatalogue(t.db)).toEqual({ departments: 0, categories: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM exchange_category WHERE name_zh = '失信被执行人名单'`)).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.category.update' AND entity_id = $1`,
        ['court_dishonest'],
      ),
    ).toBe(1);
    // a township clerk may read the catalogue but not change it
    const clerk = await login(t.app, 'xns_clerk');
    const denied = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/exchange/categories/court_dishonest',
      headers: { cookie: clerk },
      payload: { version: 2, enabled: false },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('a 1,000-row CSV with 3 bad rows → 997 stored, lines 11, 501 and 1000 reported with reasons; the same file again → 0 new', async () => {
    const { csv, badLines } = thousandRowCsv();
    const run = await uploadCsv(csv, '医保自付202611.csv');
    expect(run.status, run.error).toBe('succeeded');
    expect(run.result).toMatchObject({ total: 1000, stored: 997, duplicates: 0, bad: 3, repeated: false });
    const reported = run.result.errors as Array<{ line: number; errors: Array<{ field: string; message_zh: string }> }>;
    expect(reported.map((e) => e.line)).toEqual(badLines);
    expect(reported.map((e) => e.errors[0].field)).toEqual(['id_number', 'occurred_on', 'amount']);
    expect(reported[0].errors[0].message_zh).toBe('身份证号校验位错误');
    const batch = await t.app.inject({
      url: `/api/v1/exchange/batches/${run.result.batchId}`,
      headers: { cookie: admin },
    });
    expect(batch.json()).toMatchObject({ status: 'done', totalRows: 1000, storedRows: 997, badRows: 3 });
    expect(batch.json().errors).toHaveLength(3);
    expect(
      await count(`SELECT count(*)::int AS n FROM exchange_record WHERE category_code = 'medical_self_paid'`),
    ).toBe(997);
    const events = await count(`SELECT count(*)::int AS n FROM event_outbox WHERE type = 'exchange.batch_completed'`);
    expect(events).toBeGreaterThanOrEqual(1);

    const again = await uploadCsv(csv, '医保自付202611-重传.csv');
    expect(again.result).toMatchObject({ stored: 0, repeated: true });
    expect(
      await count(`SELECT count(*)::int AS n FROM exchange_record WHERE category_code = 'medical_self_paid'`),
    ).toBe(997);
  });

  it('an .xlsx with the same records as rows already stored → all duplicates, 0 new', async () => {
    const rows = simulateRows(medical!.code, medical!.fields, subjects, 20, { seed: 11, asOf: '2026-11-01' });
    const xlsx = await writeXlsx(
      ['部门记录编号', '身份证号', '结算日期', '个人自付金额(元)'],
      rows.map((r) => [r.record_id, r.id_number, r.occurred_on, r.amount]),
    );
    const { body, contentType } = multipartBody('同样的记录.xlsx', xlsx);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/categories/medical_self_paid/import',
      headers: { cookie: admin, 'content-type': contentType, 'idempotency-key': randomUUID() },
      payload: body,
    });
    const run = await waitForJob(res.json().jobId);
    expect(run.status, run.error).toBe('succeeded');
    // rows 1..20 of the same simulated feed; the CSV's bad row 10 (index 9) was never stored
    expect(run.result).toMatchObject({ total: 20, stored: 1, duplicates: 19, bad: 0 });
  });

  it('no plaintext ID number anywhere in exchange_record (scan of every column)', async () => {
    // the blind index is binary (its hex form is not text anyone entered); every other column is scanned as text
    const { rows } = await t.db.query<{ t: string; hex: string }>(
      `SELECT (to_jsonb(r) - 'subject_index')::text AS t, encode(subject_index, 'hex') AS hex FROM exchange_record r`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const anyIdNumber = /(?<![0-9a-f])\d{17}[\dX](?![0-9a-f])/;
    for (const r of rows) expect(anyIdNumber.test(r.t), r.t).toBe(false);
    const all = rows.map((r) => `${r.t} ${r.hex}`).join('\n');
    for (const id of subjects) expect(all.includes(id), id).toBe(false);
  });

  it('a push interrupted after 2 of 5 chunks (as by kill -9) and run again ends with exact counts', async () => {
    const fields = CATEGORIES.find((c) => c.code === 'bank_deposit')!.fields;
    const rows = simulateRows('bank_deposit', fields, subjects, 5000, { seed: 5 });
    rows.push({ ...rows[10] }); // a repeat inside the batch: stored once
    const opts = { source: 'simulator' as const, createdBy: 'test', chunkSize: 1000 };
    let chunks = 0;
    await expect(
      ingestRows(t.db, t.platform.cipher, 'bank_deposit', rows, {
        ...opts,
        onProgress: () => {
          if (++chunks === 3) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const partial = await count(`SELECT count(*)::int AS n FROM exchange_record WHERE category_code = 'bank_deposit'`);
    expect(partial).toBe(2000);
    const resumed = await ingestRows(t.db, t.platform.cipher, 'bank_deposit', rows, opts);
    expect(resumed).toMatchObject({ total: 5001, stored: 5000, duplicates: 1, bad: 0, repeated: false });
    expect(await count(`SELECT count(*)::int AS n FROM exchange_record WHERE category_code = 'bank_deposit'`)).toBe(
      5000,
    );
    const again = await ingestRows(t.db, t.platform.cipher, 'bank_deposit', rows, opts);
    expect(again).toMatchObject({ stored: 0, repeated: true });
    const batches = await t.db.query<{ status: string; stored_rows: number }>(
      `SELECT status, stored_rows FROM exchange_batch WHERE category_code = 'bank_deposit'`,
    );
    expect(batches.rows).toEqual([{ status: 'done', stored_rows: 5000 }]);
  });

  it('department systems push with a bearer key: without the category scope → 403 and nothing stored', async () => {
    const org = await t.db.query<{ id: string }>('SELECT id FROM organisation LIMIT 1');
    const actor = systemActor('test');
    const withScope = await t.platform.auth.createClient(actor, {
      name: '区残联系统',
      orgId: org.rows[0].id,
      scopes: ['exchange:disability_certificate'],
      regionScope: '500156',
    });
    const without = await t.platform.auth.createClient(actor, {
      name: '区医保系统',
      orgId: org.rows[0].id,
      scopes: ['exchange:medical_self_paid'],
      regionScope: '500156',
    });
    const records = [
      {
        record_id: 'CDPF-1',
        id_number: subjects[0],
        occurred_on: '2026-09-01',
        disability_category: 'physical',
        disability_level: 2,
      },
      {
        record_id: 'CDPF-2',
        id_number: subjects[1],
        occurred_on: '2026-09-02',
        disability_category: '智力残疾',
        disability_level: '1',
      },
    ];
    const push = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/exchange/categories/disability_certificate/records',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
        payload: { records },
      });
    const refused = await push(without.key);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().code).toBe('auth.forbidden');
    const stored = () =>
      count(`SELECT count(*)::int AS n FROM exchange_record WHERE category_code = 'disability_certificate'`);
    expect(await stored()).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM exchange_batch WHERE category_code = 'disability_certificate'`),
    ).toBe(0);

    const accepted = await push(withScope.key);
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ total: 2, stored: 2, bad: 0 });
    const repeat = await push(withScope.key);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toMatchObject({ stored: 0, repeated: true });
    expect(await stored()).toBe(2);
    // a department system sees its own batches only
    const own = await t.app.inject({
      url: `/api/v1/exchange/batches/${accepted.json().batchId}`,
      headers: { authorization: `Bearer ${withScope.key}` },
    });
    expect(own.statusCode).toBe(200);
    const others = await t.app.inject({
      url: `/api/v1/exchange/batches/${accepted.json().batchId}`,
      headers: { authorization: `Bearer ${without.key}` },
    });
    expect(others.statusCode).toBe(404);

    const query = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/categories/disability_certificate/records/query',
      headers: { authorization: `Bearer ${withScope.key}` },
      payload: { idNumber: subjects[1] },
    });
    expect(query.statusCode, query.body).toBe(200);
    expect(query.json().records).toHaveLength(1);
    expect(query.json().records[0].payload).toMatchObject({ disability_category: 'intellectual', disability_level: 1 });
    const otherQuery = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/categories/disability_certificate/records/query',
      headers: { authorization: `Bearer ${without.key}` },
      payload: { idNumber: subjects[1] },
    });
    expect(otherQuery.statusCode).toBe(403);
  });

  it('a disabled category refuses records (409) and stores nothing', async () => {
    const c = await t.app.inject({ url: '/api/v1/exchange/categories/securities_fund', headers: { cookie: admin } });
    const off = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/exchange/categories/securities_fund',
      headers: { cookie: admin },
      payload: { version: c.json().version, enabled: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/categories/securities_fund/records',
      headers: { cookie: admin },
      payload: { records: [{ id_number: subjects[0], occurred_on: '2026-10-01', fund: '华夏成长', amount: '100' }] },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('exchange.category_disabled');
    expect(await count(`SELECT count(*)::int AS n FROM exchange_record WHERE category_code = 'securities_fund'`)).toBe(
      0,
    );
  });

  it('templates: .xlsx and CSV with the category’s Chinese headers, required ones starred', async () => {
    const csv = await t.app.inject({
      url: '/api/v1/exchange/categories/medical_hospitalisation/template?format=csv',
      headers: { cookie: admin },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.replace('\uFEFF', '').trim()).toBe(
      '部门记录编号,身份证号*,姓名,出院日期*,医疗机构,主要诊断,医疗总费用(元)*,个人自付(元)*',
    );
    const xlsx = await t.app.inject({
      url: '/api/v1/exchange/categories/medical_hospitalisation/template',
      headers: { cookie: admin },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
