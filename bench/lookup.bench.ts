/**
 * ID-number lookup through the API with 50 concurrent clients, and name search within one township, at
 * BENCH_PERSONS persons (default 1,000,000), beside the same queries as hand-written SQL in the same run.
 *   node_modules/.bin/node --experimental-strip-types bench/lookup.bench.ts
 */
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { seedAccess } from '../src/db/seed/access-seed.ts';
import { seedPopulation } from '../src/db/seed/population-seed.ts';
import { createPlatform } from '../src/platform.ts';
import { buildApp } from '../src/server/app.ts';
import { benchDatabase, engines, fmt, loadTest } from './bench-support.ts';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const calls = Number(process.env.BENCH_CALLS ?? 20_000);
const clients = 50;

for (const engine of engines()) {
  const { db, drop } = await benchDatabase(engine);
  try {
    await seedAccess(db, true);
    // The per-user request limit (600/min by default) would cap a load test; lift it for the measurement.
    const platform = createPlatform(db, {
      encKey: Buffer.alloc(16, 1),
      indexKey: Buffer.alloc(32, 2),
      sms: { send: async () => {} },
      authPolicy: { requestsPerMinute: 10_000_000 },
    });
    const t0 = performance.now();
    await seedPopulation(db, platform.cipher, { regionPrefix: '500156', persons });
    console.log(`${engine}: seeded ${fmt(persons)} persons in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    // A sample of real ID numbers to look up (decrypted once, outside the timing).
    const sample = (
      await db.query<{ id_cipher: Buffer }>('SELECT id_cipher FROM person TABLESAMPLE SYSTEM (5) LIMIT 2000')
    ).rows.map((r) => platform.cipher.decrypt(Buffer.from(r.id_cipher)));
    const app = await buildApp(platform, { webDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const dispatcher = new Agent({ connections: clients, pipelining: 1 });
    const login = await request(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'wl_approver', password: 'Huimin@2026' }),
      dispatcher,
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    await login.body.text();
    const get = async (path: string) => {
      const r = await request(`${base}${path}`, { headers: { cookie }, dispatcher });
      const body = await r.body.text();
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${body}`);
      return body;
    };
    // Warm up.
    for (let i = 0; i < 200; i++) await get(`/api/v1/persons?idNumber=${sample[i % sample.length]}`);

    const api = await loadTest(clients, calls, async (i) => {
      const body = await get(`/api/v1/persons?idNumber=${sample[i % sample.length]}`);
      if (!body.includes('"total":1')) throw new Error('lookup missed');
    });
    const sql = await loadTest(clients, calls, async (i) => {
      const r = await db.query('SELECT id, name, id_masked FROM person WHERE id_index = $1', [
        platform.cipher.blindIndex(sample[i % sample.length]),
      ]);
      if (r.rows.length !== 1) throw new Error('sql lookup missed');
    });
    console.log(
      `${engine.padEnd(8)} ID lookup via API, ${clients} clients: ${fmt(api.rps)} req/s, p50 ${fmt(api.p50, 1)} ms, p99 ${fmt(api.p99, 1)} ms` +
        ` | baseline hand-written SQL: ${fmt(sql.rps)} q/s, p99 ${fmt(sql.p99, 1)} ms` +
        (engine === 'postgres'
          ? ` | goal p99 ≤ 10 ms and ≥ 2,000 req/s: ${api.p99 <= 10 && api.rps >= 2000 ? 'met' : 'NOT met'}`
          : ''),
    );

    const surnames = ['张', '王', '李', '刘', '陈', '杨', '向', '冉', '田', '谭'];
    const township = '500156003';
    const nameCalls = Math.min(2000, calls);
    const search = await loadTest(1, nameCalls, async (i) => {
      await get(
        `/api/v1/persons?q=${encodeURIComponent(surnames[i % surnames.length])}&regionCode=${township}&pageSize=20`,
      );
    });
    const searchSql = await loadTest(1, nameCalls, async (i) => {
      await db.query(
        `SELECT p.id, p.name FROM person p WHERE p.region_code LIKE $1 AND p.name LIKE $2 ORDER BY p.region_code, p.name, p.id LIMIT 20`,
        [`${township}%`, `${surnames[i % surnames.length]}%`],
      );
    });
    console.log(
      `${engine.padEnd(8)} name search in 仙女山街道 (page + total) via API: p50 ${fmt(search.p50, 1)} ms, p99 ${fmt(search.p99, 1)} ms` +
        ` | baseline SQL page only: p99 ${fmt(searchSql.p99, 1)} ms | goal p99 ≤ 50 ms: ${search.p99 <= 50 ? 'met' : 'NOT met'}`,
    );
    await app.close();
    await dispatcher.close();
  } finally {
    await drop();
  }
}
