import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/test-platform.ts';
import { type CaseOut, createApprovalFixture, type Fixture } from './workflow.approval-fixture.ts';

/**
 * The kernel's Chinese approval steps on the 合户申请 demo workflow (registry.household_merge): 会签 needs every chosen
 * township reviewer, 或签 the first district approver, 加签 adds one more who must also agree, 转办 hands a pending task
 * to another reviewer. Every case runs on PGlite and on PostgreSQL.
 */

interface HouseholdOut {
  id: string;
  members: Array<{ personId: string; relationCode: string }>;
  history: Array<{ personId: string; validTo: string | null }>;
}

describe.each(ENGINES)('会签 / 或签 / 加签 / 转办 on %s', (engine) => {
  let f: Fixture;
  let ids: Fixture['ids'];

  beforeAll(async () => {
    f = await createApprovalFixture(engine);
    ids = f.ids;
  });

  afterAll(async () => {
    await f?.t.close();
  });

  it('submit for 会签 needs ≥ 2 eligible reviewers: none → 400 input.approvers, 1 → 400, a 白马镇 reviewer → 400 input.approvers.1', async () => {
    const { opened } = await f.mergeCase();
    for (const [approvers, field] of [
      [undefined, 'input.approvers'],
      [[ids.xns_reviewer], 'input.approvers'],
      [[ids.xns_reviewer, ids.bm_reviewer], 'input.approvers.1'],
      [[ids.xns_reviewer, ids.xns_clerk], 'input.approvers.1'],
    ] as const) {
      const err = f.fail(await f.act('xns_clerk', opened, 'submit', { input: { approvers } }), 400);
      expect(
        err.fields.map((f) => f.field),
        JSON.stringify(approvers),
      ).toContain(field);
      expect(err.message_zh).toContain('「乡镇会签」');
    }
    expect((await f.getCase(opened.id)).version).toBe(1);
  });

  it("会签 with 3 approvers: in each approver's /tasks?scope=mine until decided; after 2 approvals still 「乡镇会签」 (1 pending); a 4th reviewer gets 403; the 3rd approval (choosing 2 district approvers) moves it to 「区县或签」", async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2', 'xns_rev3']);
    expect(c.state).toBe('township_review');
    expect(c.version).toBe(2);
    expect(f.pending(c, 'township_review').sort()).toEqual([ids.xns_reviewer, ids.xns_rev2, ids.xns_rev3].sort());

    const mine = async (u: string) =>
      f
        .ok<{ items: Array<{ id: string }> }>(await f.call(u, 'GET', '/tasks?scope=mine&pageSize=200'))
        .items.map((i) => i.id);
    expect(await mine('xns_rev2')).toContain(c.id);
    expect(await mine('xns_rev4')).not.toContain(c.id);

    const a1 = f.ok<CaseOut>(await f.act('xns_reviewer', c, 'township_agree', { comment: '同意' }));
    expect(await mine('xns_reviewer')).not.toContain(c.id);
    expect(a1.state).toBe('township_review');
    const a2 = f.ok<CaseOut>(await f.act('xns_rev2', a1, 'township_agree'));
    expect(a2.state).toBe('township_review');
    expect(a2.version).toBe(4);
    expect(a2.approval?.pending).toBe(1);
    expect(a2.history.slice(-2).map((h) => [h.actionName, h.fromState, h.toState])).toEqual([
      ['会签', 'township_review', 'township_review'],
      ['会签', 'township_review', 'township_review'],
    ]);

    const outsider = f.fail(await f.act('xns_rev4', a2, 'township_agree'), 403);
    expect(outsider.code).toBe('workflow.forbidden');
    expect(outsider.message_zh).toContain('「乡镇会签」');

    const third = await f.getCase(c.id, 'xns_rev3');
    const agree = third.actions.find((a) => a.code === 'township_agree');
    expect(agree?.approvers).toMatchObject({ step: 'district_review', role: 'district_approver', mode: 'any' });
    const noChoice = f.fail(await f.act('xns_rev3', a2, 'township_agree'), 400);
    expect(noChoice.fields.map((f) => f.field)).toContain('input.approvers');
    expect(noChoice.message_zh).toContain('「区县或签」');

    const a3 = f.ok<CaseOut>(
      await f.act('xns_rev3', a2, 'township_agree', { input: { approvers: [ids.wl_approver, ids.wl_approver2] } }),
    );
    expect(a3.state).toBe('district_review');
    expect(a3.version).toBe(5);
    expect(a3.history.at(-1)).toMatchObject({ action: 'countersign', fromState: 'township_review' });
    expect(a3.approvals.filter((a) => a.step === 'township_review').map((a) => a.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
    expect(f.pending(a3, 'district_review').sort()).toEqual([ids.wl_approver, ids.wl_approver2].sort());
  });

  it('或签 with 2 district approvers: the first approval merges the households (2 members move, old memberships kept), the other task → skipped, then 422', async () => {
    const { c, target, source } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    const a1 = f.ok<CaseOut>(await f.act('xns_reviewer', c, 'township_agree'));
    const inDistrict = f.ok<CaseOut>(
      await f.act('xns_rev2', a1, 'township_agree', { input: { approvers: [ids.wl_approver, ids.wl_approver2] } }),
    );
    const merged = f.ok<CaseOut>(await f.act('wl_approver2', inDistrict, 'district_agree', { comment: '同意合户' }));
    expect(merged.state).toBe('merged');
    expect(merged.closedAt).not.toBeNull();
    expect(merged.history.at(-1)).toMatchObject({
      actionName: '或签',
      fromState: 'district_review',
      toState: 'merged',
    });
    const district = merged.approvals.filter((a) => a.step === 'district_review');
    expect(district.find((a) => a.approverId === ids.wl_approver2)?.status).toBe('approved');
    expect(district.find((a) => a.approverId === ids.wl_approver)?.status).toBe('skipped');

    const late = f.fail(await f.act('wl_approver', merged, 'district_agree'), 422);
    expect(late.message_zh).toContain('「已合户」');

    const th = f.ok<HouseholdOut>(await f.call('xns_clerk', 'GET', `/households/${target.id}`));
    expect(th.members.map((m) => m.personId).sort()).toEqual([...target.people, ...source.people].sort());
    expect(th.members.find((m) => m.personId === source.people[0])?.relationCode).toBe('10');
    expect(th.members.find((m) => m.personId === source.people[1])?.relationCode).toBe('99');
    const sh = f.ok<HouseholdOut>(await f.call('xns_clerk', 'GET', `/households/${source.id}`));
    expect(sh.members).toEqual([]);
    expect(sh.history.filter((m) => m.validTo !== null)).toHaveLength(2);
    const audit = await f.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'household.merged' AND entity_id = $1",
      [target.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('加签: 3 approvers + xns_rev4 added by xns_reviewer → after the first 3 agree still 「乡镇会签」; the 4th approval moves it on', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2', 'xns_rev3']);
    const dup = f.fail(await f.act('xns_reviewer', c, 'add_approver', { input: { userId: ids.xns_rev2 } }), 400);
    expect(dup.fields.map((f) => f.field)).toContain('input.userId');
    const added = f.ok<CaseOut>(await f.act('xns_reviewer', c, 'add_approver', { input: { userId: ids.xns_rev4 } }));
    expect(added.history.at(-1)?.actionName).toBe('加签');
    expect(f.pending(added, 'township_review')).toHaveLength(4);
    expect(added.approvals.find((a) => a.approverId === ids.xns_rev4)?.origin).toBe('added');

    let cur = added;
    for (const u of ['xns_reviewer', 'xns_rev2', 'xns_rev3'])
      cur = f.ok<CaseOut>(await f.act(u, cur, 'township_agree'));
    expect(cur.state).toBe('township_review');
    expect(f.pending(cur, 'township_review')).toEqual([ids.xns_rev4]);
    const last = f.ok<CaseOut>(
      await f.act('xns_rev4', cur, 'township_agree', { input: { approvers: [ids.wl_approver] } }),
    );
    expect(last.state).toBe('district_review');
    expect(last.approvals.filter((a) => a.step === 'township_review' && a.status === 'approved')).toHaveLength(4);
  });

  it('转办: xns_rev2 hands her task to xns_rev4 (no reason → 400, 白马镇 reviewer → 400) → xns_rev4 agrees, xns_rev2 gets 403 naming 「乡镇会签」', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    const noReason = f.fail(await f.act('xns_rev2', c, 'transfer', { input: { toUserId: ids.xns_rev4 } }), 400);
    expect(noReason.fields.map((f) => f.field)).toContain('comment');
    const outside = f.fail(
      await f.act('xns_rev2', c, 'transfer', { input: { toUserId: ids.bm_reviewer }, comment: '出差' }),
      400,
    );
    expect(outside.fields.map((f) => f.field)).toContain('input.toUserId');
    const notMine = f.fail(
      await f.act('xns_rev3', c, 'transfer', { input: { toUserId: ids.xns_rev4 }, comment: '出差' }),
      403,
    );
    expect(notMine.message_zh).toContain('「乡镇会签」');

    const moved = f.ok<CaseOut>(
      await f.act('xns_rev2', c, 'transfer', { input: { toUserId: ids.xns_rev4 }, comment: '本周出差,转交李华' }),
    );
    expect(moved.history.at(-1)).toMatchObject({ actionName: '转办', fromState: 'township_review' });
    expect(moved.approvals.find((a) => a.approverId === ids.xns_rev2)?.status).toBe('transferred');
    expect(f.pending(moved, 'township_review').sort()).toEqual([ids.xns_reviewer, ids.xns_rev4].sort());

    const refused = f.fail(await f.act('xns_rev2', moved, 'township_agree'), 403);
    expect(refused.code).toBe('workflow.forbidden');
    expect(refused.message_zh).toContain('「乡镇会签」');
    const byNew = f.ok<CaseOut>(await f.act('xns_rev4', moved, 'township_agree'));
    expect(byNew.state).toBe('township_review');
    expect(f.pending(byNew, 'township_review')).toEqual([ids.xns_reviewer]);
  });

  it('two 会签 approvers deciding at once with the same version → one 200, one 409 workflow.conflict; exactly 1 task approved', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2', 'xns_rev3']);
    const results = await Promise.all(['xns_reviewer', 'xns_rev2'].map((u) => f.act(u, c, 'township_agree')));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = await f.getCase(c.id);
    expect(after.version).toBe(3);
    expect(after.approvals.filter((a) => a.status === 'approved')).toHaveLength(1);
    expect(f.pending(after, 'township_review')).toHaveLength(2);
  });
});
