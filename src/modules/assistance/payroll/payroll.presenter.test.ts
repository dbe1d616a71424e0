import { describe, expect, it } from 'vitest';
import { lineBasis } from './payroll.presenter.ts';

const line = {
  standard_fen: 77_000,
  members: 3,
  income_fen: 126_900,
  care_tier: null,
  gradual_exit: false,
  policy_version_id: 'cq-wulong-2025-07-01',
  carried_from_line_id: null,
};

describe('payroll line basis', () => {
  it('低保 line: standard 770, 3 members, income 1,269 and the version, nothing else', () => {
    expect(lineBasis(line)).toEqual({
      standardFen: 77_000,
      versionId: 'cq-wulong-2025-07-01',
      members: 3,
      monthlyIncomeFen: 126_900,
    });
  });

  it('特困 line names its care tier; a 渐退 line and a carried line say so', () => {
    expect(lineBasis({ ...line, members: null, income_fen: null, care_tier: 'total' })).toEqual({
      standardFen: 77_000,
      versionId: 'cq-wulong-2025-07-01',
      members: null,
      monthlyIncomeFen: null,
      careTier: 'total',
    });
    expect(lineBasis({ ...line, gradual_exit: true, carried_from_line_id: '42' })).toMatchObject({
      gradualExit: true,
      carried: true,
    });
  });
});
