import { describe, expect, it } from 'vitest';
import { type FoundRecord, summariseVerification, windowStart } from './verification-summary.ts';

const A = 'a0000000-0000-4000-8000-000000000001'; // applicant
const B = 'b0000000-0000-4000-8000-000000000002'; // spouse
let id = 0;
const rec = (
  personId: string,
  categoryCode: string,
  occurredOn: string,
  amountFen: number | null,
  payload: Record<string, unknown> = {},
): FoundRecord => ({ id: ++id, personId, categoryCode, occurredOn, amountFen, payload });

describe('verification summary (核对, 12-month window ending 2026-11-25)', () => {
  it('the window of 12 months ending 2026-11-25 starts 2025-11-26; ending 2024-02-29 starts 2023-03-01', () => {
    expect(windowStart('2026-11-25', 12)).toBe('2025-11-26');
    expect(windowStart('2024-02-29', 12)).toBe('2023-03-01');
  });

  it('incomes by category over the window: wages 12 × 2,800 yuan, residents pension 12 × 170 yuan, rent 6,000 yuan', () => {
    const records: FoundRecord[] = [];
    for (let m = 0; m < 12; m++) {
      const month = m === 0 ? '2025-12' : `2026-${String(m).padStart(2, '0')}`;
      records.push(rec(A, 'hrss_employment', `${month}-01`, 280_000));
      records.push(rec(B, 'hrss_pension', `${month}-15`, 17_000, { pension_type: 'resident' }));
    }
    records.push(rec(A, 'hrss_employment', '2025-11-01', 280_000)); // before the window
    records.push(rec(A, 'tax_wage_income', '2026-03-01', 500_000)); // tax saw less than 人社: the larger counts, once
    records.push(rec(B, 'tax_property_income', '2026-06-30', 600_000, { kind: 'rent' }));
    const s = summariseVerification(records, { asOf: '2026-11-25' });
    expect(s.incomeTotalsFen).toEqual({ wage: 3_360_000, business: 0, property: 600_000, transfer: 204_000 });
    expect(s.incomes).toContainEqual(
      expect.objectContaining({ memberId: B, category: 'transfer', kind: 'residents-pension', amountFen: 204_000 }),
    );
    expect(s.checks).toContainEqual({
      category: 'income',
      memberId: A,
      incomeCategory: 'wage',
      kind: 'wage',
      amountFen: 3_360_000,
    });
  });

  it('financial assets are the latest balance of each holding: deposits 12,000 + 3,500, wealth 20,000, policy 4,000 → 39,500 yuan', () => {
    const s = summariseVerification(
      [
        rec(A, 'bank_deposit', '2026-06-30', 900_000, { bank: '农商行', account_no: '6217****1111' }),
        rec(A, 'bank_deposit', '2026-10-31', 1_200_000, { bank: '农商行', account_no: '6217****1111' }),
        rec(B, 'bank_deposit', '2026-10-31', 350_000, { bank: '邮储', account_no: '6221****2222' }),
        rec(A, 'bank_wealth', '2026-09-30', 2_000_000, { bank: '农商行', product: '安享' }),
        rec(B, 'insurance_policy', '2026-01-05', 400_000, { insurer: '人寿', policy_no: 'P1****9' }),
        rec(A, 'provident_fund_account', '2026-10-31', 3_000_000),
      ],
      { asOf: '2026-11-25' },
    );
    expect(s.financialAssets).toEqual({
      depositsFen: 1_550_000,
      wealthProductsFen: 2_000_000,
      securitiesFen: 0,
      fundsFen: 0,
      insuranceCashValueFen: 400_000,
    });
    expect(s.financialAssetsFen).toBe(3_950_000);
    expect(s.providentFundBalanceFen).toBe(3_000_000);
    expect(s.checks).toContainEqual({ category: 'financialAssets', amountFen: 3_950_000 });
  });

  it('vehicles, real estate, businesses, hospitalisation, disability, deaths and imprisonment', () => {
    const s = summariseVerification(
      [
        rec(A, 'police_vehicle', '2024-05-01', 4_500_000, { plate: '渝G12345', status: 'active' }),
        rec(B, 'police_vehicle', '2023-01-01', 2_000_000, { plate: '渝G55555', status: 'cancelled' }),
        rec(A, 'real_estate_title', '2019-08-08', 32_000_000, {
          certificate_no: 'C1',
          usage: 'residential',
          area_m2: 96,
        }),
        rec(B, 'market_sole_trader', '2022-04-01', null, { business_name: '山货店', employees: 2 }),
        rec(A, 'medical_hospitalisation', '2026-10-08', 3_800_000, { self_paid_fen: 950_050 }),
        rec(A, 'medical_self_paid', '2026-10-20', 30_000),
        rec(B, 'disability_certificate', '2026-09-01', null, { disability_category: 'physical', disability_level: 2 }),
        rec(B, 'police_detention', '2026-02-01', null, { kind: 'imprisonment', release_on: '2028-02-01' }),
        rec(A, 'police_death', '2026-11-20', null),
      ],
      { asOf: '2026-11-25' },
    );
    expect(s.vehicles).toEqual([{ memberId: A, valueFen: 4_500_000, plate: '渝G12345', registeredOn: '2024-05-01' }]);
    expect(s.checks).toContainEqual({ category: 'vehicles', vehicles: [{ valueFen: 4_500_000 }] });
    expect(s.realEstate).toHaveLength(1);
    expect(s.businessEmployingOthers).toBe(true);
    expect(s.hospitalisation).toEqual({ stays: 1, totalCostFen: 3_800_000, selfPaidFen: 950_050 });
    expect(s.medicalSelfPaid).toEqual([{ memberId: A, amountFen: 980_050 }]);
    expect(s.disabilities).toEqual([{ memberId: B, category: 'physical', level: 2, issuedOn: '2026-09-01' }]);
    expect(s.deaths).toEqual([{ memberId: A, diedOn: '2026-11-20', source: 'police_death' }]);
    expect(s.checks).toContainEqual({
      category: 'person',
      memberId: B,
      disability: { category: 'physical', level: 2 },
      imprisoned: true,
    });
  });

  it('records dated after the verification day are ignored', () => {
    const s = summariseVerification([rec(A, 'bank_deposit', '2026-12-31', 100_000, { bank: 'x' })], {
      asOf: '2026-11-25',
    });
    expect(s.financialAssetsFen).toBe(0);
  });
});
