import { describe, expect, it } from 'vitest';
import { assertSameProgrammeAsNotice } from './application.workflow.ts';

describe('approval keeps to the programme on the public notice', () => {
  it('the same programme passes (the amount may follow a new standard)', () => {
    expect(() => assertSameProgrammeAsNotice('minimumLivingAllowance', 'minimumLivingAllowance')).not.toThrow();
  });
  it('another programme or none at all is refused with decision_changed, naming both in Chinese', () => {
    expect(() => assertSameProgrammeAsNotice('lowIncomeMarginal', 'minimumLivingAllowance')).toThrow(
      expect.objectContaining({ code: 'assistance.decision_changed' }),
    );
    expect(() => assertSameProgrammeAsNotice(null, 'minimumLivingAllowance')).toThrow(
      expect.objectContaining({
        code: 'assistance.decision_changed',
        messageZh: expect.stringContaining('最低生活保障'),
      }),
    );
  });
});
