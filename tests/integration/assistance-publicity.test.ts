import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';
import { assistanceDriver, DS, JZ } from './assistance-application.fixture.ts';

describe.each(ENGINES)('公示 public notice on %s', (engine) => {
  let t: TestPlatform;
  let today = '2025-11-05';
  const d = assistanceDriver(() => t);
  const pub = (url: string, method: 'GET' | 'POST' = 'GET', payload?: object, ip = '10.0.0.1') =>
    t.app.inject({ method, url: `/api/v1${url}`, payload, remoteAddress: ip });

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => today, assistancePublicityDays: 7 });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the village page needs no login, shows masked names and amounts of open notices only, never ID numbers', async () => {
    today = '2025-11-05';
    const n = await d.inPublicity();
    const res = await pub(`/public/publicity?village=${JZ}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { villageName: string; items: Record<string, unknown>[] };
    expect(body.villageName).toContain('荆竹村');
    const item = body.items.find((i) => i.id === n.publicityId);
    expect(item).toMatchObject({
      maskedName: '张*华',
      programme: 'minimumLivingAllowance',
      programmeName: '最低生活保障',
      members: 3,
      amountFen: 104_100,
      startsOn: '2025-11-06',
      endsOn: '2025-11-12',
    });
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'amountFen',
        'endsOn',
        'id',
        'maskedName',
        'members',
        'programme',
        'programmeName',
        'programmeNameEn',
        'startsOn',
      ].sort(),
    );
    for (const id of n.idNumbers) {
      expect(res.body).not.toContain(id);
      expect(res.body).not.toContain(id.slice(-4));
    }
    expect((await pub(`/public/publicity?village=${DS}`)).json()).toMatchObject({ items: [] });
    // after the last day the notice leaves the page
    today = '2025-11-13';
    expect(((await pub(`/public/publicity?village=${JZ}`)).json() as { items: unknown[] }).items).toHaveLength(0);
  }, 60_000);

  it('bad village codes are 400 with the field; objections need content and a contact; late public objections are refused', async () => {
    today = '2025-11-05';
    const bad = await pub('/public/publicity?village=5001');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('village');
    const n = await d.inPublicity();
    const noContact = await pub(
      `/public/publicity/${n.publicityId}/objections`,
      'POST',
      { content: '收入不实,有小卖部' },
      '10.0.0.2',
    );
    expect(noContact.statusCode).toBe(400);
    expect(noContact.body).toContain('contact');
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assistance_objection')).rows[0].n;
    today = '2025-11-13';
    const late = await pub(
      `/public/publicity/${n.publicityId}/objections`,
      'POST',
      { content: '收入不实,有小卖部', contact: '13900002222' },
      '10.0.0.2',
    );
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'assistance.publicity_closed' });
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assistance_objection')).rows[0].n).toBe(
      before,
    );
    // the district approves once the period is over and nothing is open
    d.ok(await d.act('xns_reviewer', n.caseId, 'submit_to_district'));
    d.ok(await d.act('wl_approver', n.caseId, 'approve'));
  }, 60_000);

  it('staff see the objector’s phone masked; 白马镇 staff cannot record or resolve objections on a 仙女山 notice (404)', async () => {
    today = '2025-11-05';
    const n = await d.inPublicity();
    const posted = await pub(
      `/public/publicity/${n.publicityId}/objections`,
      'POST',
      { content: '该户子女在外务工收入较高', contact: '电话13900003333' },
      '10.0.0.3',
    );
    expect(posted.statusCode, posted.body).toBe(201);
    const detail = await d.call('xns_reviewer', 'GET', `/assistance/applications/${n.caseId}`);
    expect(detail.body).toContain('139****3333');
    expect(detail.body).not.toContain('13900003333');
    const objectionId = (posted.json() as { id: string }).id;
    expect(
      (
        await d.call('bm_reviewer', 'POST', `/assistance/publicity/${n.publicityId}/objections`, {
          content: '白马镇登记的异议',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await d.call('bm_reviewer', 'POST', `/assistance/objections/${objectionId}/resolve`, {
          outcome: 'dismissed',
          resolution: '不成立',
        })
      ).statusCode,
    ).toBe(404);
  }, 60_000);

  it('the public objection route is rate limited per address (5 a minute → the 6th is 429)', async () => {
    today = '2025-11-05';
    const n = await d.inPublicity();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await pub(
        `/public/publicity/${n.publicityId}/objections`,
        'POST',
        { content: `第${i}条异议内容`, contact: 'someone@example.com' },
        '10.9.9.9',
      );
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(codes[5]).toBe(429);
  }, 60_000);
  it('a standard cut after 公示 changes 低保 into 低保边缘: approval is refused (422 decision_changed), nothing enrolled', async () => {
    // far from the other tests' dates, so the new parameter row touches no other case
    today = '2029-12-20';
    const n = await d.inPublicity();
    expect((await d.view(n.caseId)).publicity).toMatchObject({ endsOn: '2029-12-27' });
    const cut = await d.call('admin', 'POST', '/policy/assistance/parameters', {
      key: 'dibaoStandardFen',
      regionCode: '500156003',
      effectiveFrom: '2030-01-01',
      value: { urban: 40_000, rural: 30_000 },
      source: '测试:标准下调至 400 元',
    });
    expect(cut.statusCode, cut.body).toBe(201);
    today = '2030-01-10';
    d.ok(await d.act('xns_reviewer', n.caseId, 'submit_to_district'));
    // per-capita income 423 ≥ 400: no longer 低保, but < 1.5 × 400 = 600: 低保边缘, not what the village saw
    const refused = await d.act('wl_approver', n.caseId, 'approve');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'assistance.decision_changed' });
    expect((refused.json() as { message_zh: string }).message_zh).toContain('最低生活保障');
    expect((await d.view(n.caseId)).state).toBe('district_approval');
    const enrolled = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM assistance_enrollment WHERE case_id = $1',
      [n.caseId],
    );
    expect(enrolled.rows[0].n).toBe(0);
  }, 60_000);
});
