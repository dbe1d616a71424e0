import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit/audit-seal.ts';
import { systemActor } from '../../src/core/auth/actor.ts';
import { emitEvent } from '../../src/core/events/event-bus.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

describe.each(ENGINES)('platform core on %s', (engine) => {
  let t: TestPlatform;
  const sms: Array<{ phone: string; text: string }> = [];
  beforeAll(async () => {
    t = await createTestPlatform(engine, { sms: { send: async (phone, text) => void sms.push({ phone, text }) } });
  });
  afterAll(() => t.close());

  it('5 wrong passwords lock the account for 15 minutes (423), even with the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'bm_reviewer', password: 'wrong' },
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bm_reviewer', password: 'wrong' },
    });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bm_reviewer', password: 'Huimin@2026' },
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('auth.locked');
    const { rows } = await t.db.query<{ mins: number }>(
      "SELECT round(extract(epoch FROM locked_until - now()) / 60)::int AS mins FROM app_user WHERE username = 'bm_reviewer'",
    );
    expect(rows[0].mins).toBe(15);
  });

  it('logout ends the session on the very next request; a session idle over 30 minutes is refused', async () => {
    const cookie = await login(t.app, 'xns_clerk');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const idle = await login(t.app, 'xns_clerk');
    await t.db.query("UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE revoked_at IS NULL");
    const r = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: idle } });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('auth.unauthenticated');
  });

  it('revealing a full ID number writes an audit row with the reason; the chain verifies; an edited row is found', async () => {
    const cookie = await login(t.app, 'xns_clerk');
    const idNumber = makeIdNumber('500156', '1961-04-02', 17);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { cookie },
      payload: { idNumber, name: '冉秀英', phone: '13912345678', regionCode: '500156003204' },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person.idNumberMasked).toBe(`500156********${idNumber.slice(-4)}`);
    const reveal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${person.id}/reveal`,
      headers: { cookie },
      payload: { reason: '核对低保申请' },
    });
    expect(reveal.json()).toEqual({ idNumber, phone: '13912345678' });
    const { rows } = await t.db.query<{ reason: string; actor_name: string }>(
      "SELECT reason, actor_name FROM audit_log WHERE action = 'person.reveal' AND entity_id = $1",
      [person.id],
    );
    expect(rows).toEqual([{ reason: '核对低保申请', actor_name: '仙女山街道 受理员 刘芳' }]);
    const before = await verifyAuditChain(t.db);
    expect(before.ok).toBe(true);
    expect(before.checked).toBeGreaterThan(3);

    // The app cannot change audit rows…
    await expect(t.db.query("UPDATE audit_log SET reason = 'x' WHERE action = 'person.reveal'")).rejects.toThrow(
      /append-only/,
    );
    // …and when someone with the owner's rights does, verification names the row.
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    const target = (await t.db.query<{ id: number }>("SELECT id FROM audit_log WHERE action = 'person.reveal'")).rows[0]
      .id;
    await t.db.query("UPDATE audit_log SET reason = '随便看看' WHERE id = $1", [target]);
    await t.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    const after = await verifyAuditChain(t.db);
    expect(after).toMatchObject({ ok: false, firstBadId: Number(target) });
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await t.db.query("UPDATE audit_log SET reason = '核对低保申请' WHERE id = $1", [target]);
    await t.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('a duplicate ID number is a 409 naming the field, and nothing is written', async () => {
    const cookie = await login(t.app, 'xns_clerk');
    const idNumber = makeIdNumber('500156', '1970-01-01', 21);
    const payload = { idNumber, name: '田大川', regionCode: '500156003204' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: { cookie }, payload })).statusCode,
    ).toBe(201);
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0].n;
    const n = await count();
    // another name with the same ID number: an identical body within 2 s would be stopped by the repeat-submit guard
    const dupPayload = { ...payload, name: '田大山' };
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { cookie },
      payload: dupPayload,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().fields[0].field).toBe('idNumber');
    expect(await count()).toBe(n);
  });

  it('Idempotency-Key: the same POST twice creates one person and replays the first response', async () => {
    const cookie = await login(t.app, 'xns_clerk');
    const payload = { idNumber: makeIdNumber('500156', '1988-08-08', 33), name: '向明', regionCode: '500156003204' };
    const headers = { cookie, 'idempotency-key': 'create-xiangming-1' };
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replay']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    const { rows } = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM person WHERE name = '向明'");
    expect(rows[0].n).toBe(1);
  });

  it('moving a member closes the old membership and keeps it as history', async () => {
    const cookie = await login(t.app, 'xns_clerk');
    const mk = async (seq: number, name: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/persons',
          headers: { cookie },
          payload: { idNumber: makeIdNumber('500156', '1975-05-05', seq), name, regionCode: '500156003204' },
        })
      ).json().id as string;
    const head1 = await mk(41, '黄一');
    const head2 = await mk(43, '黄二');
    const child = await mk(45, '黄三');
    const h1 = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: { cookie },
        payload: { address: '荆竹村1组1号', regionCode: '500156003204', headPersonId: head1, validFrom: '2020-01-01' },
      })
    ).json();
    const h2 = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: { cookie },
        payload: { address: '荆竹村2组2号', regionCode: '500156003204', headPersonId: head2, validFrom: '2020-01-01' },
      })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${h1.id}/members`,
      headers: { cookie },
      payload: { personId: child, relationCode: '20', validFrom: '2020-01-01' },
    });
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${h2.id}/members`,
      headers: { cookie },
      payload: { personId: child, relationCode: '20', validFrom: '2025-06-01' },
    });
    expect(moved.statusCode).toBe(200);
    const old = (await t.app.inject({ url: `/api/v1/households/${h1.id}`, headers: { cookie } })).json();
    expect(old.members.map((m: { name: string }) => m.name)).toEqual(['黄一']);
    expect(old.history).toContainEqual(
      expect.objectContaining({ name: '黄三', validFrom: '2020-01-01', validTo: '2025-06-01' }),
    );
  });

  it('opening a case checks its data: a 1-character address is a 400 on data.newAddress; a household of another township is a 404', async () => {
    const xns = await login(t.app, 'xns_clerk');
    const bm = await login(t.app, 'bm_clerk');
    const person = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { cookie: xns },
      payload: { idNumber: makeIdNumber('500156', '1969-09-09', 61), name: '谭志', regionCode: '500156003204' },
    });
    const household = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: { cookie: xns },
        payload: { address: '荆竹村5组5号', regionCode: '500156003204', headPersonId: person.json().id },
      })
    ).json();
    const body = (cookieRegion: string, newAddress: string) => ({
      workflow: 'registry.household_change',
      regionCode: cookieRegion,
      title: '谭志户 地址变更',
      subjectType: 'household',
      subjectId: household.id,
      data: { householdId: household.id, newAddress },
    });
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: xns },
      payload: body('500156003204', '荆'),
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields.map((f: { field: string }) => f.field)).toContain('data.newAddress');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: bm },
      payload: body('500156101202', '东升村1组1号'),
    });
    expect(foreign.statusCode).toBe(404);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: xns },
      payload: body('500156003204', '荆竹村6组6号'),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().history[0]).toMatchObject({ action: 'open', toState: 'submitted', toStateName: '待审核' });
  });

  it('events: written with the change, delivered once per subscriber even when dispatched twice', async () => {
    const seen: number[] = [];
    t.platform.events.subscribe('test.counter', 'test.ping', async (e) => void seen.push(e.id));
    await t.db.transaction((tx) => emitEvent(tx, 'test.ping', { n: 1 }));
    await expect(
      t.db.transaction(async (tx) => {
        await emitEvent(tx, 'test.ping', { n: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await t.platform.events.dispatchPending();
    await t.platform.events.dispatchPending();
    expect(seen).toHaveLength(1);
  });

  it('jobs: a queued audit.verify run goes through pg-boss and ends succeeded with its result', async () => {
    await t.platform.jobs.start();
    try {
      const id = await t.platform.jobs.enqueue('audit.verify', {}, 'test');
      let run = await t.platform.jobs.get(id);
      for (let i = 0; i < 60 && (run.status === 'queued' || run.status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 500));
        run = await t.platform.jobs.get(id);
      }
      expect(run.status).toBe('succeeded');
      expect(run.finished_at).not.toBeNull();
    } finally {
      await t.platform.jobs.stop();
    }
  });

  it('a department system with a bearer key reads within its scope and scopes; without the permission it gets 403', async () => {
    const { rows } = await t.db.query<{ id: string }>("SELECT id FROM organisation WHERE kind = 'department' LIMIT 1");
    const reader = await t.platform.auth.createClient(systemActor('test'), {
      name: '区医保局结算系统',
      orgId: rows[0].id,
      scopes: ['registry:read'],
      regionScope: '500156101',
    });
    const noScope = await t.platform.auth.createClient(systemActor('test'), {
      name: '无权限系统',
      orgId: rows[0].id,
      scopes: ['case:read'],
      regionScope: '500156',
    });
    const ok = await t.app.inject({ url: '/api/v1/persons', headers: { authorization: `Bearer ${reader.key}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.every((p: { regionCode: string }) => p.regionCode.startsWith('500156101'))).toBe(true);
    const denied = await t.app.inject({ url: '/api/v1/persons', headers: { authorization: `Bearer ${noScope.key}` } });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({ url: '/api/v1/persons', headers: { authorization: 'Bearer hm_not-a-key' } });
    expect(bad.statusCode).toBe(401);
    const stored = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_client WHERE key_hash = $1', [
      reader.key,
    ]);
    expect(stored.rows[0].n).toBe(0);
  });

  it('resident portal: ID + phone + one-time code signs in; a wrong code does not', async () => {
    const cookie = await login(t.app, 'xns_clerk');
    const idNumber = makeIdNumber('500156', '1958-03-03', 51);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { cookie },
      payload: { idNumber, name: '覃桂兰', phone: '15923456789', regionCode: '500156003204' },
    });
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/otp',
      payload: { idNumber, phone: '15923456789' },
    });
    expect(sent.json()).toEqual({ sent: true });
    const code = /(\d{6})/.exec(sms.at(-1)?.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { idNumber, phone: '15923456789', code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { idNumber, phone: '15923456789', code },
    });
    expect(ok.statusCode).toBe(200);
    const portal = ok.cookies.find((c) => c.name === 'hm_portal');
    const me = await t.app.inject({ url: '/api/v1/portal/me', headers: { cookie: `hm_portal=${portal?.value}` } });
    expect(me.json()).toMatchObject({ name: '覃桂兰', phoneMasked: '159****6789' });
  });
});
