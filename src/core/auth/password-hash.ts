import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';

/** Argon2id with the OWASP minimum (19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return argonHash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** False for a wrong password and for an unreadable hash alike. */
export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argonVerify(hash, password).catch(() => false);
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal user names.
let dummyHash: Promise<string> | undefined;

/** Spends the time of one verification without a user, so unknown and known names answer alike. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-Aa1!');
  await verifyPassword(await dummyHash, password);
}
