import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../../../core/workflow/working-days.ts';
import { type DemoHousehold, planAssistanceDemo, type RatesOf, workingDaysBefore } from './assistance-demo-plan.ts';

// DOMAIN §1.1 [CQ]: urban 770 / rural 630 from 2025-07-01, 750 / 610 before; 特困 1001 (975 before), care 440 / 1144.
const rates: RatesOf = (month, area) => {
  const after = month >= '2025-07';
  return {
    standardFen: area === 'urban' ? (after ? 77_000 : 75_000) : after ? 63_000 : 61_000,
    tekunBasicFen: after ? 100_100 : 97_500,
    careFen: { 'self-care': 0, partial: 44_000, total: 114_400 },
  };
};

function households(n: number): DemoHousehold[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `h${i}`,
    regionCode: i % 2 === 0 ? '500156003204' : '500156101202',
    urban: i % 3 === 0,
    members: Array.from({ length: 1 + (i % 4) }, (_, k) => ({
      personId: `p${i}-${k}`,
      birthDate: `${1950 + k * 15}-03-0${1 + (k % 8)}`,
      relationCode: k === 0 ? '02' : '20',
    })),
  }));
}

const options = { today: '2025-10-20', seed: 20260101, monthsBack: 17, rates, openPerTownship: 4 };

describe('assistance demo plan', () => {
  it('is deterministic: the same seed gives the same plan', () => {
    const a = planAssistanceDemo(households(120), options);
    const b = planAssistanceDemo(households(120), options);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(planAssistanceDemo(households(120), { ...options, seed: 7 }))).not.toBe(JSON.stringify(a));
  });

  it('enrolls three in four households of each township, starting within the last 18 months', () => {
    const plan = planAssistanceDemo(households(120), options);
    expect(plan.enrollments).toHaveLength(90);
    for (const e of plan.enrollments) {
      expect(e.startMonth >= '2024-05' && e.startMonth <= '2025-10').toBe(true);
      if (e.endMonth !== null && e.status === 'exited') expect(e.endMonth >= e.startMonth).toBe(true);
    }
    const programmes = new Set(plan.enrollments.map((e) => e.programme));
    expect(programmes).toContain('minimumLivingAllowance');
    expect(programmes).toContain('extremePovertySupport');
    expect(plan.enrollments.some((e) => e.status === 'exited')).toBe(true);
  });

  it('低保 amount = (standard of the start month − per-capita income) × members', () => {
    const plan = planAssistanceDemo(households(200), options);
    const dibao = plan.enrollments.filter((e) => e.programme === 'minimumLivingAllowance');
    expect(dibao.length).toBeGreaterThan(20);
    for (const e of dibao) {
      const standard = rates(e.startMonth, e.area).standardFen;
      expect(e.perCapitaIncomeFen).toBeLessThan(standard);
      expect(e.amountFen).toBe((standard - e.perCapitaIncomeFen) * e.members);
    }
    // e.g. an urban household of 3 with per-capita 423 from July 2025: (770 − 423) × 3 = 1,041
    expect((77_000 - 42_300) * 3).toBe(104_100);
  });

  it('特困: basic standard + care allowance of the tier, one person; 低保边缘 and 刚性支出困难 carry no money', () => {
    const plan = planAssistanceDemo(households(200), options);
    for (const e of plan.enrollments) {
      if (e.programme === 'extremePovertySupport' && e.basis.kind === 'tekun') {
        const r = rates(e.startMonth, e.area);
        const care = e.basis.careTier === 'not-assessed' ? 0 : r.careFen[e.basis.careTier];
        expect(e.amountFen).toBe(r.tekunBasicFen + care);
        expect(e.members).toBe(1);
        expect(e.personId).not.toBeNull();
      }
      if (e.programme === 'lowIncomeMarginal' || e.programme === 'rigidExpenditureHardship')
        expect(e.amountFen).toBe(0);
    }
  });

  it('each enrollment has an approved application closed in the month before its start, received 12–34 working days earlier', () => {
    const plan = planAssistanceDemo(households(120), options);
    for (const e of plan.enrollments) {
      const a = e.application;
      expect(a.state).toBe('approved');
      expect((a.closedOn as string).slice(0, 7) < e.startMonth).toBe(true);
      const days = workingDaysBetween(a.receivedOn, a.closedOn as string);
      expect(days).toBeGreaterThanOrEqual(12);
      expect(days).toBeLessThanOrEqual(34);
    }
  });

  it('the rest are refusals (with reasons) and open applications: submitted or verifying, received by today', () => {
    const plan = planAssistanceDemo(households(120), options);
    const open = plan.applications.filter((a) => a.closedOn === null);
    expect(open).toHaveLength(8); // 4 per township
    for (const a of open) expect(a.receivedOn <= options.today).toBe(true);
    for (const a of plan.applications.filter((x) => x.closedOn !== null)) expect(a.reasons.length).toBeGreaterThan(0);
  });

  it('counts working days back over the National Day holiday: 5 working days before 2025-10-14 is 2025-09-30', () => {
    expect(workingDaysBefore('2025-10-14', 5)).toBe('2025-09-30');
    expect(workingDaysBefore('2025-10-14', 0)).toBe('2025-10-14');
  });
});
