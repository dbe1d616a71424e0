import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDictionaries } from '../../src/core/dictionary/dictionary.service.ts';
import { dictionaryHas, dictionaryLabel } from '../../src/core/dictionary/dictionary-cache.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

interface Item {
  value: string;
  labelZh: string;
  labelEn: string;
  isActive: boolean;
  isLocal: boolean;
  sensitivity: string | null;
  version: number;
}

describe.each(ENGINES)('dictionaries on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;
  let clerk: string;
  let seq = 0;
  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
  const registerWith = (employmentStatus: string) =>
    call(clerk, 'POST', '/persons', {
      idNumber: makeIdNumber('500156', `1970-03-0${String(1 + (seq % 9))}`, 100 + seq++),
      name: '字典测试',
      regionCode: '500156003204',
      employmentStatus,
    });

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    admin = await login(t.app, 'admin');
    clerk = await login(t.app, 'xns_clerk');
  });
  afterAll(() => t.close());

  it('seeded from the standards: 10 code sets; sex 4 (GB/T 2261.1), ethnicity 58 (GB/T 3304), disability 7 + 4 (GB/T 26341)', async () => {
    const list = (await call(clerk, 'GET', '/dictionaries')).json() as Array<{ code: string; standard: string }>;
    expect(list).toHaveLength(10);
    const standard = Object.fromEntries(list.map((d) => [d.code, d.standard]));
    expect(standard).toMatchObject({
      sex: 'GB/T 2261.1',
      ethnicity: 'GB/T 3304',
      relation: 'GB/T 4761',
      disability_category: 'GB/T 26341',
      disability_level: 'GB/T 26341',
      means_check_element: 'MZ/T 073-2024',
      employment_status: 'local',
    });
    const count = async (code: string) => ((await call(clerk, 'GET', `/dictionaries/${code}`)).json() as Item[]).length;
    expect([await count('sex'), await count('ethnicity')]).toEqual([4, 58]);
    expect([await count('disability_category'), await count('disability_level')]).toEqual([7, 4]);
    const sex = (await call(clerk, 'GET', '/dictionaries/sex')).json() as Item[];
    expect(sex[0]).toMatchObject({ value: '1', labelZh: '男', labelEn: 'Male', isLocal: false, isActive: true });
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dictionary_item');
    expect(rows[0].n).toBeGreaterThan(58 + 4 + 7 + 4);
    expect((await call(clerk, 'GET', '/dictionaries/no_such_set')).statusCode).toBe(404);
  });

  it('MZ/T 073 data elements: idNumber, phone, bankAccount, bankDeposit are sensitive_personal; checkAgency public', async () => {
    const items = (await call(clerk, 'GET', '/dictionaries/means_check_element')).json() as Item[];
    const by = Object.fromEntries(items.map((i) => [i.value, i.sensitivity]));
    expect([by.idNumber, by.phone, by.bankAccount, by.bankDeposit]).toEqual(Array(4).fill('sensitive_personal'));
    expect(by.checkAgency).toBe('public');
    expect(items.every((i) => i.sensitivity !== null)).toBe(true);
  });

  it('national items are read-only: PATCH sex/1 → 409, new item in sex → 409; a clerk adding → 403; 0 rows changed', async () => {
    const patch = await call(admin, 'PATCH', '/dictionaries/sex/items/1', { version: 1, labelZh: '男性' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('dictionary.read_only');
    const add = await call(admin, 'POST', '/dictionaries/sex/items', { value: '3', labelZh: '其他', labelEn: 'Other' });
    expect(add.statusCode).toBe(409);
    expect(add.json().code).toBe('dictionary.read_only');
    const disable = await call(admin, 'PATCH', '/dictionaries/employment_status/items/farming', {
      version: 1,
      isActive: false,
    });
    expect(disable.statusCode).toBe(409);
    const byClerk = await call(clerk, 'POST', '/dictionaries/employment_status/items', {
      value: 'x',
      labelZh: '某',
      labelEn: 'X',
    });
    expect(byClerk.statusCode).toBe(403);
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM dictionary_item WHERE is_local OR (dictionary_code = 'sex' AND label_zh <> '男' AND value = '1')",
    );
    expect(rows[0].n).toBe(0);
  });

  it('a local item (灵活就业) is usable in validation right after it is added: 400 before, 201 after; audited', async () => {
    expect((await registerWith('gig')).statusCode).toBe(400);
    const added = await call(admin, 'POST', '/dictionaries/employment_status/items', {
      value: 'gig',
      labelZh: '灵活就业',
      labelEn: 'Gig work',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ value: 'gig', isLocal: true, isActive: true, version: 1 });
    const person = await registerWith('gig');
    expect(person.statusCode, person.body).toBe(201);
    expect(person.json().employmentStatus).toBe('gig');
    const audit = await t.db.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_log WHERE action = 'dictionary.item.create'",
    );
    expect(audit.rows.map((r) => r.entity_id)).toEqual(['employment_status:gig']);
    const again = await call(admin, 'POST', '/dictionaries/employment_status/items', {
      value: 'gig',
      labelZh: '重复',
      labelEn: 'Dup',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict.duplicate');
  });

  it('disabling the local item: new data refused (400), label kept for old data, hidden unless ?all=true; stale version → 409', async () => {
    const off = await call(admin, 'PATCH', '/dictionaries/employment_status/items/gig', {
      version: 1,
      isActive: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ isActive: false, version: 2 });
    expect((await registerWith('gig')).statusCode).toBe(400);
    expect(dictionaryLabel('employment_status', 'gig')).toBe('灵活就业');
    const active = (await call(clerk, 'GET', '/dictionaries/employment_status')).json() as Item[];
    expect(active.map((i) => i.value)).not.toContain('gig');
    const all = (await call(admin, 'GET', '/dictionaries/employment_status?all=true')).json() as Item[];
    expect(all.find((i) => i.value === 'gig')?.isActive).toBe(false);
    const stale = await call(admin, 'PATCH', '/dictionaries/employment_status/items/gig', {
      version: 1,
      isActive: true,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'dictionary.item.disable'",
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('a local data element needs a sensitivity (400 without); seeding again keeps local items and adds no rows', async () => {
    const bad = await call(admin, 'POST', '/dictionaries/means_check_element/items', {
      value: 'forestRights',
      labelZh: '林权',
      labelEn: 'Forest rights',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('sensitivity');
    const good = await call(admin, 'POST', '/dictionaries/means_check_element/items', {
      value: 'forestRights',
      labelZh: '林权',
      labelEn: 'Forest rights',
      sensitivity: 'sensitive_personal',
    });
    expect(good.statusCode, good.body).toBe(201);
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dictionary_item');
    await initDictionaries(t.db);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dictionary_item');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(dictionaryHas('means_check_element', 'forestRights')).toBe(true);
    expect(dictionaryHas('employment_status', 'gig')).toBe(false);
  });
});
