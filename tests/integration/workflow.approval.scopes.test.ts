import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { ENGINES } from '../support/test-platform.ts';
import { type CaseOut, createApprovalFixture, type Fixture } from './workflow.approval-fixture.ts';

/**
 * Data scope of the approval steps: a 白马镇 (township B) user acting on a 仙女山街道 (township A) case gets the same
 * 404 as for a case that does not exist, for every action, and nothing is written.
 */

describe.each(ENGINES)('approval steps outside scope on %s', (engine) => {
  let f: Fixture;
  let ids: Fixture['ids'];

  beforeAll(async () => {
    f = await createApprovalFixture(engine);
    ids = f.ids;
  });

  afterAll(async () => {
    await f?.t.close();
  });

  it('bm_reviewer / bm_clerk on a 仙女山街道 case: GET, candidates and 9 actions (会签, 驳回, 转办, 加签, 催办, 撤销 …) → 404 not_found; version stays 2', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    const attempts: Array<[string, string, object]> = [
      ['bm_reviewer', 'township_agree', {}],
      ['bm_reviewer', 'township_disagree', { comment: '不同意' }],
      ['bm_reviewer', 'return', { input: { toState: 'drafted' }, comment: '退回补正' }],
      ['bm_reviewer', 'transfer', { input: { toUserId: ids.bm_reviewer }, comment: '出差' }],
      ['bm_reviewer', 'add_approver', { input: { userId: ids.bm_reviewer } }],
      ['bm_reviewer', 'remind', {}],
      ['bm_clerk', 'remind', {}],
      ['bm_clerk', 'withdraw', {}],
      ['bm_clerk', 'submit', { input: { approvers: [ids.bm_reviewer, ids.xns_reviewer] } }],
    ];
    for (const [user, action, body] of attempts) {
      const err = f.fail(await f.act(user, c, action, body), 404);
      expect(err.code, `${user} ${action}`).toBe('not_found');
    }
    for (const user of ['bm_reviewer', 'bm_clerk']) {
      expect((await f.call(user, 'GET', `/cases/${c.id}`)).statusCode).toBe(404);
      expect((await f.call(user, 'GET', `/cases/${c.id}/candidates?role=township_reviewer`)).statusCode).toBe(404);
    }
    // same answer as a case that does not exist
    const missing = f.fail(await f.act('bm_reviewer', { id: crypto.randomUUID(), version: 2 }, 'remind'), 404);
    expect(missing.code).toBe('not_found');
    const after = await f.getCase(c.id);
    expect(after.version).toBe(2);
    expect(after.history).toHaveLength(2);
  });

  it('candidates for 仙女山街道 case: 4 township reviewers of 仙女山街道 (none of 白马镇); 3 district approvers (demo wl_approver, wl_checker + one created); a role the workflow does not use → 400', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    const reviewers = f.ok<Array<{ id: string }>>(
      await f.call('xns_reviewer', 'GET', `/cases/${c.id}/candidates?role=township_reviewer`),
    );
    expect(reviewers.map((u) => u.id).sort()).toEqual(
      [ids.xns_reviewer, ids.xns_rev2, ids.xns_rev3, ids.xns_rev4].sort(),
    );
    const approvers = f.ok<Array<{ id: string }>>(
      await f.call('xns_reviewer', 'GET', `/cases/${c.id}/candidates?role=district_approver`),
    );
    expect(approvers.map((u) => u.id).sort()).toEqual([ids.wl_approver, ids.wl_checker, ids.wl_approver2].sort());
    const bad = f.fail(await f.call('xns_reviewer', 'GET', `/cases/${c.id}/candidates?role=sys_admin`), 400);
    expect(bad.fields.map((e) => e.field)).toContain('role');
  });

  it('a 白马镇 case is invisible the other way round: xns_reviewer gets 404 on 驳回/催办 of a case opened by bm_clerk', async () => {
    const target = await bmHousehold(f);
    const source = await bmHousehold(f);
    const opened = f.ok<CaseOut>(
      await f.call('bm_clerk', 'POST', '/cases', {
        workflow: 'registry.household_merge',
        regionCode: DS,
        title: '合户申请',
        data: { targetHouseholdId: target, sourceHouseholdId: source, reason: '共同生活' },
      }),
      201,
    );
    for (const action of ['remind', 'return', 'withdraw']) {
      const err = f.fail(await f.act('xns_reviewer', opened, action, { comment: '试一试' }), 404);
      expect(err.code).toBe('not_found');
    }
    expect((await f.getCase(opened.id, 'bm_reviewer')).version).toBe(1);
  });
});

const DS = '500156101202'; // 东升村, 白马镇

let bmSeq = 900;
/** A household of one in 东升村 registered by bm_clerk. */
async function bmHousehold(f: Fixture): Promise<string> {
  bmSeq += 1;
  const p = f.ok<{ id: string }>(
    await f.call('bm_clerk', 'POST', '/persons', {
      idNumber: makeIdNumber('500156', '1980-05-05', bmSeq),
      name: `白马居民${bmSeq}`,
      regionCode: DS,
    }),
    201,
  );
  const h = f.ok<{ id: string }>(
    await f.call('bm_clerk', 'POST', '/households', {
      address: `东升村 ${bmSeq} 组`,
      regionCode: DS,
      headPersonId: p.id,
    }),
    201,
  );
  return h.id;
}
