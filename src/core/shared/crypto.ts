import { createCipheriv, createDecipheriv, createHash, hash, randomBytes } from 'node:crypto';

/**
 * 国密 at rest: SM4-CTR for personal fields (each value stored as its 16-byte counter block + ciphertext), a keyed
 * HMAC-SM3 blind index for exact lookup, SM3 for the audit hash chain. Keys come from outside the database.
 *
 * Bulk paths encrypt many values with one cipher pass: value i of a batch owns counter blocks [4i, 4i+4) under one
 * random 96-bit nonce, so each value still decrypts alone with its own counter block and no keystream is reused.
 */
export interface FieldCipher {
  encrypt(plain: string): Buffer;
  /** The same format as encrypt, for many values in one pass (import, seeding). Values up to 64 bytes. */
  encryptMany(plains: readonly string[]): Buffer[];
  decrypt(cipher: Buffer): string;
  blindIndex(plain: string): Buffer;
}

const SLOT = 64; // bytes (4 SM4 blocks) reserved per value in a batch

export function createFieldCipher(encKey: Buffer, indexKey: Buffer): FieldCipher {
  if (encKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
  if (indexKey.length < 16 || indexKey.length > 64) throw new Error('blind index key must be 16 to 64 bytes');
  const ipad = Buffer.alloc(64, 0x36);
  const opad = Buffer.alloc(64, 0x5c);
  for (let i = 0; i < indexKey.length; i++) {
    ipad[i] ^= indexKey[i];
    opad[i] ^= indexKey[i];
  }
  const encryptMany = (plains: readonly string[]): Buffer[] => {
    const nonce = randomBytes(12);
    const buf = Buffer.alloc(plains.length * SLOT);
    const lengths = new Array<number>(plains.length);
    for (let i = 0; i < plains.length; i++) {
      const n = buf.write(plains[i], i * SLOT, 'utf8');
      if (Buffer.byteLength(plains[i], 'utf8') > SLOT) throw new Error('value too long for field encryption');
      lengths[i] = n;
    }
    const iv = Buffer.concat([nonce, Buffer.alloc(4)]);
    const c = createCipheriv('sm4-ctr', encKey, iv);
    const out = Buffer.concat([c.update(buf), c.final()]);
    const result = new Array<Buffer>(plains.length);
    for (let i = 0; i < plains.length; i++) {
      const rec = Buffer.allocUnsafe(16 + lengths[i]);
      nonce.copy(rec, 0);
      rec.writeUInt32BE(i * 4, 12);
      out.copy(rec, 16, i * SLOT, i * SLOT + lengths[i]);
      result[i] = rec;
    }
    return result;
  };
  return {
    encrypt: (plain) => encryptMany([plain])[0],
    encryptMany,
    decrypt(cipher) {
      const d = createDecipheriv('sm4-ctr', encKey, cipher.subarray(0, 16));
      return Buffer.concat([d.update(cipher.subarray(16)), d.final()]).toString('utf8');
    },
    blindIndex(plain) {
      // HMAC-SM3 (RFC 2104) from one-shot hashes: several times faster than createHmac for short values.
      const inner = hash('sm3', Buffer.concat([ipad, Buffer.from(plain.trim().toUpperCase(), 'utf8')]), 'buffer');
      return hash('sm3', Buffer.concat([opad, inner]), 'buffer');
    },
  };
}

export function sm3Hex(data: string): string {
  return createHash('sm3').update(data, 'utf8').digest('hex');
}

/** SM3 of a secret token, for storing session and API tokens. */
export function hashToken(token: string): string {
  return sm3Hex(token);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
