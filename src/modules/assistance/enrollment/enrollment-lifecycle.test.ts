import { describe, expect, it } from 'vitest';
import { fraudFine, isDueInMonth, planStatusChange } from './enrollment-lifecycle.ts';

const active = { status: 'active' as const, startMonth: '2025-07', endMonth: null };

describe('enrollment lifecycle', () => {
  it('death in 2025-08 stops from the following month: paid through 2025-08, not in 2025-09', () => {
    const r = planStatusChange(active, { action: 'exit', kind: 'death', month: '2025-08' }, '2025-08');
    expect(r).toEqual({ ok: true, plan: { toStatus: 'exited', endMonth: '2025-08', effectiveMonth: '2025-09' } });
    const exited = { status: 'exited' as const, startMonth: '2025-07', endMonth: '2025-08' };
    expect(isDueInMonth(exited, '2025-08')).toBe(true);
    expect(isDueInMonth(exited, '2025-09')).toBe(false);
  });

  it('an exit before the first paid month pays nothing (end month = the month before the start)', () => {
    const r = planStatusChange(active, { action: 'exit', kind: 'moved-away', month: '2025-06' }, '2025-06');
    expect(r.ok && r.plan.endMonth).toBe('2025-06');
    expect(isDueInMonth({ status: 'exited', startMonth: '2025-07', endMonth: '2025-06' }, '2025-07')).toBe(false);
  });

  it('渐退 established in 2025-09 with 6 months: 2025-10..2026-03 paid, 2026-04 not', () => {
    const r = planStatusChange(active, { action: 'gradual_exit', month: '2025-09', months: 6 }, '2025-09');
    expect(r).toEqual({ ok: true, plan: { toStatus: 'gradual_exit', endMonth: '2026-03', effectiveMonth: '2025-10' } });
    const g = { status: 'gradual_exit' as const, startMonth: '2025-07', endMonth: '2026-03' };
    expect(isDueInMonth(g, '2026-03')).toBe(true);
    expect(isDueInMonth(g, '2026-04')).toBe(false);
  });

  it('suspend only when active, resume only when suspended, nothing after exit', () => {
    expect(planStatusChange(active, { action: 'resume' }, '2025-08').ok).toBe(false);
    expect(planStatusChange(active, { action: 'suspend' }, '2025-08').ok).toBe(true);
    const exited = { status: 'exited' as const, startMonth: '2025-07', endMonth: '2025-08' };
    expect(planStatusChange(exited, { action: 'suspend' }, '2025-09').ok).toBe(false);
  });

  it('first month = start month: an enrollment starting 2025-07 is not due in 2025-06', () => {
    expect(isDueInMonth(active, '2025-06')).toBe(false);
    expect(isDueInMonth(active, '2025-07')).toBe(true);
  });

  it('fraud: 3,000 obtained, fine 1-3×: multiple 2 → 6,000; 4 is out of range', () => {
    expect(fraudFine(300_000, 2, { min: 1, max: 3 })).toBe(600_000);
    expect(fraudFine(300_000, 4, { min: 1, max: 3 })).toBeNull();
  });
});
