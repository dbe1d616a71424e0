import { describe, expect, it } from 'vitest';
import { CATEGORIES, DEPARTMENTS, OCCURRED_FIELD, SUBJECT_FIELD } from './catalogue.ts';

describe('exchange catalogue (DOMAIN §1.5: 13 departments, 36 categories)', () => {
  it('has exactly 13 departments and 36 categories, each category under a known department', () => {
    expect(DEPARTMENTS).toHaveLength(13);
    expect(CATEGORIES).toHaveLength(36);
    const departments = new Set(DEPARTMENTS.map((d) => d.code));
    for (const c of CATEGORIES) expect(departments.has(c.departmentCode), c.code).toBe(true);
    // every department delivers at least one category
    for (const d of departments)
      expect(
        CATEGORIES.some((c) => c.departmentCode === d),
        d,
      ).toBe(true);
  });

  it('codes are unique and every category names a required, sensitive subject ID number and an occurred-on date', () => {
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(36);
    for (const c of CATEGORIES) {
      const subject = c.fields.find((f) => f.key === SUBJECT_FIELD);
      expect(subject, c.code).toMatchObject({ required: true, sensitive: true, type: 'text' });
      expect(
        c.fields.find((f) => f.key === OCCURRED_FIELD),
        c.code,
      ).toMatchObject({ required: true, type: 'date' });
      expect(new Set(c.fields.map((f) => f.key)).size, c.code).toBe(c.fields.length);
      for (const f of c.fields.filter((x) => x.type === 'code'))
        expect(f.options?.length, `${c.code}.${f.key}`).toBeGreaterThan(0);
    }
  });

  it('covers the departments the domain names: police deaths and vehicles, 医保 self-paid costs, banks, 残联, courts', () => {
    const codes = CATEGORIES.map((c) => c.code);
    for (const code of [
      'police_household_change',
      'police_death',
      'police_vehicle',
      'police_detention',
      'hrss_pension',
      'hrss_unemployment',
      'hrss_employment',
      'medical_hospitalisation',
      'medical_self_paid',
      'tax_wage_income',
      'real_estate_title',
      'market_business',
      'provident_fund_account',
      'bank_deposit',
      'insurance_policy',
      'securities_account',
      'disability_certificate',
      'health_birth',
      'health_death',
      'court_enforcement',
    ]) {
      expect(codes).toContain(code);
    }
  });
});
