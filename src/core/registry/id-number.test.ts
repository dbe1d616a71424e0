import { describe, expect, it } from 'vitest';
import { checkIdNumber, computeCheckChar, makeIdNumber } from './id-number.ts';

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example 11010519491231002X (check character X) and derives birth date and sex', () => {
    const r = checkIdNumber('11010519491231002X');
    expect(r).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: '2' },
    });
  });

  it('accepts a lower-case x and normalises it', () => {
    const r = checkIdNumber('11010519491231002x');
    expect(r.ok && r.value.idNumber).toBe('11010519491231002X');
  });

  it('computes the ISO 7064 MOD 11-2 check character: 50015619900101123 → 5', () => {
    // weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 indexes "10X98765432"
    expect(computeCheckChar('50015619900101123')).toBe('5');
    expect(checkIdNumber('500156199001011235').ok).toBe(true);
  });

  it('rejects a wrong check digit (…1234 instead of …1235)', () => {
    expect(checkIdNumber('500156199001011234')).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('rejects impossible and future birth dates: 1990-02-30, 2027-01-01 when today is 2026-11-25', () => {
    const today = new Date('2026-11-25T00:00:00Z');
    const feb30 = `${'50015619900230123'}`;
    expect(checkIdNumber(feb30 + computeCheckChar(feb30), today)).toEqual({ ok: false, problem: 'birth_date' });
    const future = '50015620270101123';
    expect(checkIdNumber(future + computeCheckChar(future), today)).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('rejects bad formats: 17 digits, letters inside, X not last', () => {
    expect(checkIdNumber('50015619900101123')).toEqual({ ok: false, problem: 'format' });
    expect(checkIdNumber('5001561990010112A5')).toEqual({ ok: false, problem: 'format' });
    expect(checkIdNumber('X00156199001011235')).toEqual({ ok: false, problem: 'format' });
  });

  it('odd sequence is male (1), even is female (2)', () => {
    const male = checkIdNumber(makeIdNumber('500156', '2000-06-15', 1));
    const female = checkIdNumber(makeIdNumber('500156', '2000-06-15', 2));
    expect(male.ok && male.value.sex).toBe('1');
    expect(female.ok && female.value.sex).toBe('2');
  });
});
