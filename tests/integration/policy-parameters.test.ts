import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/auth/actor.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const TODAY = '2026-03-01';
const URL = '/api/v1/policy/assistance/parameters';

interface Item {
  key: string;
  current: { id: string; value: unknown; regionCode: string; sourceTag: string | null } | null;
  next: { effectiveFrom: string; value: unknown } | null;
}

describe.each(ENGINES)('policy parameter admin API (%s)', (engine) => {
  let t: TestPlatform;
  let admin: string;
  let xnsClerk: string;
  let bmClerk: string;

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
    admin = await login(t.app, 'admin');
    xnsClerk = await login(t.app, 'xns_clerk');
    bmClerk = await login(t.app, 'bm_clerk');
  }, 60_000);
  afterAll(async () => t?.close());

  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (cookie: string, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const item = (body: { items: Item[] }, key: string) => body.items.find((i) => i.key === key) as Item;

  it('a township clerk reads the values in force in their township: urban 770 / rural 630 on 2025-07-01', async () => {
    const res = await get(xnsClerk, `${URL}?date=2025-07-01`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.regionCode).toBe('500156003');
    const standard = item(body, 'dibaoStandardFen');
    expect(standard.current?.value).toEqual({ urban: 77_000, rural: 63_000 });
    expect(standard.current?.sourceTag).toBe('CQ');
    expect(item(body, 'employmentCostDeductionBp').current?.sourceTag).toBe('Ex');
    expect(item(body, 'disposableIncomePerCapitaAnnualFen').current?.regionCode).toBe('500156');
    const june = await get(xnsClerk, `${URL}?date=2025-06-30`);
    expect(item(june.json(), 'dibaoStandardFen').current?.value).toEqual({ urban: 75_000, rural: 61_000 });
  });

  it('scope: a 白马镇 clerk cannot read 仙女山街道 (404, as if missing)', async () => {
    const res = await get(bmClerk, `${URL}?regionCode=500156003`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await get(bmClerk, `${URL}/dibaoStandardFen/history?regionCode=500156003204`)).statusCode).toBe(404);
  });

  it('only policy:edit may add a value (a clerk gets 403)', async () => {
    const res = await post(xnsClerk, URL, {
      key: 'dibaoStandardFen',
      regionCode: '500156003',
      effectiveFrom: '2026-07-01',
      value: { urban: 80_000, rural: 65_000 },
      source: '试图修改',
    });
    expect(res.statusCode).toBe(403);
  });

  it('admin adds urban 800 / rural 650 for 武隆 from 2026-07-01: in force then, history shows it scheduled, audited', async () => {
    const res = await post(admin, URL, {
      key: 'dibaoStandardFen',
      regionCode: '500156',
      effectiveFrom: '2026-07-01',
      value: { urban: 80_000, rural: 65_000 },
      source: '武民发〔2026〕1号',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ regionCode: '500156', effectiveFrom: '2026-07-01', sourceTag: null });

    const now = (await get(admin, URL)).json();
    expect(item(now, 'dibaoStandardFen').current?.value).toEqual({ urban: 77_000, rural: 63_000 });
    expect(item(now, 'dibaoStandardFen').next).toMatchObject({ effectiveFrom: '2026-07-01' });
    const july = (await get(xnsClerk, `${URL}?date=2026-07-01`)).json();
    expect(item(july, 'dibaoStandardFen').current?.value).toEqual({ urban: 80_000, rural: 65_000 });

    const history = (await get(admin, `${URL}/dibaoStandardFen/history`)).json();
    const statuses = history.items.map((i: { effectiveFrom: string; status: string }) => [i.effectiveFrom, i.status]);
    expect(statuses.slice(0, 3)).toEqual([
      ['2026-07-01', 'scheduled'],
      ['2025-07-01', 'in-force'],
      ['2023-07-01', 'superseded'],
    ]);
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'policy.parameter.add' AND entity_id = $1",
      [created.id],
    );
    expect(rows[0].n).toBe(1);

    const dup = await post(admin, URL, {
      key: 'dibaoStandardFen',
      regionCode: '500156',
      effectiveFrom: '2026-07-01',
      value: { urban: 81_000, rural: 65_000 },
      source: '重复',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict.duplicate');
  });

  it.each([
    ['negative money', { value: { urban: -1, rural: 63_000 } }, 'value.urban'],
    ['yuan with decimals instead of fen', { value: { urban: 770.5, rural: 630 } }, 'value.urban'],
    ['missing rural', { value: { urban: 77_000 } }, 'value.rural'],
    ['unknown key', { key: 'noSuchKey' }, 'key'],
    ['region outside the admin’s scope', { regionCode: '500101' }, 'regionCode'],
    ['a region that does not exist', { regionCode: '500156999' }, 'regionCode'],
    ['no source', { source: '' }, 'body.source'],
    ['impossible date', { effectiveFrom: '2026-02-30' }, 'body.effectiveFrom'],
  ])('bad input (%s) → 400 naming the field, nothing written', async (_name, change, field) => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM policy_parameter');
    const res = await post(admin, URL, {
      key: 'dibaoStandardFen',
      regionCode: '500156',
      effectiveFrom: '2026-09-01',
      value: { urban: 80_000, rural: 65_000 },
      source: '测试',
      ...change,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.json().fields[0].message_zh).toMatch(/[\u4e00-\u9fff]/);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM policy_parameter');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('expenditure bands must rise and only the last is open-ended', async () => {
    const res = await post(admin, URL, {
      key: 'temporaryExpenditureBands',
      regionCode: '500156',
      effectiveFrom: '2026-09-01',
      value: [
        { needUpToFen: 2_000_000, maxMultipleBp: 20_000 },
        { needUpToFen: 500_000, maxMultipleBp: 40_000 },
        { needUpToFen: null, maxMultipleBp: 60_000 },
      ],
      source: '测试',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('value');
  });

  it('withdraw: a future value once (then 409); a value in force never; another region’s row is 404', async () => {
    const future = await post(admin, URL, {
      key: 'gradualExitMonths',
      regionCode: '500156003',
      effectiveFrom: '2026-04-01',
      value: 9,
      source: '试点',
    });
    expect(future.statusCode).toBe(201);
    const url = `${URL}/${future.json().id}/withdraw`;
    expect((await post(admin, url, {})).statusCode).toBe(400);
    const ok = await post(admin, url, { reason: '录入错误' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().withdrawnAt).not.toBeNull();
    const again = await post(admin, url, { reason: '再次撤回' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('policy.not_withdrawable');

    const today = await post(admin, URL, {
      key: 'gradualExitMonths',
      regionCode: '500156003',
      effectiveFrom: TODAY,
      value: 9,
      source: '今日生效',
    });
    expect(today.statusCode).toBe(201);
    const inForce = await post(admin, `${URL}/${today.json().id}/withdraw`, { reason: '想撤回' });
    expect(inForce.statusCode).toBe(409);
    expect(inForce.json().message_zh).toContain('已生效');

    // A 重庆-wide row is outside the 武隆 admin's scope: not found, same as a missing id.
    const city = await t.db.query<{ id: string }>(
      "SELECT id FROM policy_parameter WHERE region_code = '50' AND key = 'gradualExitMonths'",
    );
    const outside = await post(admin, `${URL}/${city.rows[0].id}/withdraw`, { reason: '越权' });
    expect(outside.statusCode).toBe(404);
    const missing = await post(admin, `${URL}/00000000-0000-4000-8000-000000000000/withdraw`, { reason: '不存在' });
    expect(missing.json()).toEqual(outside.json());
  });

  it('a district row overriding one key while the city later changes another: both apply to a 武隆 village', async () => {
    await t.platform.policy.admin.add(systemActor(), {
      key: 'tekunBasicStandardFen',
      regionCode: '50',
      effectiveFrom: '2027-01-01',
      value: 110_000,
      source: '[CQ] test city change',
    });
    const resolved = await t.platform.policy.resolveAssistance(t.db, '500156101202', '2027-01-01');
    expect(resolved.values.tekunBasicStandardFen).toBe(110_000);
    expect(resolved.values.disposableIncomePerCapitaAnnualFen).toBe(3_100_000);
    // 武隆's own standard (800 from 2026-07-01, added above) still shadows the city's for that key.
    expect(resolved.values.dibaoStandardFen).toEqual({ urban: 80_000, rural: 65_000 });
    const snapshot = await t.platform.policy.findSnapshot(t.db, resolved.versionId);
    expect(snapshot?.citations.tekunBasicStandardFen.regionCode).toBe('50');
    expect(snapshot?.citations.disposableIncomePerCapitaAnnualFen.regionCode).toBe('500156');
  });
});
