import { describe, expect, it } from 'vitest';
import { fieldSensitivity, logRedactPaths, maskSensitiveUrl, presentBySensitivity } from './sensitivity.ts';

describe('field → sensitivity', () => {
  it('idNumber, phone, bankAccount (and snake_case) are sensitive_personal; name personal; checkAgency public', () => {
    expect(['idNumber', 'phone', 'bankAccount', 'bank_account', 'id_number'].map(fieldSensitivity)).toEqual(
      Array(5).fill('sensitive_personal'),
    );
    expect([fieldSensitivity('name'), fieldSensitivity('checkAgency'), fieldSensitivity('regionCode')]).toEqual([
      'personal',
      'public',
      'internal',
    ]);
    expect(fieldSensitivity('somethingUnknown')).toBe('personal');
  });

  it('log redaction covers idNumber, phone, bankAccount, bankDeposit at 3 depths, not name', () => {
    const paths = logRedactPaths();
    for (const f of ['idNumber', 'phone', 'bankAccount', 'bankDeposit', 'bank_account']) {
      expect(paths).toEqual(expect.arrayContaining([f, `*.${f}`, `*.*.${f}`]));
    }
    expect(paths).not.toContain('name');
  });

  it('URL query: ?idNumber=<18> and a bare 11-digit mobile are masked; a 12-digit region code and q are kept', () => {
    expect(maskSensitiveUrl('/api/v1/persons?idNumber=500156198001011234&page=1')).toBe(
      '/api/v1/persons?idNumber=500156********1234&page=1',
    );
    expect(maskSensitiveUrl('/api/v1/x?q=13812345678')).toBe('/api/v1/x?q=138****5678');
    expect(maskSensitiveUrl('/api/v1/persons?regionCode=500156003204&q=张')).toBe(
      '/api/v1/persons?regionCode=500156003204&q=张',
    );
    expect(maskSensitiveUrl('/api/v1/persons')).toBe('/api/v1/persons');
  });

  it('presentBySensitivity masks only sensitive_personal values, idempotently', () => {
    expect(presentBySensitivity('6222021234567890123', 'sensitive_personal', 'bank_account')).toBe(
      '6222***********0123',
    );
    expect(presentBySensitivity('500156********1234', 'sensitive_personal', 'id_number')).toBe('500156********1234');
    expect(presentBySensitivity('张三', 'personal')).toBe('张三');
    expect(presentBySensitivity('存款十万', 'sensitive_personal')).toBe('存**万');
  });
});
