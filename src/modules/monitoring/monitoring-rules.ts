/**
 * The warning and proactive-discovery rules of low-income dynamic monitoring (DOMAIN §1.6) with their shipped
 * defaults. Each is a row of monitoring_rule an administrator may edit (severity, due working days, the role that
 * acts, thresholds and the exchange categories it reads); seeding only inserts rules that are missing.
 */

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type WarningKind = 'warning' | 'outreach' | 'recheck';

/** Rule codes; one identifier per concept (docs/GLOSSARY.md). */
export const RULE_CODES = [
  'death',
  'large_medical_cost',
  'new_severe_disability',
  'unemployment',
  'imprisonment',
  'income_above_standard',
  'property_purchase',
  'vehicle_purchase',
  'several_disabled',
  'elderly_alone_disabled',
  'outreach_low_income',
  'outreach_disability_subsidy',
  'outreach_orphan',
  'recheck_assets',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** Rule parameters; every field optional in storage, defaults below fill the gaps. */
export interface RuleParams {
  /** Exchange categories whose records trigger the rule. */
  categories?: string[];
  /** Self-paid medical cost at or above this (fen) → temporary assistance candidate. */
  thresholdFen?: number;
  /** Disability levels 1..maxLevel count as severe. */
  maxLevel?: number;
  /** Per-capita income above this share (basis points) of the 低保 standard → re-check. */
  ratioBp?: number;
  /** Months of income records averaged. */
  months?: number;
  /** At least this many disabled members in one household. */
  minCount?: number;
  /** Age from which a person counts as elderly. */
  minAge?: number;
  /**
   * Categories whose records show the entitlement is already paid (outreach rules). The disability subsidies and the
   * orphan allowance are civil affairs' own payments; until those lines feed the exchange, name a category here.
   */
  paidCategories?: string[];
  /** Deposit categories (re-check and outreach asset test). */
  depositCategories?: string[];
}

export interface RuleDefinition {
  code: RuleCode;
  kind: WarningKind;
  nameZh: string;
  nameEn: string;
  severity: Severity;
  dueWorkingDays: number;
  actRole: string;
  params: RuleParams;
}

const COORDINATOR = 'village_coordinator';
// Category codes of the exchange catalogue (src/core/exchange/catalogue.ts). Wages come from tax, not also from
// hrss_employment, so a salary is not counted twice.
const INCOME_CATEGORIES = ['tax_wage_income', 'tax_business_income', 'tax_property_income', 'hrss_pension'];
const DEPOSIT_CATEGORIES = ['bank_deposit'];

/** The shipped rules (defaults for the demo region; administrators change them in 预警规则). */
export const DEFAULT_RULES: readonly RuleDefinition[] = [
  {
    code: 'death',
    kind: 'warning',
    nameZh: '死亡(停发待遇)',
    nameEn: 'Death (stop benefits)',
    severity: 'high',
    dueWorkingDays: 3,
    actRole: COORDINATOR,
    params: { categories: ['police_death', 'health_death'] },
  },
  {
    code: 'large_medical_cost',
    kind: 'warning',
    nameZh: '大额自付医疗费用(临时救助对象)',
    nameEn: 'Large self-paid medical cost (temporary assistance candidate)',
    severity: 'high',
    dueWorkingDays: 5,
    actRole: COORDINATOR,
    params: { categories: ['medical_self_paid', 'medical_hospitalisation'], thresholdFen: 2_000_000 },
  },
  {
    code: 'new_severe_disability',
    kind: 'warning',
    nameZh: '新增一二级残疾(残疾人两项补贴、单人保对象)',
    nameEn: 'New level 1-2 disability (disability subsidies, single-person allowance candidate)',
    severity: 'medium',
    dueWorkingDays: 10,
    actRole: COORDINATOR,
    params: { categories: ['disability_certificate'], maxLevel: 2 },
  },
  {
    code: 'unemployment',
    kind: 'warning',
    nameZh: '失业',
    nameEn: 'Unemployment',
    severity: 'medium',
    dueWorkingDays: 10,
    actRole: COORDINATOR,
    params: { categories: ['hrss_unemployment'] },
  },
  {
    code: 'imprisonment',
    kind: 'warning',
    nameZh: '服刑或羁押',
    nameEn: 'Imprisonment or detention',
    severity: 'medium',
    dueWorkingDays: 10,
    actRole: COORDINATOR,
    params: { categories: ['police_detention'] },
  },
  {
    code: 'income_above_standard',
    kind: 'warning',
    nameZh: '收入超过低保标准(复核)',
    nameEn: 'Income above the standard (re-check)',
    severity: 'medium',
    dueWorkingDays: 15,
    actRole: COORDINATOR,
    params: { categories: INCOME_CATEGORIES, ratioBp: 10_000, months: 12 },
  },
  {
    code: 'property_purchase',
    kind: 'warning',
    nameZh: '购置房产(复核)',
    nameEn: 'Property purchase (re-check)',
    severity: 'medium',
    dueWorkingDays: 15,
    actRole: COORDINATOR,
    params: { categories: ['real_estate_transaction', 'real_estate_title'] },
  },
  {
    code: 'vehicle_purchase',
    kind: 'warning',
    nameZh: '购置车辆(复核)',
    nameEn: 'Vehicle purchase (re-check)',
    severity: 'medium',
    dueWorkingDays: 15,
    actRole: COORDINATOR,
    params: { categories: ['police_vehicle'] },
  },
  {
    code: 'several_disabled',
    kind: 'warning',
    nameZh: '一户多残',
    nameEn: 'Several disabled people in one household',
    severity: 'low',
    dueWorkingDays: 20,
    actRole: COORDINATOR,
    params: { minCount: 2 },
  },
  {
    code: 'elderly_alone_disabled',
    kind: 'warning',
    nameZh: '独居残疾老人',
    nameEn: 'Elderly person living alone with a disability',
    severity: 'medium',
    dueWorkingDays: 10,
    actRole: COORDINATOR,
    params: { minAge: 60 },
  },
  {
    code: 'outreach_low_income',
    kind: 'outreach',
    nameZh: '主动发现:收入和财产低于标准但未纳入救助',
    nameEn: 'Outreach: income and assets below the thresholds, not enrolled',
    severity: 'medium',
    dueWorkingDays: 15,
    actRole: COORDINATOR,
    params: { categories: INCOME_CATEGORIES, months: 12, depositCategories: DEPOSIT_CATEGORIES },
  },
  {
    code: 'outreach_disability_subsidy',
    kind: 'outreach',
    nameZh: '主动发现:低保家庭一二级残疾人未领残疾人两项补贴',
    nameEn: 'Outreach: level 1-2 disability in a 低保 household without disability subsidies',
    severity: 'medium',
    dueWorkingDays: 15,
    actRole: COORDINATOR,
    params: { maxLevel: 2, paidCategories: ['civil_disability_subsidy'] },
  },
  {
    code: 'outreach_orphan',
    kind: 'outreach',
    nameZh: '主动发现:孤儿未领基本生活费',
    nameEn: 'Outreach: orphan without the basic living allowance',
    severity: 'high',
    dueWorkingDays: 10,
    actRole: COORDINATOR,
    params: { paidCategories: ['civil_orphan_allowance'] },
  },
  {
    code: 'recheck_assets',
    kind: 'recheck',
    nameZh: '复核:存款超过财产标准',
    nameEn: 'Re-check: deposits above the asset limit',
    severity: 'medium',
    dueWorkingDays: 15,
    actRole: COORDINATOR,
    params: { depositCategories: DEPOSIT_CATEGORIES },
  },
];

/** Rules raised from a department batch (the rest are population rules run daily and by discovery). */
export const RECORD_RULES: readonly RuleCode[] = [
  'death',
  'large_medical_cost',
  'new_severe_disability',
  'unemployment',
  'imprisonment',
  'property_purchase',
  'vehicle_purchase',
];

export const DISCOVERY_RULES: readonly RuleCode[] = [
  'outreach_low_income',
  'outreach_disability_subsidy',
  'outreach_orphan',
  'recheck_assets',
];

export function isRuleCode(code: string): code is RuleCode {
  return (RULE_CODES as readonly string[]).includes(code);
}

export function defaultRule(code: RuleCode): RuleDefinition {
  const rule = DEFAULT_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no default for monitoring rule ${code}`);
  return rule;
}

/** A stored rule's parameters over the defaults (an administrator may have cleared a key). */
export function effectiveParams(code: RuleCode, stored: RuleParams | null | undefined): Required<RuleParams> {
  const base: Required<RuleParams> = {
    categories: [],
    thresholdFen: 0,
    maxLevel: 2,
    ratioBp: 10_000,
    months: 12,
    minCount: 2,
    minAge: 60,
    paidCategories: [],
    depositCategories: DEPOSIT_CATEGORIES,
  };
  return { ...base, ...defaultRule(code).params, ...(stored ?? {}) };
}
