import { describe, expect, it } from 'vitest';
import { afterFailedLogin, checkPasswordComplexity, isSessionAlive } from './password-policy.ts';

describe('password and session policy', () => {
  it('needs 8+ characters with 3 of 4 classes and no user name inside', () => {
    expect(checkPasswordComplexity('Huimin@2026').ok).toBe(true);
    expect(checkPasswordComplexity('Ab1!').ok).toBe(false);
    expect(checkPasswordComplexity('abcdefgh1').ok).toBe(false);
    expect(checkPasswordComplexity('Liufang2026', 'liufang').ok).toBe(false);
  });

  it('the 5th failure locks for 15 minutes; the 4th does not', () => {
    const now = new Date('2026-11-25T08:00:00Z');
    expect(afterFailedLogin(3, now)).toEqual({ failedAttempts: 4, lockedUntil: null });
    expect(afterFailedLogin(4, now)).toEqual({ failedAttempts: 0, lockedUntil: new Date('2026-11-25T08:15:00Z') });
  });

  it('a session idle 31 minutes is dead at a 30-minute limit; 29 minutes is alive; 12 h absolute limit', () => {
    const created = new Date('2026-11-25T08:00:00Z');
    const at = (m: number) => new Date(created.getTime() + m * 60_000);
    expect(isSessionAlive({ createdAt: created, lastSeenAt: created, revokedAt: null }, at(29), 30, 12)).toBe(true);
    expect(isSessionAlive({ createdAt: created, lastSeenAt: created, revokedAt: null }, at(31), 30, 12)).toBe(false);
    expect(
      isSessionAlive({ createdAt: created, lastSeenAt: at(12 * 60), revokedAt: null }, at(12 * 60 + 1), 30, 12),
    ).toBe(false);
    expect(isSessionAlive({ createdAt: created, lastSeenAt: created, revokedAt: at(1) }, at(2), 30, 12)).toBe(false);
  });
});
