import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, login, type TestPlatform } from '../support/test-platform.ts';

const run = promisify(execFile);
const ADMIN_URL = process.env.HUIMIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PERSONS = 20;

// A backup is the copy of the data that travels furthest: it must not carry ID numbers or phones in the clear.
describe('pg_dump of a PostgreSQL database holds no plaintext ID numbers or phones', () => {
  let t: TestPlatform;
  const people: Array<{ idNumber: string; phone: string; name: string }> = [];
  let dump = '';

  beforeAll(async () => {
    t = await createTestPlatform('postgres');
    const cookie = await login(t.app, 'xns_clerk');
    for (let i = 0; i < PERSONS; i++) {
      const person = {
        idNumber: makeIdNumber('500156', `19${50 + i}-0${1 + (i % 9)}-1${i % 10}`, 300 + i * 2),
        phone: `1370000${String(1000 + i * 7).padStart(4, '0')}`,
        name: `向备份${String.fromCharCode(0x4e00 + i * 37)}`,
      };
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: { cookie },
        payload: { ...person, regionCode: '500156003204' },
      });
      if (r.statusCode !== 201) throw new Error(`create person: ${r.statusCode} ${r.body}`);
      people.push(person);
    }
    const database = (await t.db.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    const url = new URL(ADMIN_URL);
    const { stdout } = await run(
      '/usr/bin/pg_dump',
      ['--no-owner', '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username), database],
      { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
    );
    dump = stdout;
  });
  afterAll(() => t?.close());

  it(`control: all ${PERSONS} names are in the dump (the test sees the person rows)`, () => {
    expect(dump).toContain('COPY public.person');
    expect(people.filter((p) => dump.includes(p.name))).toHaveLength(PERSONS);
  });

  it(`none of the ${PERSONS} ID numbers (18 or 17 leading digits) and none of the phones appear`, () => {
    expect(people.filter((p) => dump.includes(p.idNumber.slice(0, 17)))).toEqual([]);
    expect(people.filter((p) => dump.includes(p.phone))).toEqual([]);
  });

  it('the masked forms are there instead (500156********xxxx, 137****xxxx)', () => {
    for (const p of people) {
      expect(dump).toContain(`500156********${p.idNumber.slice(-4)}`);
      expect(dump).toContain(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    }
  });
});
