import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './crypto.ts';

const encKey = Buffer.alloc(16, 3);
const indexKey = Buffer.alloc(32, 5);
const cipher = createFieldCipher(encKey, indexKey);

describe('SM4 field encryption and SM3 blind index', () => {
  it('round-trips one value and never stores the plaintext', () => {
    const c = cipher.encrypt('500156199001011230');
    expect(c.includes(Buffer.from('500156199001011230'))).toBe(false);
    expect(cipher.decrypt(c)).toBe('500156199001011230');
  });

  it('encrypts the same value differently each time (random counter block)', () => {
    expect(cipher.encrypt('13812345678').equals(cipher.encrypt('13812345678'))).toBe(false);
  });

  it('batch encryption: every value decrypts alone, with distinct counter blocks', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `5001561990010${String(i).padStart(5, '0')}`);
    const out = cipher.encryptMany(values);
    expect(out.map((c) => cipher.decrypt(c))).toEqual(values);
    expect(new Set(out.map((c) => c.subarray(0, 16).toString('hex'))).size).toBe(1000);
  });

  it('blind index equals HMAC-SM3 of the normalised value and differs per key', () => {
    const expected = createHmac('sm3', indexKey).update('11010519491231002X').digest();
    expect(cipher.blindIndex(' 11010519491231002x ').equals(expected)).toBe(true);
    const other = createFieldCipher(encKey, Buffer.alloc(32, 6));
    expect(other.blindIndex('11010519491231002X').equals(expected)).toBe(false);
  });

  it('decrypting with the wrong key does not give the plaintext', () => {
    const other = createFieldCipher(Buffer.alloc(16, 4), indexKey);
    expect(other.decrypt(cipher.encrypt('500156199001011230'))).not.toBe('500156199001011230');
  });
});
