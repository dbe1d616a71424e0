import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * 国密 at rest: SM4-CBC with a random IV for personal fields, keyed SM3 (HMAC-SM3) blind index for exact lookup,
 * SM3 for the audit hash chain. Keys come from outside the database (HUIMIN_SM4_KEY / HUIMIN_INDEX_KEY or a key file).
 */
export interface FieldCipher {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
  blindIndex(plain: string): Buffer;
}

export function createFieldCipher(encKey: Buffer, indexKey: Buffer): FieldCipher {
  if (encKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
  if (indexKey.length < 16) throw new Error('blind index key must be at least 16 bytes');
  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-cbc', encKey, iv);
      return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
    },
    decrypt(cipher) {
      const d = createDecipheriv('sm4-cbc', encKey, cipher.subarray(0, 16));
      return Buffer.concat([d.update(cipher.subarray(16)), d.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return createHmac('sm3', indexKey).update(plain.trim().toUpperCase(), 'utf8').digest();
    },
  };
}

export function sm3Hex(data: string): string {
  return createHash('sm3').update(data, 'utf8').digest('hex');
}

/** SHA-256 of a secret token, for storing session and API tokens. */
export function hashToken(token: string): string {
  return createHash('sm3').update(token, 'utf8').digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
