import { describe, expect, it } from 'vitest';
import {
  auditRetentionFromEnv,
  parseRetentionDays,
  RetentionTooShortError,
  retentionCutoff,
} from './audit-retention.ts';

describe('audit retention: at least 180 days', () => {
  it('unset is 180; 365 is accepted', () => {
    expect(auditRetentionFromEnv({})).toBe(180);
    expect(auditRetentionFromEnv({ HUIMIN_AUDIT_RETENTION_DAYS: '365' })).toBe(365);
  });

  it('179, 90, 0, -1, 180.5 and "half a year" are refused', () => {
    for (const bad of ['179', '90', '0', '-1', '180.5', 'half a year']) {
      expect(() => auditRetentionFromEnv({ HUIMIN_AUDIT_RETENTION_DAYS: bad }), bad).toThrow(RetentionTooShortError);
    }
    expect(() => parseRetentionDays(90)).toThrow(/至少保存180天/);
  });

  it('cutoff: 180 days before 2026-03-01 is 2025-09-02; 365 days before is 2025-03-01', () => {
    expect(retentionCutoff('2026-03-01', 180)).toBe('2025-09-02');
    expect(retentionCutoff('2026-03-01', 365)).toBe('2025-03-01');
    expect(() => retentionCutoff('2026-03-01', 30)).toThrow(RetentionTooShortError);
  });
});
