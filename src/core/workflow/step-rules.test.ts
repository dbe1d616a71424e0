import { describe, expect, it } from 'vitest';
import { householdMergeWorkflow } from '../registry/household-merge.workflow.ts';
import {
  checkApproverList,
  nextStepDueOn,
  planVote,
  returnTargets,
  type TaskSnapshot,
  voteAction,
} from './step-rules.ts';
import { defineWorkflow } from './workflow-definition.ts';

const task = (id: string, status: TaskSnapshot['status'] = 'pending'): TaskSnapshot => ({
  id,
  approverId: `u-${id}`,
  status,
});
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('planVote', () => {
  it('会签 of 3: the 1st and 2nd approvals stay (2, then 1 pending left); the 3rd completes with nothing to skip', () => {
    const round = [task('a'), task('b'), task('c')];
    expect(planVote('all', round, 'a', 'approve')).toEqual({ kind: 'stay', pendingLeft: 2 });
    const afterTwo = [task('a', 'approved'), task('b', 'approved'), task('c')];
    expect(planVote('all', [task('a', 'approved'), task('b'), task('c')], 'b', 'approve')).toEqual({
      kind: 'stay',
      pendingLeft: 1,
    });
    expect(planVote('all', afterTwo, 'c', 'approve')).toEqual({ kind: 'complete', skip: [] });
  });

  it('或签 of 3: the first approval completes and skips the other 2 pending tasks', () => {
    expect(planVote('any', [task('a'), task('b'), task('c')], 'b', 'approve')).toEqual({
      kind: 'complete',
      skip: ['a', 'c'],
    });
  });

  it('any rejection ends the step at once: 会签 with 1 approved + 2 pending, one rejects → reject, skip the other 1', () => {
    expect(planVote('all', [task('a', 'approved'), task('b'), task('c')], 'c', 'reject')).toEqual({
      kind: 'reject',
      skip: ['b'],
    });
  });

  it('transferred and skipped tasks do not count as pending: 会签 with a transferred + 1 pending → the pending one completes', () => {
    expect(planVote('all', [task('a', 'transferred'), task('b')], 'b', 'approve')).toEqual({
      kind: 'complete',
      skip: [],
    });
  });

  it('history codes: all → countersign (会签), any → or_sign (或签)', () => {
    expect([voteAction('all'), voteAction('any')]).toEqual(['countersign', 'or_sign']);
  });
});

describe('returnTargets (驳回)', () => {
  const def = householdMergeWorkflow;
  it('from 区县或签 after drafted → 乡镇会签 → 区县或签: 2 targets, in first-visit order', () => {
    const history = ['drafted', 'township_review', 'township_review', 'district_review'].map((toState) => ({
      toState,
    }));
    expect(returnTargets(def, history, 'district_review')).toEqual(['drafted', 'township_review']);
  });

  it('from the first step there is nowhere to return (0 targets); final states are never targets', () => {
    expect(returnTargets(def, [{ toState: 'drafted' }], 'drafted')).toEqual([]);
    expect(returnTargets(def, [{ toState: 'drafted' }, { toState: 'merged' }], 'district_review')).toEqual(['drafted']);
  });
});

describe('checkApproverList', () => {
  const approval = householdMergeWorkflow.states.township_review.approval;
  it('会签 needs at least 2: 0 → error on input.approvers, 1 → error, 2 distinct → ok', () => {
    expect(checkApproverList(undefined, approval, '乡镇会签').errors[0].field).toBe('input.approvers');
    expect(checkApproverList([uuid(1)], approval, '乡镇会签').errors[0].message_zh).toContain('当前1名');
    expect(checkApproverList([uuid(1), uuid(2)], approval, '乡镇会签')).toEqual({
      ids: [uuid(1), uuid(2)],
      errors: [],
    });
  });

  it('a repeated approver and a non-id are named by position: input.approvers.2 and input.approvers.1', () => {
    const r = checkApproverList([uuid(1), 'x', uuid(1)], approval, '乡镇会签');
    expect(r.ids).toEqual([]);
    expect(r.errors.map((e) => e.field)).toEqual(['input.approvers.1', 'input.approvers.2']);
  });

  it('more than 20 approvers → error', () => {
    const many = Array.from({ length: 21 }, (_, i) => uuid(i + 1));
    expect(checkApproverList(many, approval, '乡镇会签').errors).toHaveLength(1);
  });
});

describe('defineWorkflow checks approval steps', () => {
  const base = {
    code: 't',
    nameZh: '测试',
    nameEn: 'Test',
    businessLine: 'registry',
    initial: 'a',
    states: {
      a: { nameZh: 'A', nameEn: 'A', candidateRole: 'township_clerk' },
      b: {
        nameZh: 'B',
        nameEn: 'B',
        approval: { mode: 'all' as const, role: 'township_reviewer', approve: 'ok', reject: 'no' },
      },
      c: { nameZh: 'C', nameEn: 'C', final: true },
    },
    transitions: {
      go: { nameZh: '提交', nameEn: 'Go', from: ['a'], to: 'b', roles: ['township_clerk'] },
      ok: { nameZh: '同意', nameEn: 'OK', from: ['b'], to: 'c', roles: ['township_reviewer'] },
      no: { nameZh: '不同意', nameEn: 'No', from: ['b'], to: 'c', roles: ['township_reviewer'] },
    },
  };

  it('accepts a whole definition', () => {
    expect(defineWorkflow(base).code).toBe('t');
  });

  it('refuses a kernel action code (return) as a transition, a missing reject transition and an approval initial state', () => {
    expect(() =>
      defineWorkflow({ ...base, transitions: { ...base.transitions, return: base.transitions.go } }),
    ).toThrow(/reserved/);
    const { no: _no, ...withoutReject } = base.transitions;
    expect(() => defineWorkflow({ ...base, transitions: withoutReject })).toThrow(/approval transition no/);
    expect(() => defineWorkflow({ ...base, initial: 'b' })).toThrow(/initial state/);
  });
});

describe('nextStepDueOn (shared step clock)', () => {
  const def = defineWorkflow({
    code: 'test.clock',
    nameZh: '测试',
    nameEn: 'Test',
    businessLine: 'registry',
    initial: 'submitted',
    states: {
      submitted: { nameZh: '待受理', nameEn: 'Submitted' },
      verifying: { nameZh: '核查', nameEn: 'Verifying', stepWorkingDays: 10, stepClock: 'township' },
      review: { nameZh: '审核', nameEn: 'Review', stepWorkingDays: 10, stepClock: 'township' },
      notice: { nameZh: '公示', nameEn: 'Notice' },
      done: { nameZh: '完成', nameEn: 'Done', final: true },
    },
    transitions: {},
  });

  it('accepted 2025-09-30: verification due 10 working days later, 2025-10-21 (10-01..08 off, 10-11 worked)', () => {
    expect(nextStepDueOn(def, { state: 'submitted', stepDueOn: null }, 'verifying', '2025-09-30')).toBe('2025-10-21');
  });

  it('township review entered 2025-10-20 keeps the acceptance clock (2025-10-21), not 10 days from entering it', () => {
    expect(nextStepDueOn(def, { state: 'verifying', stepDueOn: '2025-10-21' }, 'review', '2025-10-20')).toBe(
      '2025-10-21',
    );
    // 驳回 back to verification keeps it too
    expect(nextStepDueOn(def, { state: 'review', stepDueOn: '2025-10-21' }, 'verifying', '2025-10-20')).toBe(
      '2025-10-21',
    );
  });

  it('re-entering review from a step outside the clock (公示) starts 10 working days afresh', () => {
    expect(nextStepDueOn(def, { state: 'notice', stepDueOn: null }, 'review', '2025-11-03')).toBe('2025-11-17');
  });

  it('a state without stepWorkingDays has no step due date', () => {
    expect(nextStepDueOn(def, { state: 'review', stepDueOn: '2025-10-21' }, 'notice', '2025-10-20')).toBeNull();
  });
});
