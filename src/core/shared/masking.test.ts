import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from './masking.ts';

describe('masking in lists, exports and 公示 pages', () => {
  it('ID number keeps region and last 4: 500156199001011235 → 500156********1235', () => {
    expect(maskIdNumber('500156199001011235')).toBe('500156********1235');
  });
  it('phone keeps 3 + 4: 13812345678 → 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('names for 公示: 张三 → 张*, 张三华 → 张*华, 欧阳娜娜 → 欧**娜', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三华')).toBe('张*华');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
  it('bank account keeps 4 + 4', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('6222***********0123');
  });
  it('empty values stay empty and short ones are fully masked', () => {
    expect(maskIdNumber(null)).toBe('');
    expect(maskPhone('123')).toBe('***');
  });
});
