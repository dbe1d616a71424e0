import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/test-platform.ts';
import { type CaseOut, createApprovalFixture, type Fixture } from './workflow.approval-fixture.ts';

/**
 * 驳回 (return to an earlier step, history appended), 催办 (remind: history row + case.reminded event) and 撤销
 * (withdraw by the opener, only before any approval) on 合户申请 cases, plus the optimistic version check of each.
 */

interface ActionRowOut {
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  at: string;
  comment: string | null;
}

describe.each(ENGINES)('驳回 / 催办 / 撤销 on %s', (engine) => {
  let f: Fixture;
  let ids: Fixture['ids'];

  const actionRows = async (caseId: string) =>
    (
      await f.t.db.query<ActionRowOut>(
        `SELECT seq, action, from_state, to_state, actor_id, at::text AS at, comment FROM wf_action
         WHERE case_id = $1 ORDER BY seq`,
        [caseId],
      )
    ).rows;

  /** A merge case through the township 会签 (xns_reviewer + xns_rev2 + xns_rev3) into 区县或签 (wl_approver). */
  const inDistrict = async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2', 'xns_rev3']);
    let cur = c;
    for (const u of ['xns_reviewer', 'xns_rev2']) cur = f.ok<CaseOut>(await f.act(u, cur, 'township_agree'));
    return f.ok<CaseOut>(await f.act('xns_rev3', cur, 'township_agree', { input: { approvers: [ids.wl_approver] } }));
  };

  beforeAll(async () => {
    f = await createApprovalFixture(engine);
    ids = f.ids;
  });

  afterAll(async () => {
    await f?.t.close();
  });

  it('驳回 from 「区县或签」 to 「乡镇会签」: the step reopens with the same 3 reviewers pending; wf_action rows 5 → 6, the first 5 unchanged', async () => {
    const c = await inDistrict();
    expect(c.state).toBe('district_review');
    const before = await actionRows(c.id);
    expect(before).toHaveLength(5);

    const targets = (await f.getCase(c.id, 'wl_approver')).flowActions.find((a) => a.code === 'return')?.targets;
    expect(targets?.map((s) => s.state)).toEqual(['drafted', 'township_review']);
    const noReason = f.fail(await f.act('wl_approver', c, 'return', { input: { toState: 'township_review' } }), 400);
    expect(noReason.fields.map((e) => e.field)).toContain('comment');
    const later = f.fail(
      await f.act('wl_approver', c, 'return', { input: { toState: 'merged' }, comment: '材料不全' }),
      400,
    );
    expect(later.fields.map((e) => e.field)).toContain('input.toState');
    expect(later.message_zh).toContain('「区县或签」');

    const returned = f.ok<CaseOut>(
      await f.act('wl_approver', c, 'return', {
        input: { toState: 'township_review' },
        comment: '户口簿复印件不清晰,请重新核实',
      }),
    );
    expect(returned.state).toBe('township_review');
    expect(returned.history.at(-1)).toMatchObject({
      action: 'return',
      actionName: '驳回',
      fromState: 'district_review',
      toState: 'township_review',
    });
    const after = await actionRows(c.id);
    expect(after).toHaveLength(6);
    expect(after.slice(0, 5)).toEqual(before);
    // old round kept as decided, district task closed, a fresh round for the same three reviewers
    const township = returned.approvals.filter((a) => a.step === 'township_review');
    expect(township.filter((a) => a.status === 'approved')).toHaveLength(3);
    expect(f.pending(returned, 'township_review').sort()).toEqual(
      [ids.xns_reviewer, ids.xns_rev2, ids.xns_rev3].sort(),
    );
    expect(returned.approvals.find((a) => a.step === 'district_review')?.status).toBe('skipped');
    // the reopened step works again: one agree keeps it there (2 pending)
    const again = f.ok<CaseOut>(await f.act('xns_rev2', returned, 'township_agree'));
    expect(again.state).toBe('township_review');
    expect(f.pending(again, 'township_review')).toHaveLength(2);
  });

  it('驳回 by someone not deciding the step (the clerk, a reviewer not chosen) → 403 naming 「乡镇会签」; nothing written', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    for (const u of ['xns_clerk', 'xns_rev3']) {
      const err = f.fail(await f.act(u, c, 'return', { input: { toState: 'drafted' }, comment: '退回补正' }), 403);
      expect(err.message_zh).toContain('「乡镇会签」');
    }
    expect(await actionRows(c.id)).toHaveLength(2);
  });

  it('催办 by wl_leader (case:read only): 1 history row 「催办」 and an event case.reminded {caseId, userIds: the 2 pending reviewers, by}', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    const reminded = f.ok<CaseOut>(
      await f.call('wl_leader', 'POST', `/cases/${c.id}/actions/remind`, { version: c.version, comment: '请尽快办理' }),
    );
    expect(reminded.version).toBe(3);
    expect(reminded.state).toBe('township_review');
    expect(reminded.history).toHaveLength(3);
    expect(reminded.history.at(-1)).toMatchObject({ actionName: '催办', comment: '请尽快办理' });
    const { rows } = await f.t.db.query<{ payload: { caseId: string; userIds: string[]; by: string } }>(
      "SELECT payload FROM event_outbox WHERE type = 'case.reminded' AND payload->>'caseId' = $1",
      [c.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload.userIds.sort()).toEqual([ids.xns_reviewer, ids.xns_rev2].sort());
    expect(rows[0].payload.by).toBe(ids.wl_leader);
    // the leader may remind but not decide
    const decide = f.fail(await f.act('wl_leader', reminded, 'township_agree'), 403);
    expect(decide.code).toBe('auth.forbidden');
  });

  it('撤销 by the opener before any approval → 已撤销, closed, 2 tasks withdrawn; by another user → 403; after 1 approval → 422 naming 「乡镇会签」', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    const notOpener = f.fail(await f.act('xns_reviewer', c, 'withdraw'), 403);
    expect(notOpener.message_zh).toContain('「乡镇会签」');
    const withdrawn = f.ok<CaseOut>(await f.act('xns_clerk', c, 'withdraw', { comment: '申请人撤回' }));
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.stateName).toBe('已撤销');
    expect(withdrawn.closedAt).not.toBeNull();
    expect(withdrawn.history.at(-1)).toMatchObject({ actionName: '撤销', toState: 'withdrawn' });
    expect(withdrawn.approvals.map((a) => a.status)).toEqual(['withdrawn', 'withdrawn']);

    const { c: c2 } = await f.submitted(['xns_reviewer', 'xns_rev2']);
    const approved = f.ok<CaseOut>(await f.act('xns_reviewer', c2, 'township_agree'));
    expect((await f.getCase(c2.id, 'xns_clerk')).flowActions.map((a) => a.code)).not.toContain('withdraw');
    const refused = f.fail(await f.act('xns_clerk', approved, 'withdraw'), 422);
    expect(refused.code).toBe('workflow.transition_invalid');
    expect(refused.message_zh).toContain('「乡镇会签」');
    expect((await f.getCase(c2.id)).state).toBe('township_review');
  });

  it('every action with a stale version (2 after the case reached 3) → 409 workflow.conflict and no new wf_action row', async () => {
    const { c } = await f.submitted(['xns_reviewer', 'xns_rev2', 'xns_rev3']);
    const cur = f.ok<CaseOut>(await f.act('xns_reviewer', c, 'township_agree'));
    expect(cur.version).toBe(3);
    const attempts: Array<[string, string, object]> = [
      ['xns_rev2', 'township_agree', {}],
      ['xns_rev2', 'township_disagree', { comment: '不同意' }],
      ['xns_rev2', 'return', { input: { toState: 'drafted' }, comment: '退回补正' }],
      ['xns_rev2', 'transfer', { input: { toUserId: ids.xns_rev4 }, comment: '出差' }],
      ['xns_rev2', 'add_approver', { input: { userId: ids.xns_rev4 } }],
      ['xns_rev2', 'remind', {}],
      ['xns_clerk', 'withdraw', {}],
    ];
    for (const [user, action, body] of attempts) {
      const err = f.fail(await f.act(user, c, action, body), 409);
      expect(err.code, action).toBe('workflow.conflict');
    }
    expect(await actionRows(c.id)).toHaveLength(3);
  });
});
