import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt, totpStep, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 appendix B: the SHA1 seed is ASCII "12345678901234567890" (base32 below); 8-digit values, last 6 here.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238, SHA1, 6 digits, 30 s)', () => {
  it('reproduces the RFC 6238 test vectors at T=59 s (94287082) and T=1111111109 s (07081804)', () => {
    expect(totpCodeAt(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
  });

  it('accepts the code of the current step and of ±1 step (30 s drift), not ±2 steps', () => {
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    expect(verifyTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, now), now, null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, now - 30_000), now, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, now + 30_000), now, null)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, now - 60_000), now, null)).toBeUndefined();
  });

  it('refuses a code whose step is not newer than the last accepted one (replay), and non-6-digit input', () => {
    const now = 1_700_000_000_000;
    const code = totpCodeAt(RFC_SECRET, now);
    const step = totpStep(now);
    expect(verifyTotp(RFC_SECRET, code, now, step)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, code, now, step - 1)).toBe(step);
    expect(verifyTotp(RFC_SECRET, '12345', now, null)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, 'abcdef', now, null)).toBeUndefined();
  });

  it('a new secret is 160 bits (32 base32 characters) and the URI names issuer, account and parameters', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, 'admin');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Huimin:admin\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Huimin');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });
});
