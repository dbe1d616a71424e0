/**
 * Household economic verification 核对 (pure): what the departments' records say about a household's members,
 * summarised for the investigator and, in the rules' own vocabulary (ApplicationFacts: incomes by category
 * wage|business|property|transfer in fen over the window, financialAssetsFen, vehicles[{valueFen}]), as checks the
 * assistance module compares with what the household declared. No I/O here.
 */

export type IncomeCategory = 'wage' | 'business' | 'property' | 'transfer';

export interface FoundRecord {
  id: number;
  personId: string;
  categoryCode: string;
  occurredOn: string | null;
  amountFen: number | null;
  payload: Record<string, unknown>;
}

export interface IncomeLine {
  memberId: string;
  category: IncomeCategory;
  kind: string;
  /** Sum over the window (gross, as the department reported it). */
  amountFen: number;
  categoryCodes: string[];
}

/** One found fact in the shape of the assistance module's FactCheck (verification.schema.ts). */
export type VerificationCheck =
  | { category: 'income'; memberId: string; incomeCategory: IncomeCategory; kind: string; amountFen: number }
  | { category: 'financialAssets'; amountFen: number }
  | { category: 'vehicles'; vehicles: Array<{ valueFen: number }> }
  | { category: 'businessEmployingOthers'; value: boolean }
  | { category: 'spending'; memberId: string; kind: 'medical'; amountFen: number }
  | {
      category: 'person';
      memberId: string;
      disability?: { category: string; level: number };
      majorDisease?: boolean;
      imprisoned?: boolean;
    };

export interface VerificationSummary {
  asOf: string;
  windowFrom: string;
  windowTo: string;
  incomes: IncomeLine[];
  incomeTotalsFen: Record<IncomeCategory, number>;
  /** Deposits + wealth products + securities + funds + insurance cash values (latest value of each holding). */
  financialAssetsFen: number;
  financialAssets: {
    depositsFen: number;
    wealthProductsFen: number;
    securitiesFen: number;
    fundsFen: number;
    insuranceCashValueFen: number;
  };
  /** Housing provident fund balances: shown, not counted as a financial asset. */
  providentFundBalanceFen: number;
  vehicles: Array<{ memberId: string; valueFen: number; plate: string | null; registeredOn: string | null }>;
  realEstate: Array<{
    memberId: string;
    certificateNo: string | null;
    usage: string | null;
    areaM2: number | null;
    valueFen: number | null;
  }>;
  realEstateTransactions: Array<{ memberId: string; direction: string; priceFen: number; on: string | null }>;
  businesses: Array<{ memberId: string; name: string | null; kind: 'company' | 'sole_trader'; employees: number }>;
  businessEmployingOthers: boolean;
  hospitalisation: { stays: number; totalCostFen: number; selfPaidFen: number };
  /** Per member: inpatient + outpatient self-paid medical cost over the window. */
  medicalSelfPaid: Array<{ memberId: string; amountFen: number }>;
  majorDisease: string[];
  disabilities: Array<{ memberId: string; category: string; level: number; issuedOn: string | null }>;
  deaths: Array<{ memberId: string; diedOn: string | null; source: string }>;
  detained: Array<{ memberId: string; kind: string; since: string | null; until: string | null }>;
  unemployed: string[];
  courtRecords: Array<{ memberId: string; categoryCode: string; caseNo: string | null; amountFen: number | null }>;
  checks: VerificationCheck[];
}

/** ISO date `months` months before `date` plus one day: the first day of a window ending on `date`. */
export function windowStart(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay) + 1);
  return first.toISOString().slice(0, 10);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Records of a holding (account, policy, title, plate) reduced to the latest one per member and holding. */
function latestPer(records: readonly FoundRecord[], key: (r: FoundRecord) => string): FoundRecord[] {
  const latest = new Map<string, FoundRecord>();
  for (const r of records) {
    const k = `${r.personId}|${key(r)}`;
    const seen = latest.get(k);
    if (
      !seen ||
      (r.occurredOn ?? '') > (seen.occurredOn ?? '') ||
      ((r.occurredOn ?? '') === (seen.occurredOn ?? '') && r.id > seen.id)
    )
      latest.set(k, r);
  }
  return [...latest.values()];
}

const TRANSFER_KINDS: Record<string, (r: FoundRecord) => string | null> = {
  hrss_pension: (r) => (r.payload.pension_type === 'resident' ? 'residents-pension' : 'employee-pension'),
  hrss_unemployment: (r) => (r.payload.kind === 'benefit' ? 'unemployment-benefit' : null),
  hrss_work_injury: () => 'work-injury-benefit',
  health_family_planning: () => 'family-planning-award',
  insurance_payout: (r) => (r.payload.kind === 'annuity' ? 'insurance-annuity' : null),
};

/**
 * Summarises the records found for a household's members as of `asOf` (income over the `windowMonths` before it,
 * latest value of each asset, current states). Wages reported by both tax and 人社 are the same money: per member
 * the larger of the two sums counts, never both.
 */
export function summariseVerification(
  records: readonly FoundRecord[],
  options: { asOf: string; windowMonths?: number },
): VerificationSummary {
  const asOf = options.asOf;
  const windowFrom = windowStart(asOf, options.windowMonths ?? 12);
  const inWindow = (r: FoundRecord) => r.occurredOn !== null && r.occurredOn >= windowFrom && r.occurredOn <= asOf;
  const upToDate = (r: FoundRecord) => r.occurredOn === null || r.occurredOn <= asOf;
  const of = (code: string) => records.filter((r) => r.categoryCode === code && upToDate(r));
  const windowed = (code: string) => records.filter((r) => r.categoryCode === code && inWindow(r));
  const active = (r: FoundRecord) => r.payload.status !== 'cancelled';

  // Incomes
  const incomeMap = new Map<string, IncomeLine>();
  const addIncome = (memberId: string, category: IncomeCategory, kind: string, fen: number, code: string) => {
    const k = `${memberId}|${category}|${kind}`;
    const line = incomeMap.get(k) ?? { memberId, category, kind, amountFen: 0, categoryCodes: [] };
    line.amountFen += fen;
    if (!line.categoryCodes.includes(code)) line.categoryCodes.push(code);
    incomeMap.set(k, line);
  };
  const sumBy = (rs: readonly FoundRecord[]) => {
    const m = new Map<string, number>();
    for (const r of rs) m.set(r.personId, (m.get(r.personId) ?? 0) + (r.amountFen ?? 0));
    return m;
  };
  const taxWages = sumBy(windowed('tax_wage_income'));
  const hrssWages = sumBy(windowed('hrss_employment'));
  for (const member of new Set([...taxWages.keys(), ...hrssWages.keys()])) {
    const tax = taxWages.get(member) ?? 0;
    const hrss = hrssWages.get(member) ?? 0;
    addIncome(member, 'wage', 'wage', Math.max(tax, hrss), tax >= hrss ? 'tax_wage_income' : 'hrss_employment');
  }
  for (const r of windowed('tax_business_income'))
    addIncome(r.personId, 'business', 'business', r.amountFen ?? 0, r.categoryCode);
  for (const r of windowed('tax_property_income'))
    addIncome(r.personId, 'property', str(r.payload.kind) ?? 'property', r.amountFen ?? 0, r.categoryCode);
  for (const [code, kindOf] of Object.entries(TRANSFER_KINDS)) {
    for (const r of windowed(code)) {
      const kind = kindOf(r);
      if (kind && r.amountFen) addIncome(r.personId, 'transfer', kind, r.amountFen, code);
    }
  }
  const incomes = [...incomeMap.values()].filter((l) => l.amountFen > 0);
  const incomeTotalsFen: Record<IncomeCategory, number> = { wage: 0, business: 0, property: 0, transfer: 0 };
  for (const l of incomes) incomeTotalsFen[l.category] += l.amountFen;

  // Financial assets: the latest value of each holding.
  const holdingSum = (code: string, key: (r: FoundRecord) => string) =>
    latestPer(of(code), key).reduce((s, r) => s + (r.amountFen ?? 0), 0);
  const financialAssets = {
    depositsFen: holdingSum('bank_deposit', (r) => `${str(r.payload.bank)}|${str(r.payload.account_no)}`),
    wealthProductsFen: holdingSum('bank_wealth', (r) => `${str(r.payload.bank)}|${str(r.payload.product)}`),
    securitiesFen: holdingSum('securities_account', (r) => `${str(r.payload.broker)}|${str(r.payload.account_no)}`),
    fundsFen: holdingSum('securities_fund', (r) => String(str(r.payload.fund))),
    insuranceCashValueFen: holdingSum(
      'insurance_policy',
      (r) => `${str(r.payload.insurer)}|${str(r.payload.policy_no)}`,
    ),
  };
  const financialAssetsFen = Object.values(financialAssets).reduce((a, b) => a + b, 0);
  const providentFundBalanceFen = latestPer(of('provident_fund_account'), () => 'account').reduce(
    (s, r) => s + (r.amountFen ?? 0),
    0,
  );

  const vehicles = latestPer(of('police_vehicle'), (r) => String(str(r.payload.plate)))
    .filter(active)
    .map((r) => ({
      memberId: r.personId,
      valueFen: r.amountFen ?? 0,
      plate: str(r.payload.plate),
      registeredOn: r.occurredOn,
    }));
  const realEstate = latestPer(of('real_estate_title'), (r) => String(str(r.payload.certificate_no)))
    .filter(active)
    .map((r) => ({
      memberId: r.personId,
      certificateNo: str(r.payload.certificate_no),
      usage: str(r.payload.usage),
      areaM2: num(r.payload.area_m2),
      valueFen: r.amountFen,
    }));
  const realEstateTransactions = windowed('real_estate_transaction').map((r) => ({
    memberId: r.personId,
    direction: String(str(r.payload.direction)),
    priceFen: r.amountFen ?? 0,
    on: r.occurredOn,
  }));
  const businesses = [
    ...latestPer(of('market_business'), (r) => String(str(r.payload.business_name)))
      .filter(active)
      .map((r) => ({
        memberId: r.personId,
        name: str(r.payload.business_name),
        kind: 'company' as const,
        employees: num(r.payload.employees) ?? 0,
      })),
    ...latestPer(of('market_sole_trader'), (r) => String(str(r.payload.business_name)))
      .filter(active)
      .map((r) => ({
        memberId: r.personId,
        name: str(r.payload.business_name),
        kind: 'sole_trader' as const,
        employees: num(r.payload.employees) ?? 0,
      })),
  ];
  const businessEmployingOthers = businesses.some((b) => b.employees > 0);

  const stays = windowed('medical_hospitalisation');
  const hospitalisation = {
    stays: stays.length,
    totalCostFen: stays.reduce((s, r) => s + (r.amountFen ?? 0), 0),
    selfPaidFen: stays.reduce((s, r) => s + (num(r.payload.self_paid_fen) ?? 0), 0),
  };
  const selfPaid = new Map<string, number>();
  for (const r of stays)
    selfPaid.set(r.personId, (selfPaid.get(r.personId) ?? 0) + (num(r.payload.self_paid_fen) ?? 0));
  for (const r of windowed('medical_self_paid'))
    selfPaid.set(r.personId, (selfPaid.get(r.personId) ?? 0) + (r.amountFen ?? 0));
  const medicalSelfPaid = [...selfPaid]
    .filter(([, v]) => v > 0)
    .map(([memberId, amountFen]) => ({ memberId, amountFen }));
  const majorDisease = [
    ...new Set(
      of('medical_chronic_disease')
        .filter((r) => r.payload.major === 'yes')
        .map((r) => r.personId),
    ),
  ];

  const disabilities = latestPer(of('disability_certificate'), () => 'certificate')
    .filter(active)
    .map((r) => ({
      memberId: r.personId,
      category: String(str(r.payload.disability_category)),
      level: num(r.payload.disability_level) ?? 0,
      issuedOn: r.occurredOn,
    }));
  const deaths = [
    ...of('police_death').map((r) => ({ memberId: r.personId, diedOn: r.occurredOn, source: 'police_death' })),
    ...of('health_death').map((r) => ({ memberId: r.personId, diedOn: r.occurredOn, source: 'health_death' })),
    ...of('court_missing')
      .filter((r) => r.payload.kind === 'dead')
      .map((r) => ({ memberId: r.personId, diedOn: r.occurredOn, source: 'court_missing' })),
  ];
  const stillHeld = (r: FoundRecord) => {
    const until = str(r.payload.release_on);
    return until === null || until > asOf;
  };
  const detained = [...of('police_detention'), ...of('police_drug_rehab')].filter(stillHeld).map((r) => ({
    memberId: r.personId,
    kind: str(r.payload.kind) ?? 'drug_rehabilitation',
    since: r.occurredOn,
    until: str(r.payload.release_on),
  }));
  const unemployed = [...new Set(windowed('hrss_unemployment').map((r) => r.personId))];
  const courtRecords = [...of('court_enforcement'), ...of('court_dishonest')].map((r) => ({
    memberId: r.personId,
    categoryCode: r.categoryCode,
    caseNo: str(r.payload.case_no),
    amountFen: r.amountFen,
  }));

  const checks: VerificationCheck[] = [
    ...incomes.map((l) => ({
      category: 'income' as const,
      memberId: l.memberId,
      incomeCategory: l.category,
      kind: l.kind,
      amountFen: l.amountFen,
    })),
    { category: 'financialAssets', amountFen: financialAssetsFen },
    { category: 'vehicles', vehicles: vehicles.map((v) => ({ valueFen: v.valueFen })) },
    { category: 'businessEmployingOthers', value: businessEmployingOthers },
    ...medicalSelfPaid.map((m) => ({
      category: 'spending' as const,
      memberId: m.memberId,
      kind: 'medical' as const,
      amountFen: m.amountFen,
    })),
  ];
  const personIds = new Set([
    ...disabilities.map((d) => d.memberId),
    ...majorDisease,
    ...detained.map((d) => d.memberId),
  ]);
  for (const memberId of personIds) {
    const d = disabilities.find((x) => x.memberId === memberId);
    checks.push({
      category: 'person',
      memberId,
      ...(d ? { disability: { category: d.category, level: d.level } } : {}),
      ...(majorDisease.includes(memberId) ? { majorDisease: true } : {}),
      ...(detained.some((x) => x.memberId === memberId && x.kind === 'imprisonment') ? { imprisoned: true } : {}),
    });
  }

  return {
    asOf,
    windowFrom,
    windowTo: asOf,
    incomes,
    incomeTotalsFen,
    financialAssetsFen,
    financialAssets,
    providentFundBalanceFen,
    vehicles,
    realEstate,
    realEstateTransactions,
    businesses,
    businessEmployingOthers,
    hospitalisation,
    medicalSelfPaid,
    majorDisease,
    disabilities,
    deaths,
    detained,
    unemployed,
    courtRecords,
    checks,
  };
}
