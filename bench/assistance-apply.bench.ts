/**
 * Social assistance application submission through the API (POST /api/v1/assistance/applications: household and
 * members read, declared facts, classification with the region's policy parameters, case + application + audit in one
 * transaction) with 50 concurrent clients, one application per household, beside a hand-written SQL baseline that
 * writes the same case, history, application and audit rows in one transaction.
 *   node_modules/.bin/node bench/assistance-apply.bench.ts      (BENCH_CALLS=3000, BENCH_ENGINES=postgres,pglite)
 * Goal (issue 3): ≥ 300 applications/s, p99 ≤ 100 ms.
 */
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { seedAccess } from '../src/db/seed/access-seed.ts';
import { seedPopulation } from '../src/db/seed/population-seed.ts';
import { createPlatform } from '../src/platform.ts';
import { buildApp } from '../src/server/app.ts';
import { benchDatabase, engines, fmt, loadTest } from './bench-support.ts';

const calls = Number(process.env.BENCH_CALLS ?? 3000);
const clients = 50;
const township = '500156003'; // 仙女山街道, the scope of xns_clerk

for (const engine of engines()) {
  const { db, drop } = await benchDatabase(engine);
  try {
    await seedAccess(db, true);
    const platform = createPlatform(db, {
      encKey: Buffer.alloc(16, 1),
      indexKey: Buffer.alloc(32, 2),
      sms: { send: async () => {} },
      today: () => '2025-11-03',
      authPolicy: { requestsPerMinute: 10_000_000 },
    });
    // ~2.7 persons per household: enough households in the township for one application each (API and baseline)
    await seedPopulation(db, platform.cipher, { regionPrefix: township, persons: Math.ceil(calls * 2 * 3.2) });
    const { rows: households } = await db.query<{ id: string; region_code: string; head: string }>(
      `SELECT h.id, h.region_code, h.head_person_id AS head FROM household h
       WHERE h.region_code LIKE $1 AND h.head_person_id IS NOT NULL ORDER BY h.id LIMIT $2`,
      [`${township}%`, calls * 2],
    );
    if (households.length < calls * 2) throw new Error(`only ${households.length} households seeded`);
    const app = await buildApp(platform, { webDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const dispatcher = new Agent({ connections: clients, pipelining: 1 });
    const login = await request(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xns_clerk', password: 'Huimin@2026' }),
      dispatcher,
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    await login.body.text();
    const apply = async (h: { id: string; head: string }) => {
      const r = await request(`${base}/api/v1/assistance/applications`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'idempotency-key': `bench-${h.id}` },
        body: JSON.stringify({
          householdId: h.id,
          applicantPersonId: h.head,
          channel: 'window',
          area: 'urban',
          incomes: [{ memberId: h.head, category: 'wage', kind: 'wage', amountFen: 1_800_000 }],
          assets: { financialAssetsFen: 1_000_000 },
        }),
        dispatcher,
      });
      const body = await r.body.text();
      if (r.statusCode !== 201) throw new Error(`${r.statusCode} ${body}`);
    };
    const viaApi = households.slice(0, calls);
    const api = await loadTest(clients, calls, (i) => apply(viaApi[i]));

    const viaSql = households.slice(calls);
    const sql = await loadTest(clients, calls, async (i) => {
      const h = viaSql[i];
      await db.transaction(async (tx) => {
        const c = await tx.query<{ id: string }>(
          `INSERT INTO wf_case (case_no, workflow, business_line, state, region_code, subject_type, subject_id, title,
             candidate_role, data, received_on, due_on, created_by)
           VALUES ('B' || nextval('case_no_seq'), 'assistance.application', 'assistance', 'submitted', $1, 'household',
             $2, '低保申请', 'township_clerk', '{}', '2025-11-03', '2025-12-15', 'bench') RETURNING id`,
          [h.region_code, h.id],
        );
        await tx.query(
          `INSERT INTO wf_action (case_id, seq, action, to_state, actor_id, actor_name) VALUES ($1, 1, 'open', 'submitted', 'bench', 'bench')`,
          [c.rows[0].id],
        );
        await tx.query(
          `INSERT INTO assistance_application (case_id, household_id, applicant_person_id, region_code, area, channel, declared)
           VALUES ($1, $2, $3, $4, 'urban', 'window', '{}')`,
          [c.rows[0].id, h.id, h.head, h.region_code],
        );
        await tx.query('SELECT pg_advisory_xact_lock(7410002)');
        await tx.query(
          `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, entity_type, entity_id, prev_hash, hash)
           VALUES (now(), 'staff', 'bench', 'bench', 'bench.apply', 'case', $1, 'x', md5($1))`,
          [c.rows[0].id],
        );
      });
    });
    console.log(
      `${engine.padEnd(8)} application submit via API, ${clients} clients: ${fmt(api.rps)} /s, p50 ${fmt(api.p50, 1)} ms, p99 ${fmt(api.p99, 1)} ms` +
        ` | baseline hand-written SQL (same rows): ${fmt(sql.rps)} /s, p99 ${fmt(sql.p99, 1)} ms` +
        ` | goal ≥ 300/s and p99 ≤ 100 ms: ${api.rps >= 300 && api.p99 <= 100 ? 'met' : 'NOT met'}`,
    );
    await app.close();
    await dispatcher.close();
  } finally {
    await drop();
  }
}
