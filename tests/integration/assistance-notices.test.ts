import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const DS = '500156101202'; // 东升村, 白马镇

interface Res {
  statusCode: number;
  body: string;
  rawPayload: Buffer;
  headers: Record<string, unknown>;
  json: () => unknown;
}

interface Progress {
  state: string;
  steps: { key: string; status: string; organisation: string; dueOn: string | null }[];
  decision: { outcome: string; startMonth: string | null; monthlyTotalFen: number; reasons: string[] } | null;
  noticeAvailable: boolean;
  documents: { kind: string }[];
}

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  return text.replace(/\s+/g, '').replace(/编号[A-Za-z0-9-]+第\d+页共\d+页/g, '');
}

describe.each(ENGINES)('决定通知书 and 掌上办 社会救助 on %s', (engine) => {
  let t: TestPlatform;
  let today = '2025-11-03'; // a Monday
  const sms: string[] = [];
  const cookies = new Map<string, string>();
  let seq = 300;

  const cookie = async (who: string) => {
    if (who.startsWith('hm_portal=')) return who;
    let c = cookies.get(who);
    if (!c) {
      c = await login(t.app, who);
      cookies.set(who, c);
    }
    return c;
  };
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers = {}) =>
    (await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await cookie(who), ...headers },
      payload: payload as Record<string, unknown>,
    })) as unknown as Res;
  const ok = <T>(r: Res, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;
  const version = async (caseId: string) =>
    ok<{ version: number }>(await call('xns_reviewer', 'GET', `/assistance/applications/${caseId}`)).version;
  const act = async (who: string, caseId: string, action: string, input?: unknown) =>
    call(who, 'POST', `/cases/${caseId}/actions/${action}`, { version: await version(caseId), input });
  const upload = async (who: string, url: string, kind: string) => {
    const boundary = '----huimin-portal';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="authorisation.jpg"\r\n` +
          'Content-Type: image/jpeg\r\n\r\n',
      ),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return (await t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie: await cookie(who), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    })) as unknown as Res;
  };

  /** A household of 3 registered by the clerk; the head has a phone and signs in to the portal. */
  async function residentHousehold(region = JZ, clerk = 'xns_clerk') {
    const person = async (name: string, birth: string, phone?: string) => {
      seq += 1;
      const idNumber = makeIdNumber('500156', birth, seq);
      const p = ok<{ id: string }>(
        await call(clerk, 'POST', '/persons', { idNumber, name, regionCode: region, ...(phone ? { phone } : {}) }),
        201,
      );
      return { id: p.id, idNumber };
    };
    const phone = `139${String(10_000_000 + seq).slice(-8)}`;
    const head = await person('张小华', '1985-03-04', phone);
    const spouse = await person('李红', '1987-06-01');
    const child = await person('张乐', '2015-09-09');
    const h = ok<{ id: string }>(
      await call(clerk, 'POST', '/households', { address: `测试${seq}号`, regionCode: region, headPersonId: head.id }),
      201,
    );
    for (const [m, code] of [
      [spouse, '10'],
      [child, '20'],
    ] as const) {
      ok(
        await call(clerk, 'POST', `/households/${h.id}/members`, {
          personId: m.id,
          relationCode: code,
          validFrom: '2020-01-01',
        }),
      );
    }
    await t.app.inject({ method: 'POST', url: '/api/v1/portal/otp', payload: { idNumber: head.idNumber, phone } });
    const code = /(\d{6})/.exec(sms[sms.length - 1] ?? '')?.[1];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { idNumber: head.idNumber, phone, code },
    });
    const portal = res.cookies.find((c) => c.name === 'hm_portal');
    if (!portal) throw new Error(`portal login failed: ${res.statusCode} ${res.body}`);
    return { id: h.id, head, spouse, child, cookie: `hm_portal=${portal.value}` };
  }

  /** The worked example from the phone: the head earns 1,500 a month (18,000 over 12 months), assets 10,000. */
  async function applyFromPortal(r: Awaited<ReturnType<typeof residentHousehold>>, key: string) {
    const form = ok<{ members: { personId: string; name: string; self: boolean }[] }>(
      await call(r.cookie, 'GET', '/portal/assistance/form'),
    );
    const self = form.members.find((m) => m.self);
    return call(
      r.cookie,
      'POST',
      '/portal/assistance/applications',
      {
        area: 'urban',
        requested: ['auto'],
        members: [],
        incomes: [{ memberId: self?.personId, category: 'wage', kind: 'wage', amountFen: 1_800_000 }],
        assets: { financialAssetsFen: 1_000_000 },
      },
      { 'idempotency-key': key },
    );
  }

  beforeAll(async () => {
    t = await createTestPlatform(engine, {
      today: () => today,
      sms: { send: async (_phone, text) => void sms.push(text) },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a resident applies from the phone for their own household: members masked, one case for a double submit, photo upload', async () => {
    today = '2025-11-03';
    const r = await residentHousehold();
    const form = ok<{ members: { name: string; self: boolean; personId: string }[] }>(
      await call(r.cookie, 'GET', '/portal/assistance/form'),
    );
    expect(form.members.map((m) => m.name).sort()).toEqual(['张*', '张小华', '李*'].sort());
    const before = await count('SELECT count(*)::int AS n FROM assistance_application');
    const first = ok<{ caseId: string; caseNo: string }>(await applyFromPortal(r, 'portal-apply-1'), 201);
    const again = ok<{ caseId: string }>(await applyFromPortal(r, 'portal-apply-1'), 201);
    expect(again.caseId).toBe(first.caseId);
    expect(await count('SELECT count(*)::int AS n FROM assistance_application')).toBe(before + 1);
    expect(
      await count(`SELECT count(*)::int AS n FROM assistance_application WHERE case_id = $1 AND channel = 'portal'`, [
        first.caseId,
      ]),
    ).toBe(1);

    // bad input: a member of another household, a negative income → 400 naming the field, nothing written
    const other = await residentHousehold();
    const foreign = await call(r.cookie, 'POST', '/portal/assistance/applications', {
      area: 'urban',
      incomes: [{ memberId: other.head.id, category: 'wage', kind: 'wage', amountFen: 100 }],
      assets: { financialAssetsFen: 0 },
    });
    expect(foreign.statusCode, foreign.body).toBe(400);
    expect(foreign.body).toContain('incomes.0.memberId');
    const negative = await call(r.cookie, 'POST', '/portal/assistance/applications', {
      area: 'urban',
      incomes: [{ memberId: r.head.id, category: 'wage', kind: 'wage', amountFen: -5 }],
      assets: { financialAssetsFen: 0 },
    });
    expect(negative.statusCode).toBe(400);
    expect(await count('SELECT count(*)::int AS n FROM assistance_application')).toBe(before + 1);

    ok(await upload(r.cookie, `/portal/assistance/applications/${first.caseId}/documents`, 'authorisation'), 201);
    const progress = ok<Progress>(await call(r.cookie, 'GET', `/portal/assistance/applications/${first.caseId}`));
    expect(progress.state).toBe('submitted');
    expect(progress.documents).toEqual([expect.objectContaining({ kind: 'authorisation' })]);
    expect(progress.steps.map((s) => `${s.key}:${s.status}`).slice(0, 3)).toEqual([
      'submit:done',
      'accept:current',
      'verify:pending',
    ]);
    expect(progress.steps.find((s) => s.key === 'approve')?.organisation).toBe('武隆区民政局');
    // whole procedure: 30 working days from 2025-11-03 → 2025-12-15
    expect(progress.steps.at(-1)?.dueOn).toBe('2025-12-15');
    expect(progress.noticeAvailable).toBe(false);

    // another household's resident sees nothing of it (404 like a missing case)
    for (const url of [
      `/portal/assistance/applications/${first.caseId}`,
      `/portal/assistance/applications/${first.caseId}/notice.pdf`,
    ]) {
      expect((await call(other.cookie, 'GET', url)).statusCode).toBe(404);
    }
    expect(
      (await upload(other.cookie, `/portal/assistance/applications/${first.caseId}/documents`, 'other')).statusCode,
    ).toBe(404);
    // staff: no notice before a decision; out of scope looks like missing
    const early = await call('xns_clerk', 'GET', `/assistance/applications/${first.caseId}/notice.pdf`);
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'assistance.notice_unavailable' });
    expect((await call('bm_clerk', 'GET', `/assistance/applications/${first.caseId}/notice.pdf`)).statusCode).toBe(404);
    // the proposal's trace in plain words, names masked: (770 − 423) × 3 = 1,041
    const preview = ok<{ stage: string; sections: { heading: string; steps: { zh: string }[] }[] }>(
      await call('xns_clerk', 'GET', `/assistance/applications/${first.caseId}/notice`),
    );
    expect(preview.stage).toBe('proposal');
    const words = preview.sections.flatMap((s) => s.steps.map((x) => x.zh)).join('\n');
    expect(words).toContain('(770.00 − 423.00) × 3 = 1041.00元');
    expect(words).toContain('张*华(申请人');
    expect(words).not.toContain('张小华');
  });

  it('approved: the staff PDF says 低保 1041.00 a month from December 2025 (audited), the resident sees the same', async () => {
    today = '2025-11-03';
    const r = await residentHousehold();
    const { caseId } = ok<{ caseId: string }>(await applyFromPortal(r, 'portal-apply-2'), 201);
    ok(await upload(r.cookie, `/portal/assistance/applications/${caseId}/documents`, 'authorisation'), 201);
    ok(await act('xns_clerk', caseId, 'accept'));
    const visit = ok<{ id: string }>(
      await call('xns_clerk', 'POST', `/assistance/applications/${caseId}/visits`, {
        kind: 'home_visit',
        visitedOn: '2025-11-04',
        notes: '入户查看,情况属实',
      }),
      201,
    );
    ok(await call('xns_reviewer', 'POST', `/assistance/visits/${visit.id}/sign`, {}));
    ok(await act('xns_clerk', caseId, 'complete_verification'));
    today = '2025-11-05';
    ok(await act('xns_reviewer', caseId, 'start_publicity'));
    today = '2025-11-13';
    ok(await act('xns_reviewer', caseId, 'submit_to_district'));
    ok(await act('wl_approver', caseId, 'approve'));

    const audits = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'assistance.notice.download'`);
    const res = await call('wl_approver', 'GET', `/assistance/applications/${caseId}/notice.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('社会救助审批决定通知书');
    expect(text).toContain('最低生活保障');
    expect(text).toContain('每月1041.00元');
    expect(text).toContain('自2025年12月起按月发放');
    expect(text).toContain('重庆市武隆区民政局');
    expect(text).toContain('(770.00−423.00)×3=1041.00元');
    expect(text).not.toContain(r.head.idNumber);
    expect(text).toContain(`${r.head.idNumber.slice(0, 6)}********${r.head.idNumber.slice(-4)}`);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'assistance.notice.download'`)).toBe(
      audits + 1,
    );

    const progress = ok<Progress>(await call(r.cookie, 'GET', `/portal/assistance/applications/${caseId}`));
    expect(progress.state).toBe('approved');
    expect(progress.steps.every((s) => s.status === 'done')).toBe(true);
    expect(progress.decision).toMatchObject({ outcome: 'approved', startMonth: '2025-12', monthlyTotalFen: 104_100 });
    const mine = await call(r.cookie, 'GET', `/portal/assistance/applications/${caseId}/notice.pdf`);
    expect(mine.statusCode).toBe(200);
    expect(await pdfText(mine.rawPayload)).toContain('每月1041.00元');

    // 定期报告 from the portal for the new enrollment; another household cannot report on it
    const enrolled = ok<{ items: { id: string; programme: string; amountFen: number }[] }>(
      await call(r.cookie, 'GET', '/portal/assistance/enrollments'),
    );
    expect(enrolled.items).toEqual([
      expect.objectContaining({ programme: 'minimumLivingAllowance', amountFen: 104_100 }),
    ]);
    const report = { enrollmentId: enrolled.items[0].id, kind: 'periodic', summary: '家庭情况无变化' };
    const other = await residentHousehold();
    expect((await call(other.cookie, 'POST', '/portal/assistance/reports', report)).statusCode).toBe(404);
    ok(await call(r.cookie, 'POST', '/portal/assistance/reports', report), 201);
    const after = ok<{ reports: { kind: string; status: string }[] }>(
      await call(r.cookie, 'GET', '/portal/assistance/enrollments'),
    );
    expect(after.reports).toEqual([expect.objectContaining({ kind: 'periodic', status: 'submitted' })]);
  });

  it('not accepted at the window: the notice gives the clerk’s written reason; the applicant of 白马镇 is out of 仙女山’s scope', async () => {
    today = '2025-11-03';
    const r = await residentHousehold();
    const { caseId } = ok<{ caseId: string }>(await applyFromPortal(r, 'portal-apply-3'), 201);
    ok(await act('xns_clerk', caseId, 'not_accept', { reasons: ['户籍不在本街道,请向户籍地申请'] }));
    const res = await call('xns_clerk', 'GET', `/assistance/applications/${caseId}/notice.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('社会救助申请不予受理通知书');
    expect(text).toContain('1.户籍不在本街道,请向户籍地申请');
    expect(text).toContain('仙女山街道办事处');
    const progress = ok<Progress>(await call(r.cookie, 'GET', `/portal/assistance/applications/${caseId}`));
    expect(progress.decision).toMatchObject({ outcome: 'not_accepted', reasons: ['户籍不在本街道,请向户籍地申请'] });
    expect(progress.steps.find((s) => s.key === 'accept')?.status).toBe('failed');

    const bm = await residentHousehold(DS, 'bm_clerk');
    const bmCase = ok<{ caseId: string }>(await applyFromPortal(bm, 'portal-apply-4'), 201);
    expect((await call('xns_reviewer', 'GET', `/assistance/applications/${bmCase.caseId}/notice`)).statusCode).toBe(
      404,
    );
  });
});
