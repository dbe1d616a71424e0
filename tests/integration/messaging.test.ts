import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../../src/core/events/event-bus.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import {
  changeInitialPassword,
  createTestPlatform,
  ENGINES,
  login,
  type TestPlatform,
} from '../support/test-platform.ts';

/**
 * 参数设置, 通知公告 and 站内信: who a notice reaches and who read it, the messages case events and the daily deadline
 * job write (each exactly once however often they run), settings that only the administrator may change, and
 * inboxes nobody else can read. The platform's "today" is pinned so deadlines do not depend on the calendar.
 */

const XNS = '500156003'; // 仙女山街道
const JZ = '500156003204'; // 荆竹村, 仙女山街道
const REVIEWER2 = 'xns_reviewer2';
const REVIEWER2_PASSWORD = 'Shen-He#2026x';

interface Notice {
  id: string;
  title: string;
  status: string;
  readAt: string | null;
}
interface Message {
  id: string;
  kind: string;
  titleZh: string;
  caseId: string | null;
  readAt: string | null;
}
interface Inbox<T> {
  items: T[];
  total: number;
  unread: number;
}
interface ErrorBody {
  code: string;
  fields: Array<{ field: string }>;
}
interface Setting {
  key: string;
  value: unknown;
  isDefault: boolean;
}

describe.each(ENGINES)('settings, notices and messages on %s', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let today = '2026-03-10'; // a Tuesday
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let seq = 0;

  const call = (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, key?: string) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: cookies[user], ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;
  const messagesOf = (caseId: string, kind: string) =>
    t.db.query<{ user_id: string; title_zh: string }>(
      'SELECT user_id, title_zh FROM message WHERE case_id = $1 AND kind = $2 ORDER BY created_at, user_id',
      [caseId, kind],
    );

  /** A household in 荆竹村 and a household-change case for it, opened by xns_clerk. */
  const openCase = async () => {
    seq += 1;
    const person = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/persons', {
        idNumber: makeIdNumber('500156', '1970-05-05', seq),
        name: `户主${seq}`,
        regionCode: JZ,
      }),
      201,
    );
    const household = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/households', {
        address: `荆竹村 ${seq} 组`,
        regionCode: JZ,
        headPersonId: person.id,
      }),
      201,
    );
    return ok<{ id: string; version: number }>(
      await call('xns_clerk', 'POST', '/cases', {
        workflow: 'registry.household_change',
        regionCode: JZ,
        title: '家庭住址变更',
        subjectType: 'household',
        subjectId: household.id,
        data: { householdId: household.id, newAddress: `荆竹村 新居 ${seq} 号` },
      }),
      201,
    );
  };

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => today });
    app = t.app;
    for (const u of [
      'admin',
      'wl_leader',
      'wl_approver',
      'xns_clerk',
      'xns_reviewer',
      'bm_clerk',
      'bm_reviewer',
      'jz_coord',
      'ds_coord',
    ]) {
      cookies[u] = await login(app, u);
    }
    const orgs = ok<Array<{ id: string; regionCode: string; kind: string }>>(await call('admin', 'GET', '/orgs'));
    const xnsOffice = orgs.find((o) => o.regionCode === XNS && o.kind === 'township_office');
    ok(
      await call('admin', 'POST', '/users', {
        username: REVIEWER2,
        displayName: '仙女山街道 审核员 李华',
        password: REVIEWER2_PASSWORD,
        orgId: xnsOffice?.id,
        regionScope: XNS,
        roles: ['township_reviewer'],
      }),
      201,
    );
    cookies[REVIEWER2] = await login(app, REVIEWER2, await changeInitialPassword(app, REVIEWER2, REVIEWER2_PASSWORD));
    const { rows } = await t.db.query<{ id: string; username: string }>('SELECT id, username FROM app_user');
    for (const r of rows) ids[r.username] = r.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a notice to 仙女山街道 (500156003) reaches its 4 staff (xns_clerk, 2 reviewers, jz_coord) and not bm_clerk or wl_approver (404)', async () => {
    today = '2026-03-10';
    const notice = ok<Notice>(
      await call('wl_leader', 'POST', '/notices', {
        title: '防汛值班安排',
        body: '请各岗位按排班到岗。',
        targetRegion: XNS,
      }),
      201,
    );
    expect(notice.status).toBe('active');
    for (const u of ['xns_clerk', 'xns_reviewer', REVIEWER2, 'jz_coord']) {
      const inbox = ok<Inbox<Notice>>(await call(u, 'GET', '/notices'));
      expect(
        inbox.items.map((n) => n.id),
        u,
      ).toContain(notice.id);
    }
    for (const u of ['bm_clerk', 'wl_approver']) {
      const inbox = ok<Inbox<Notice>>(await call(u, 'GET', '/notices'));
      expect(
        inbox.items.map((n) => n.id),
        u,
      ).not.toContain(notice.id);
      expect((await call(u, 'GET', `/notices/${notice.id}`)).statusCode, u).toBe(404);
    }
    expect(
      await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'notice.publish' AND entity_id = $1", [
        notice.id,
      ]),
    ).toBe(1);
  });

  it('read receipts: 1 of 4 read after xns_clerk opens it; reading again keeps the first time; bm_clerk cannot mark it (404)', async () => {
    const notice = ok<Notice>(
      await call('wl_leader', 'POST', '/notices', { title: '低保年审通知', body: '三月底前完成。', targetRegion: XNS }),
      201,
    );
    const first = ok<Notice>(await call('xns_clerk', 'POST', `/notices/${notice.id}/read`));
    expect(first.readAt).not.toBeNull();
    // a second read at once (its own Idempotency-Key, or the repeat-submit guard would refuse it)
    const again = ok<Notice>(await call('xns_clerk', 'POST', `/notices/${notice.id}/read`, undefined, 'read-again'));
    expect(again.readAt).toBe(first.readAt);
    expect((await call('bm_clerk', 'POST', `/notices/${notice.id}/read`)).statusCode).toBe(404);
    const receipts = ok<{ audience: number; read: number; items: Array<{ userId: string; readAt: string | null }> }>(
      await call('wl_leader', 'GET', `/notices/${notice.id}/receipts`),
    );
    expect({ audience: receipts.audience, read: receipts.read }).toEqual({ audience: 4, read: 1 });
    expect(receipts.items[0]).toEqual(expect.objectContaining({ userId: ids.xns_clerk, readAt: first.readAt }));
    const unread = ok<Inbox<Notice>>(await call('xns_reviewer', 'GET', '/notices?unreadOnly=true'));
    expect(unread.items.map((n) => n.id)).toContain(notice.id);
    const managed = ok<Inbox<Notice & { readCount: number; audienceCount: number }>>(
      await call('wl_leader', 'GET', '/notices/manage'),
    );
    expect(managed.items.find((n) => n.id === notice.id)).toEqual(
      expect.objectContaining({ readCount: 1, audienceCount: 4 }),
    );
    expect((await call('xns_clerk', 'GET', `/notices/${notice.id}/receipts`)).statusCode).toBe(403);
  });

  it('a notice to 白马镇社会事务办 reaches its 2 members only (not ds_coord of a village under it); expiring on 03-10 it is gone on 03-11', async () => {
    today = '2026-03-10';
    const orgs = ok<Array<{ id: string; name: string }>>(await call('admin', 'GET', '/orgs'));
    const bm = orgs.find((o) => o.name === '白马镇社会事务办');
    const notice = ok<Notice>(
      await call('admin', 'POST', '/notices', {
        title: '会议通知',
        body: '周五例会。',
        targetOrgId: bm?.id,
        expireOn: today,
      }),
      201,
    );
    const seen = async (u: string) =>
      ok<Inbox<Notice>>(await call(u, 'GET', '/notices')).items.some((n) => n.id === notice.id);
    expect([
      await seen('bm_clerk'),
      await seen('bm_reviewer'),
      await seen('ds_coord'),
      await seen('xns_clerk'),
    ]).toEqual([true, true, false, false]);
    today = '2026-03-11';
    expect(await seen('bm_clerk')).toBe(false);
    today = '2026-03-10';
  });

  it('publishing: both targets → 400 targetRegion; expiry before publication → 400 expireOn; a clerk → 403; nothing saved', async () => {
    const before = await count('SELECT count(*)::int AS n FROM notice');
    const both = await call('wl_leader', 'POST', '/notices', {
      title: '两个范围',
      body: '正文',
      targetRegion: XNS,
      targetOrgId: ids.admin,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json<ErrorBody>().fields.map((f) => f.field)).toEqual(['targetRegion']);
    const dates = await call('wl_leader', 'POST', '/notices', {
      title: '日期有误',
      body: '正文',
      targetRegion: XNS,
      publishOn: '2026-03-12',
      expireOn: '2026-03-11',
    });
    expect(dates.statusCode).toBe(400);
    expect(dates.json<ErrorBody>().fields.map((f) => f.field)).toEqual(['expireOn']);
    const clerk = await call('xns_clerk', 'POST', '/notices', { title: '越权', body: '正文', targetRegion: XNS });
    expect(clerk.statusCode).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM notice')).toBe(before);
  });

  it('opening a household_change case messages each of the 2 township reviewers of 仙女山街道 once (bm_reviewer 0); re-dispatching the event adds none', async () => {
    today = '2026-03-10';
    const opened = await openCase();
    await t.platform.events.dispatchPending();
    const first = await messagesOf(opened.id, 'case.claimable');
    expect(first.rows.map((r) => r.user_id).sort()).toEqual([ids.xns_reviewer, ids[REVIEWER2]].sort());
    expect(first.rows[0].title_zh).toMatch(/^新办件待认领:HM\d+「家庭住址变更」$/);

    // the same event delivered again, as after a crash between handling and marking it delivered
    const { rows } = await t.db.query<{ id: number }>(
      "SELECT id FROM event_outbox WHERE type = 'case.opened' AND payload->>'caseId' = $1",
      [opened.id],
    );
    await t.db.query('UPDATE event_outbox SET dispatched_at = NULL WHERE id = $1', [rows[0].id]);
    await t.db.query('DELETE FROM event_delivery WHERE event_id = $1', [rows[0].id]);
    await t.platform.events.dispatchPending();
    expect((await messagesOf(opened.id, 'case.claimable')).rows).toHaveLength(2);
    // delivered without error the second time too (a duplicate is skipped, not refused by the unique index)
    expect(
      await count('SELECT count(*)::int AS n FROM event_outbox WHERE id = $1 AND dispatched_at IS NOT NULL', [
        rows[0].id,
      ]),
    ).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM message WHERE user_id = $1', [ids.bm_reviewer])).toBe(0);

    const inbox = ok<Inbox<Message>>(await call('xns_reviewer', 'GET', '/messages'));
    expect(inbox.items.filter((m) => m.caseId === opened.id)).toHaveLength(1);
  });

  it('a 催办 event {caseId, userIds: [xns_reviewer, bm_reviewer], by: wl_leader} messages xns_reviewer once (bm_reviewer cannot see the case)', async () => {
    const opened = await openCase();
    await t.db.transaction((tx) =>
      emitEvent(
        tx,
        'case.reminded',
        { caseId: opened.id, userIds: [ids.xns_reviewer, ids.bm_reviewer], by: ids.wl_leader },
        JZ,
      ),
    );
    await t.platform.events.dispatchPending();
    await t.db.query("UPDATE event_outbox SET dispatched_at = NULL WHERE type = 'case.reminded'");
    await t.db.query("DELETE FROM event_delivery WHERE subscriber = 'messaging.case-reminded'");
    await t.platform.events.dispatchPending();
    const reminded = await messagesOf(opened.id, 'case.reminded');
    expect(reminded.rows.map((r) => r.user_id)).toEqual([ids.xns_reviewer]);
  });

  it("the deadline job (step due 2026-03-17): 0 messages on 03-12, 1 'due soon' on 03-13, 1 'overdue' on 03-20 though run twice; only the assignee", async () => {
    today = '2026-03-10';
    const opened = await openCase();
    ok(await call('xns_reviewer', 'POST', `/cases/${opened.id}/claim`, { version: opened.version }));
    const run = async (day: string) => {
      today = day;
      const r = await t.platform.jobs.runNow('messages.deadlines', {}, 'test');
      expect(r.status, r.error ?? '').toBe('succeeded');
    };
    await run('2026-03-12');
    expect((await messagesOf(opened.id, 'case.deadline')).rows).toHaveLength(0);
    await run('2026-03-13');
    await run('2026-03-20');
    await run('2026-03-20');
    const rows = (await messagesOf(opened.id, 'case.deadline')).rows;
    expect(rows.map((r) => r.user_id)).toEqual([ids.xns_reviewer, ids.xns_reviewer]);
    expect(rows.map((r) => r.title_zh.slice(0, 6))).toEqual(['办件即将到期', '办件已超期:']);
    today = '2026-03-10';
  });

  it('settings: xns_clerk and wl_leader get 403; a text for upload.maxSizeMb is a 400 naming values.upload.maxSizeMb and saves nothing; 10 → 20 → reset is audited twice', async () => {
    for (const u of ['xns_clerk', 'wl_leader']) {
      expect((await call(u, 'GET', '/settings')).statusCode, u).toBe(403);
      expect((await call(u, 'PATCH', '/settings', { values: { 'upload.maxSizeMb': 20 } })).statusCode, u).toBe(403);
    }
    const bad = await call('admin', 'PATCH', '/settings', {
      values: { 'system.name': '武隆民政', 'upload.maxSizeMb': '20' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().fields.map((f) => f.field)).toEqual(['values.upload.maxSizeMb']);
    const unknown = await call('admin', 'PATCH', '/settings', { values: { 'no.such': 1 } });
    expect(unknown.json<ErrorBody>().fields.map((f) => f.field)).toEqual(['values.no.such']);
    const list = ok<Setting[]>(await call('admin', 'GET', '/settings'));
    expect(list.find((s) => s.key === 'system.name')?.isDefault).toBe(true);

    const changed = ok<Setting[]>(await call('admin', 'PATCH', '/settings', { values: { 'upload.maxSizeMb': 20 } }));
    expect(changed.find((s) => s.key === 'upload.maxSizeMb')).toEqual(
      expect.objectContaining({ value: 20, isDefault: false }),
    );
    expect(ok<Record<string, unknown>>(await call('bm_clerk', 'GET', '/settings/public'))['upload.maxSizeMb']).toBe(20);
    ok(await call('admin', 'PATCH', '/settings', { values: { 'upload.maxSizeMb': null } }));
    expect(await t.platform.settings.get('upload.maxSizeMb')).toBe(10);
    const audit = await t.db.query<{ detail: { from: number; to: number } }>(
      "SELECT detail FROM audit_log WHERE action = 'setting.update' AND entity_id = 'upload.maxSizeMb' ORDER BY id",
    );
    expect(audit.rows.map((r) => [r.detail.from, r.detail.to])).toEqual([
      [10, 20],
      [20, 10],
    ]);
  });

  it('switching messages.deadlineReminders off: the job writes 0 messages for an overdue case on 2026-03-23', async () => {
    ok(await call('admin', 'PATCH', '/settings', { values: { 'messages.deadlineReminders': false } }));
    const before = await count("SELECT count(*)::int AS n FROM message WHERE kind = 'case.deadline'");
    today = '2026-03-23';
    const r = await t.platform.jobs.runNow('messages.deadlines', {}, 'test');
    today = '2026-03-10';
    expect(r.status).toBe('succeeded');
    expect(await count("SELECT count(*)::int AS n FROM message WHERE kind = 'case.deadline'")).toBe(before);
    ok(await call('admin', 'PATCH', '/settings', { values: { 'messages.deadlineReminders': true } }));
  });

  it("messages of another user are 404 (read and mark read); marking one read lowers xns_reviewer's unread count by 1; read-all leaves 0", async () => {
    const mine = ok<Inbox<Message>>(await call('xns_reviewer', 'GET', '/messages'));
    expect(mine.unread).toBeGreaterThanOrEqual(3);
    const target = mine.items[0];
    for (const u of ['bm_reviewer', REVIEWER2]) {
      expect((await call(u, 'GET', `/messages/${target.id}`)).statusCode, u).toBe(404);
      expect((await call(u, 'POST', `/messages/${target.id}/read`)).statusCode, u).toBe(404);
    }
    expect(ok<Message>(await call('xns_reviewer', 'GET', `/messages/${target.id}`)).readAt).toBeNull();
    ok(await call('xns_reviewer', 'POST', `/messages/${target.id}/read`));
    expect(ok<{ unread: number }>(await call('xns_reviewer', 'GET', '/messages/unread-count')).unread).toBe(
      mine.unread - 1,
    );
    const all = ok<{ updated: number }>(await call('xns_reviewer', 'POST', '/messages/read-all'));
    expect(all.updated).toBe(mine.unread - 1);
    expect(ok<{ unread: number }>(await call('xns_reviewer', 'GET', '/messages/unread-count')).unread).toBe(0);
  });
});
