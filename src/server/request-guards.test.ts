import { describe, expect, it } from 'vitest';
import { RecentSubmissions } from './request-guards.ts';

describe('repeat-submit memory (window 2 s)', () => {
  it('a repeat at +1.9 s is refused, at +2.0 s accepted', () => {
    const recent = new RecentSubmissions(2000);
    expect(recent.claim('k', 0)).toBe(true);
    recent.finish('k', true);
    expect(recent.claim('k', 1900)).toBe(false);
    expect(recent.claim('k', 2000)).toBe(true);
  });

  it('while the first is still running a repeat is refused even after 2 s (up to 60 s); a failed one is forgotten', () => {
    const recent = new RecentSubmissions(2000);
    expect(recent.claim('slow', 0)).toBe(true);
    expect(recent.claim('slow', 30_000)).toBe(false);
    expect(recent.claim('slow', 60_000)).toBe(true);
    expect(recent.claim('bad', 0)).toBe(true);
    recent.finish('bad', false);
    expect(recent.claim('bad', 100)).toBe(true);
  });

  it('different keys (user, URL or body) do not collide', () => {
    const recent = new RecentSubmissions(2000);
    expect(recent.claim('a', 0)).toBe(true);
    expect(recent.claim('b', 0)).toBe(true);
  });
});
