import { describe, expect, it } from 'vitest';
import { GRADE_CODES, gradeScore, isPoorGrade, satisfactionRate } from './rating-grades.ts';

describe('好差评 grades', () => {
  it('five grades scored 5..1, from 非常满意 to 非常不满意', () => {
    expect(GRADE_CODES.map(gradeScore)).toEqual([5, 4, 3, 2, 1]);
  });

  it('only 不满意 (2) and 非常不满意 (1) are 差评', () => {
    expect(GRADE_CODES.filter(isPoorGrade)).toEqual(['dissatisfied', 'very_dissatisfied']);
  });

  it('satisfaction rate: 3 good of 4 ratings is 75.0 %; 2 of 3 is 66.7 %; no ratings is null', () => {
    const zero = { very_satisfied: 0, satisfied: 0, basically_satisfied: 0, dissatisfied: 0, very_dissatisfied: 0 };
    expect(
      satisfactionRate({ ...zero, very_satisfied: 1, satisfied: 1, basically_satisfied: 1, dissatisfied: 1 }),
    ).toBe(75);
    expect(satisfactionRate({ ...zero, satisfied: 2, very_dissatisfied: 1 })).toBe(66.7);
    expect(satisfactionRate(zero)).toBeNull();
  });
});
