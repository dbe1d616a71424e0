import { describe, expect, it } from 'vitest';
import { applicationProgress, type ProgressHistoryRow, type ProgressInput } from './application-progress.ts';

const BASE: ProgressInput = {
  state: 'submitted',
  receivedOn: '2025-09-30',
  // 30 working days from 2025-09-30 (National Day week off, 10-11 a make-up working day)
  dueOn: '2025-11-18',
  stepDueOn: null,
  history: [{ action: 'open', fromState: null, toState: 'submitted', at: '2025-09-30T02:00:00.000Z', comment: null }],
  publicity: null,
  villageName: '荆竹村',
  townshipName: '仙女山街道',
  districtName: '武隆区',
  today: '2025-10-09',
};

function row(action: string, fromState: string, toState: string, at: string, comment: string | null = null) {
  return { action, fromState, toState, at, comment } satisfies ProgressHistoryRow;
}

const statuses = (input: ProgressInput) => applicationProgress(input).map((s) => `${s.key}:${s.status}`);

describe('办理进度 shown to the resident', () => {
  it('just submitted: acceptance is under way at the township, the result is due in 30 working days (2025-11-18)', () => {
    const steps = applicationProgress(BASE);
    expect(statuses(BASE)).toEqual([
      'submit:done',
      'accept:current',
      'verify:pending',
      'review:pending',
      'publicity:pending',
      'approve:pending',
      'result:pending',
    ]);
    expect(steps[1].organisation).toBe('仙女山街道');
    expect(steps[5].organisation).toBe('武隆区民政局');
    expect(steps[6].dueOn).toBe('2025-11-18');
  });

  it('in 公示: earlier steps done with their times, the village notice runs to its end date, review clock shown', () => {
    const input: ProgressInput = {
      ...BASE,
      state: 'publicity',
      stepDueOn: '2025-10-21',
      publicity: { startsOn: '2025-10-16', endsOn: '2025-10-22' },
      today: '2025-10-17',
      history: [
        ...BASE.history,
        row('accept', 'submitted', 'verifying', '2025-10-09T01:00:00.000Z'),
        row('complete_verification', 'verifying', 'township_review', '2025-10-13T01:00:00.000Z'),
        row('start_publicity', 'township_review', 'publicity', '2025-10-15T01:00:00.000Z'),
      ],
    };
    const steps = applicationProgress(input);
    expect(statuses(input)).toEqual([
      'submit:done',
      'accept:done',
      'verify:done',
      'review:done',
      'publicity:current',
      'approve:pending',
      'result:pending',
    ]);
    expect(steps[2]).toMatchObject({ doneAt: '2025-10-13T01:00:00.000Z', dueOn: '2025-10-21' });
    expect(steps[4]).toMatchObject({ organisation: '荆竹村', dueOn: '2025-10-22', overdue: false });
  });

  it('a step past its due date is flagged overdue (review due 2025-10-21, today 2025-10-22)', () => {
    const input: ProgressInput = {
      ...BASE,
      state: 'township_review',
      stepDueOn: '2025-10-21',
      today: '2025-10-22',
    };
    const review = applicationProgress(input).find((s) => s.key === 'review');
    expect(review).toMatchObject({ status: 'current', overdue: true });
  });

  it('refused at township review: that step failed with the reason, later steps skipped', () => {
    const input: ProgressInput = {
      ...BASE,
      state: 'refused',
      history: [
        ...BASE.history,
        row('accept', 'submitted', 'verifying', '2025-10-09T01:00:00.000Z'),
        row('complete_verification', 'verifying', 'township_review', '2025-10-13T01:00:00.000Z'),
        row('refuse', 'township_review', 'refused', '2025-10-14T01:00:00.000Z', '人均金融资产超过上限'),
      ],
    };
    const steps = applicationProgress(input);
    expect(statuses(input)).toEqual([
      'submit:done',
      'accept:done',
      'verify:done',
      'review:failed',
      'publicity:skipped',
      'approve:skipped',
      'result:failed',
    ]);
    expect(steps[6]).toMatchObject({ nameZh: '不予批准', note: '人均金融资产超过上限' });
  });

  it('approved: every step done and the result says 批准救助', () => {
    const input: ProgressInput = {
      ...BASE,
      state: 'approved',
      history: [...BASE.history, row('approve', 'district_approval', 'approved', '2025-10-28T01:00:00.000Z')],
    };
    expect(applicationProgress(input).every((s) => s.status === 'done')).toBe(true);
    expect(applicationProgress(input).at(-1)?.nameZh).toBe('批准救助');
  });
});
