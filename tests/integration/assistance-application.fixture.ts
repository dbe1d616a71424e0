import { expect } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { login, type TestPlatform } from '../support/test-platform.ts';

/** Shared steps of the assistance application tests: a household of 3 and an application driven through the API. */

export const JZ = '500156003204'; // 荆竹村, 仙女山街道
export const DS = '500156101202'; // 东升村, 白马镇

interface Res {
  statusCode: number;
  body: string;
  json: () => unknown;
}

export function assistanceDriver(t: () => TestPlatform) {
  const cookies = new Map<string, string>();
  let seq = 600;
  const cookie = async (username: string) => {
    let c = cookies.get(username);
    if (!c) {
      c = await login(t().app, username);
      cookies.set(username, c);
    }
    return c;
  };
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await cookie(who) },
      payload: payload as object,
    });
  const ok = <T>(r: Res, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const view = async (caseId: string, who = 'xns_reviewer') =>
    ok<{ version: number; state: string; publicity: { id: string; endsOn: string } | null }>(
      await call(who, 'GET', `/assistance/applications/${caseId}`),
    );
  const act = async (who: string, caseId: string, action: string, input?: unknown) => {
    const { version } = await view(caseId, who === 'wl_approver' ? 'wl_approver' : 'xns_reviewer');
    return call(who, 'POST', `/cases/${caseId}/actions/${action}`, { version, input });
  };
  const upload = async (who: string, caseId: string) => {
    const boundary = '----huimin-fixture';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nauthorisation\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.4 signed\r\n--${boundary}--\r\n`,
    );
    return t().app.inject({
      method: 'POST',
      url: `/api/v1/assistance/applications/${caseId}/documents`,
      headers: { cookie: await cookie(who), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
  };

  /** Urban household of 3 (head 张小华 born 1985, spouse, child of 10) in a village, registered by the clerk. */
  async function household(region = JZ, clerk = 'xns_clerk') {
    const person = async (name: string, birth: string) => {
      seq += 1;
      const idNumber = makeIdNumber('500156', birth, seq);
      const p = ok<{ id: string }>(await call(clerk, 'POST', '/persons', { idNumber, name, regionCode: region }), 201);
      return { id: p.id, idNumber };
    };
    const head = await person('张小华', '1985-03-04');
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
    return { id: h.id, head, spouse, child };
  }

  /** The worked example's application: one adult earning 1,500 a month (18,000 over 12 months), assets 10,000. */
  function applyBody(h: Awaited<ReturnType<typeof household>>, extra: Record<string, unknown> = {}) {
    return {
      householdId: h.id,
      applicantPersonId: h.head.id,
      channel: 'window',
      area: 'urban',
      requested: ['auto'],
      members: [{ personId: h.child.id, relation: 'child' }],
      incomes: [{ memberId: h.head.id, category: 'wage', kind: 'wage', amountFen: 1_800_000 }],
      assets: { financialAssetsFen: 1_000_000 },
      ...extra,
    };
  }

  /** That household, applied for at the window. */
  async function applied(): Promise<{ caseId: string; idNumbers: string[] }> {
    const h = await household();
    const created = ok<{ caseId: string }>(
      await call('xns_clerk', 'POST', '/assistance/applications', applyBody(h)),
      201,
    );
    return { caseId: created.caseId, idNumbers: [h.head.idNumber, h.spouse.idNumber, h.child.idNumber] };
  }

  /** Accepted, visited by two, verified, reviewed and put on 公示 (on the platform's today). */
  async function inPublicity(): Promise<{ caseId: string; publicityId: string; endsOn: string; idNumbers: string[] }> {
    const a = await applied();
    ok(await upload('xns_clerk', a.caseId), 201);
    ok(await act('xns_clerk', a.caseId, 'accept'));
    const visit = ok<{ id: string }>(
      await call('xns_clerk', 'POST', `/assistance/applications/${a.caseId}/visits`, {
        kind: 'home_visit',
        visitedOn: '2025-11-04',
        notes: '入户调查',
      }),
      201,
    );
    ok(await call('xns_reviewer', 'POST', `/assistance/visits/${visit.id}/sign`, {}));
    ok(await act('xns_reviewer', a.caseId, 'complete_verification'));
    ok(await act('xns_reviewer', a.caseId, 'start_publicity'));
    const v = await view(a.caseId);
    if (!v.publicity) throw new Error('no publicity');
    return { ...a, publicityId: v.publicity.id, endsOn: v.publicity.endsOn };
  }

  return { call, ok, view, act, upload, household, applyBody, applied, inPublicity };
}
