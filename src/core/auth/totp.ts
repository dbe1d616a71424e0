import { Secret, TOTP } from 'otpauth';

/**
 * TOTP second factor (RFC 6238) with the parameters every authenticator app understands: HMAC-SHA1, 6 digits, 30 s.
 * One step of clock drift either way is accepted; a code is accepted once (its step must be newer than the last one).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = 'Huimin';

function totp(secretBase32: string, account = ''): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account || 'user',
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** A fresh 160-bit secret in base32 (the length RFC 4226 recommends). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, account: string): string {
  return totp(secretBase32, account).toString();
}

/** The time step a moment falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a moment (authenticator apps compute the same; tests use it). */
export function totpCodeAt(secretBase32: string, nowMs: number): string {
  return totp(secretBase32).generate({ timestamp: nowMs });
}

/**
 * The step a code belongs to when it is right for now ±1 step and newer than the last accepted step; otherwise
 * undefined (wrong, too old, or replayed).
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secretBase32).validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return undefined;
  const step = totpStep(nowMs) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return undefined;
  return step;
}
