import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { changeInitialPassword, createTestPlatform, type Engine, login } from '../support/test-platform.ts';

/**
 * Shared set-up of the approval-step tests (workflow.approval*.test.ts): a platform with three more 仙女山街道
 * reviewers and a second district approver, and 合户申请 (registry.household_merge) cases in 荆竹村.
 */

export const JZ = '500156003204'; // 荆竹村, 仙女山街道
const PASSWORD = 'Shen-He#2026x';
const EXTRA_USERS = [
  { username: 'xns_rev2', displayName: '仙女山街道 审核员 李华', scope: '500156003', role: 'township_reviewer' },
  { username: 'xns_rev3', displayName: '仙女山街道 审核员 赵敏', scope: '500156003', role: 'township_reviewer' },
  { username: 'xns_rev4', displayName: '仙女山街道 审核员 孙伟', scope: '500156003', role: 'township_reviewer' },
  { username: 'wl_approver2', displayName: '武隆区 审批员 周杰', scope: '500156', role: 'district_approver' },
];

export interface Approval {
  step: string;
  round: number;
  approverId: string;
  status: string;
  origin: string;
}
export interface ActionView {
  code: string;
  approvers?: { step: string; role: string; mode: string };
  targets?: Array<{ state: string }>;
}
export interface CaseOut {
  id: string;
  state: string;
  stateName: string;
  version: number;
  closedAt: string | null;
  history: Array<{
    seq: number;
    action: string;
    actionName: string;
    fromState: string | null;
    toState: string;
    comment: string | null;
  }>;
  approvals: Approval[];
  approval: { step: string; mode: string; pending: number } | null;
  actions: ActionView[];
  flowActions: ActionView[];
}
export interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  fields: Array<{ field: string }>;
}

export type Fixture = Awaited<ReturnType<typeof createApprovalFixture>>;

export async function createApprovalFixture(engine: Engine) {
  const t = await createTestPlatform(engine);
  const app = t.app;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let seq = 0;

  // users sign in on first use: each sign-in hashes a password, which is slow on a busy machine
  const passwords: Record<string, string> = {};
  const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    cookies[user] ??= await login(app, user, passwords[user]);
    return app.inject({ method, url: `/api/v1${url}`, headers: { cookie: cookies[user] }, payload });
  };
  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  const fail = (res: LightMyRequestResponse, status: number): ErrorBody => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<ErrorBody>();
  };
  const act = (user: string, c: { id: string; version: number }, action: string, body: object = {}) =>
    call(user, 'POST', `/cases/${c.id}/actions/${action}`, { version: c.version, ...body });
  const getCase = async (id: string, user = 'xns_reviewer') => ok<CaseOut>(await call(user, 'GET', `/cases/${id}`));
  const pending = (c: CaseOut, step: string) =>
    c.approvals.filter((a) => a.step === step && a.status === 'pending').map((a) => a.approverId);

  /** A household in 荆竹村 with the given number of members (the first is the head), registered by xns_clerk. */
  const household = async (members: number) => {
    const people: string[] = [];
    for (let i = 0; i < members; i++) {
      seq += 1;
      const p = ok<{ id: string }>(
        await call('xns_clerk', 'POST', '/persons', {
          idNumber: makeIdNumber('500156', `1971-03-0${1 + (seq % 9)}`, seq),
          name: `合户居民${seq}`,
          regionCode: JZ,
        }),
        201,
      );
      people.push(p.id);
    }
    const h = ok<{ id: string }>(
      await call('xns_clerk', 'POST', '/households', {
        address: `荆竹村 ${seq} 组`,
        regionCode: JZ,
        headPersonId: people[0],
      }),
      201,
    );
    for (const personId of people.slice(1)) {
      ok(
        await call('xns_clerk', 'POST', `/households/${h.id}/members`, {
          personId,
          relationCode: '20',
          validFrom: '2020-01-01',
        }),
      );
    }
    return { id: h.id, people };
  };

  /** Households of 1 and 2 members and a merge case for them, opened by xns_clerk (state 待提交, version 1). */
  const mergeCase = async () => {
    const target = await household(1);
    const source = await household(2);
    const opened = ok<CaseOut>(
      await call('xns_clerk', 'POST', '/cases', {
        workflow: 'registry.household_merge',
        regionCode: JZ,
        title: '合户申请',
        data: {
          targetHouseholdId: target.id,
          sourceHouseholdId: source.id,
          reason: '两户共同生活,申请合并为一户',
          relations: { [source.people[0]]: '10' },
        },
      }),
      201,
    );
    return { target, source, opened };
  };

  /** A merge case submitted by xns_clerk for 会签 to the given township reviewers (version 2). */
  const submitted = async (reviewers: string[]) => {
    const m = await mergeCase();
    const c = ok<CaseOut>(
      await act('xns_clerk', m.opened, 'submit', { input: { approvers: reviewers.map((u) => ids[u]) } }),
    );
    return { ...m, c };
  };

  const orgs = ok<Array<{ id: string; regionCode: string }>>(await call('admin', 'GET', '/orgs'));
  for (const u of EXTRA_USERS) {
    const org = orgs.find((o) => o.regionCode === u.scope);
    if (!org) throw new Error(`no organisation for ${u.scope}`);
    ok(
      await call('admin', 'POST', '/users', {
        username: u.username,
        displayName: u.displayName,
        password: PASSWORD,
        orgId: org.id,
        regionScope: u.scope,
        roles: [u.role],
      }),
      201,
    );
    passwords[u.username] = await changeInitialPassword(t.app, u.username, PASSWORD);
  }
  const { rows } = await t.db.query<{ id: string; username: string }>('SELECT id, username FROM app_user');
  for (const r of rows) ids[r.username] = r.id;

  return { t, ids, call, ok, fail, act, getCase, pending, household, mergeCase, submitted };
}
