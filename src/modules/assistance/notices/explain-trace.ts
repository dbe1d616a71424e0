/**
 * The decision trace in plain words, for notices and the workbench: each rule says what it read and what it
 * concluded, in Chinese and English, and which policy parameter version it cited. Pure; unknown rules fall back to
 * their name and raw values so a new rule never disappears from a notice.
 */

import { multipleText, type TraceEntry, type TraceValue, yuan } from '../rules/decision.ts';

export interface ExplainedStep {
  rule: string;
  zh: string;
  en: string;
  /** Policy parameter version cited; null when the rule read no parameter. */
  parameterVersionId: string | null;
}

/** Display names of the people in a trace (person id → name, already masked where it must be). */
export type PersonNames = Readonly<Record<string, string>>;

type Inputs = TraceEntry['inputs'];
type Words = { zh: string; en: string };

/** Relation to the applicant (ApplicationFacts) in Chinese. */
export const RELATION_ZH: Record<string, string> = {
  applicant: '申请人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '(外)祖父母',
  grandchild: '(外)孙子女',
  sibling: '兄弟姐妹',
  other: '其他亲属',
};

const MEMBER_CODE: Record<string, Words> = {
  'household.member.applicant': { zh: '申请人本人', en: 'the applicant' },
  'household.member.spouse': { zh: '配偶', en: 'spouse' },
  'household.member.minor-child': { zh: '未成年子女', en: 'minor child' },
  'household.member.student-child': { zh: '在校就读的成年子女', en: 'adult child in education' },
  'household.member.dependent-child': { zh: '不能独立生活的成年子女', en: 'adult child unable to live alone' },
  'household.member.support-duty': { zh: '有法定赡养扶养抚养义务并共同居住', en: 'support duty, living together' },
  'household.excluded.clergy-apart': { zh: '宗教教职人员分开居住满规定年限', en: 'clergy living apart' },
  'household.excluded.prisoner': { zh: '在监狱服刑', en: 'in prison' },
  'household.excluded.drug-rehabilitation': { zh: '强制隔离戒毒', en: 'in compulsory drug rehabilitation' },
  'household.excluded.missing': { zh: '已被宣告失踪', en: 'declared missing' },
  'household.not-member': { zh: '无法定义务关系或未共同居住', en: 'no support duty or not living together' },
};

const INCOME_KIND_ZH: Record<string, string> = {
  'disability-subsidy': '残疾人补贴',
  'orphan-allowance': '孤儿基本生活费',
  'old-age-allowance': '高龄津贴',
  'residents-pension': '城乡居民基本养老金',
  'heroism-award': '见义勇为奖励',
  'family-planning-award': '计划生育奖励',
};

const SPENDING_KIND_ZH: Record<string, string> = {
  living: '基本生活',
  medical: '医疗',
  education: '教育',
  rehabilitation: '康复',
};

const GROUND_ZH: Record<string, string> = { elderly: '老年人', minor: '未成年人', disability: '重度残疾' };

const CARE_TIER: Record<string, Words> = {
  'self-care': { zh: '生活自理', en: 'self-care' },
  partial: { zh: '部分丧失生活自理能力', en: 'partial loss of self-care' },
  total: { zh: '完全丧失生活自理能力', en: 'total loss of self-care' },
  'not-assessed': { zh: '未评估生活自理能力', en: 'self-care not assessed' },
};

const TOP_UP_ZH: Record<string, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  seriouslyIll: '重病患者',
  child: '未成年人',
};

function num(inputs: Inputs | TraceValue, key: string): number {
  const value = isRecord(inputs) ? inputs[key] : undefined;
  return typeof value === 'number' ? value : 0;
}

function str(inputs: Inputs | TraceValue, key: string): string {
  const value = isRecord(inputs) ? inputs[key] : undefined;
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

function flag(inputs: Inputs | TraceValue, key: string): boolean | null {
  const value = isRecord(inputs) ? inputs[key] : undefined;
  return typeof value === 'boolean' ? value : null;
}

function list(value: TraceValue | undefined): readonly TraceValue[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is { readonly [key: string]: TraceValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 104100 → '1041.00元' */
function y(fen: number): string {
  return `${yuan(fen)}元`;
}

function yEn(fen: number): string {
  return `${yuan(fen)} yuan`;
}

function percent(bp: number): string {
  return `${bp / 100}%`;
}

function yesNo(value: boolean | null, yes: string, no: string, unknown = '未核实'): string {
  return value === null ? unknown : value ? yes : no;
}

function kindsZh(value: TraceValue | undefined, names: Record<string, string>): string {
  return list(value)
    .map((k) => names[String(k)] ?? String(k))
    .join('、');
}

function explainWords(entry: TraceEntry, names: PersonNames): Words {
  const i = entry.inputs;
  const r = entry.result;
  const who = (key: string) => names[str(i, key)] ?? str(i, key);
  switch (entry.rule) {
    case 'household.member': {
      const counted = flag(r, 'counted') === true;
      const why = MEMBER_CODE[str(r, 'code')] ?? { zh: str(r, 'code'), en: str(r, 'code') };
      const relation = RELATION_ZH[str(i, 'relation')] ?? str(i, 'relation');
      return {
        zh: `${who('personId')}(${relation}，${str(i, 'birthDate')}出生)：${counted ? '计入' : '不计入'}家庭成员——${why.zh}`,
        en: `${who('personId')} (${str(i, 'relation')}, born ${str(i, 'birthDate')}): ${counted ? 'counted' : 'not counted'} — ${why.en}`,
      };
    }
    case 'classify.parameters':
      return {
        zh: `认定日${str(i, 'decisionDate')}适用政策参数${str(r, 'assessmentVersionId')}，待遇月份${str(i, 'benefitMonth')}适用${str(r, 'benefitVersionId')}`,
        en: `parameters ${str(r, 'assessmentVersionId')} on the decision date ${str(i, 'decisionDate')}, ${str(r, 'benefitVersionId')} for the benefit month ${str(i, 'benefitMonth')}`,
      };
    case 'classify.tekun-candidate':
      return r === true
        ? {
            zh: `${who('personId')}：无劳动能力且无有能力的赡养人，按特困人员审核`,
            en: `${who('personId')}: assessed for 特困`,
          }
        : { zh: `${who('personId')}：不属于特困人员审核对象`, en: `${who('personId')}: not a 特困 candidate` };
    case 'classify.household-for-dibao': {
      const tekun = list(i.tekunIds).length;
      const count = list(r).length;
      return {
        zh: `按低保审核的家庭成员共${count}人${tekun > 0 ? `(已认定特困的${tekun}人单独供养，不计入)` : ''}`,
        en: `${count} members assessed for 低保${tekun > 0 ? ` (${tekun} recognised as 特困 left out)` : ''}`,
      };
    }
    case 'income.excluded-kind': {
      const kind = INCOME_KIND_ZH[str(i, 'kind')] ?? str(i, 'kind');
      return {
        zh: `${who('memberId')}的${kind}${y(num(i, 'amountFen'))}按规定不计入家庭收入`,
        en: `${who('memberId')}'s ${str(i, 'kind')} of ${yEn(num(i, 'amountFen'))} is not counted as income`,
      };
    }
    case 'income.employment-cost-deduction':
      return {
        zh: `${who('memberId')}有工资收入，扣除就业成本：低保标准${y(num(i, 'standardFen'))}×${percent(num(i, 'deductionBp'))}=每月${y(num(i, 'perMonthFen'))}，${num(i, 'months')}个月共${y(typeof r === 'number' ? r : 0)}`,
        en: `${who('memberId')} earns wages: employment cost ${percent(num(i, 'deductionBp'))} of the standard ${yEn(num(i, 'standardFen'))} = ${yEn(num(i, 'perMonthFen'))} a month, ${yEn(typeof r === 'number' ? r : 0)} over ${num(i, 'months')} months`,
      };
    case 'income.rigid-expenditure-deduction':
      return {
        zh: `扣除刚性支出(${kindsZh(i.deductibleKinds, SPENDING_KIND_ZH)})共${y(typeof r === 'number' ? r : 0)}`,
        en: `rigid expenditure deducted: ${yEn(typeof r === 'number' ? r : 0)}`,
      };
    case 'income.monthly-per-capita':
      return {
        zh:
          `近${num(i, 'months')}个月收入：工资${y(num(i, 'wageWindowFen'))}、经营${y(num(i, 'businessWindowFen'))}、` +
          `财产${y(num(i, 'propertyWindowFen'))}、转移${y(num(i, 'transferWindowFen'))}；扣除就业成本${y(num(i, 'employmentDeductionWindowFen'))}、` +
          `刚性支出${y(num(i, 'rigidDeductionWindowFen'))}后，家庭月均${y(num(r, 'monthlyHouseholdFen'))}，${num(i, 'members')}人，` +
          `人均${y(num(r, 'perCapitaFen'))}(${str(r, 'text')})`,
        en: `${num(i, 'months')}-month income less deductions: ${yEn(num(r, 'monthlyHouseholdFen'))} a month for ${num(i, 'members')} members, ${yEn(num(r, 'perCapitaFen'))} per capita (${str(r, 'text')})`,
      };
    case 'assets.financial-per-capita': {
      const passes = flag(r, 'passes') === true;
      const basis = flag(i, 'majorDiseaseInHousehold')
        ? `家庭成员患重特大疾病，上限人均${y(num(i, 'majorDiseaseAssetCapFen'))}`
        : `上限为低保标准${y(num(i, 'standardFen'))}×${num(i, 'assetMultiple')}=人均${y(num(r, 'capPerCapitaFen'))}`;
      return {
        zh: `金融资产${y(num(i, 'financialAssetsFen'))}，人均${y(num(r, 'perCapitaFen'))}；${basis}：${passes ? '符合' : '超过上限，不符合'}`,
        en: `financial assets ${yEn(num(i, 'financialAssetsFen'))}, ${yEn(num(r, 'perCapitaFen'))} per capita; cap ${yEn(num(r, 'capPerCapitaFen'))}: ${passes ? 'passes' : 'over the cap'}`,
      };
    }
    case 'assets.vehicles': {
      const values = list(i.vehicleValuesFen).map((v) => (typeof v === 'number' ? v : 0));
      const passes = flag(r, 'passes') === true;
      if (values.length === 0) return { zh: '家庭无机动车辆', en: 'no vehicles' };
      return {
        zh: `机动车辆${values.length}辆(价值${values.map(y).join('、')})，可豁免${num(i, 'vehicleExemptCount')}辆价值不超过${y(num(i, 'vehicleExemptMaxFen'))}的车辆：${passes ? '符合' : '不符合'}`,
        en: `${values.length} vehicle(s); ${num(i, 'vehicleExemptCount')} up to ${yEn(num(i, 'vehicleExemptMaxFen'))} exempt: ${passes ? 'passes' : 'fails'}`,
      };
    }
    case 'assets.dwelling-and-business':
      return {
        zh: `${flag(i, 'dwellingBeyondAreaRule') ? '有' : '无'}超出面积规定的住房，${flag(i, 'businessEmployingOthers') ? '有' : '无'}雇佣他人的经营：${r === true ? '符合' : '不符合'}`,
        en: `dwelling beyond the area rule: ${flag(i, 'dwellingBeyondAreaRule') ? 'yes' : 'no'}; business employing others: ${flag(i, 'businessEmployingOthers') ? 'yes' : 'no'}: ${r === true ? 'passes' : 'fails'}`,
      };
    case 'dibao.income-below-standard':
      return {
        zh: `人均月收入${y(num(i, 'perCapitaFen'))}${r === true ? '低于' : '不低于'}低保标准${y(num(i, 'standardFen'))}`,
        en: `per-capita income ${yEn(num(i, 'perCapitaFen'))} is ${r === true ? 'below' : 'not below'} the standard ${yEn(num(i, 'standardFen'))}`,
      };
    case 'dibao.gap-benefit':
      return {
        zh: `低保月补差：(低保标准 − 人均收入)×人数 = ${str(r, 'text')}元`,
        en: `monthly gap benefit: (standard − per-capita income) × members = ${str(r, 'text')} yuan`,
      };
    case 'dibao.top-up':
      return {
        zh: `${who('memberId')}属于${TOP_UP_ZH[str(i, 'category')] ?? str(i, 'category')}，分类施保按标准的${percent(num(i, 'rateBp'))}，每月${y(typeof r === 'number' ? r : 0)}`,
        en: `${who('memberId')} (${str(i, 'category')}) top-up ${percent(num(i, 'rateBp'))} of the standard: ${yEn(typeof r === 'number' ? r : 0)} a month`,
      };
    case 'marginal.income-band': {
      const line = num(r, 'marginalLineFen');
      const band = flag(r, 'belowStandard')
        ? '低于低保标准'
        : flag(r, 'belowMarginalLine')
          ? '不低于低保标准、低于低保边缘线'
          : '不低于低保边缘线';
      return {
        zh: `人均月收入${y(num(i, 'perCapitaFen'))}，低保标准${y(num(i, 'standardFen'))}，低保边缘线(${multipleText(num(i, 'marginalIncomeRatioBp'))}倍)${y(line)}：${band}`,
        en: `per-capita income ${yEn(num(i, 'perCapitaFen'))}; standard ${yEn(num(i, 'standardFen'))}; marginal line ${yEn(line)}`,
      };
    }
    case 'single-person.conditions': {
      const level = num(i, 'disabilityLevel');
      const condition = flag(r, 'condition') === true;
      const what = condition ? (level > 0 ? `${level}级残疾` : '患重特大疾病') : '不属于重度残疾或重病人员';
      return {
        zh: `${who('personId')}：${what}；本人月收入${y(num(i, 'ownMonthlyIncomeFen'))}${flag(r, 'incomeBelowStandard') ? '低于' : '不低于'}低保标准${y(num(i, 'standardFen'))}`,
        en: `${who('personId')}: ${condition ? 'severe disability or major disease' : 'no qualifying condition'}; own income ${yEn(num(i, 'ownMonthlyIncomeFen'))}`,
      };
    }
    case 'single-person.benefit': {
      const topUp = num(i, 'topUpFen');
      const amount = typeof r === 'number' ? r : 0;
      return {
        zh: `单人保月金额：${y(num(i, 'standardFen'))} − ${y(num(i, 'ownMonthlyIncomeFen'))}${topUp > 0 ? ` + 分类施保${y(topUp)}` : ''} = ${y(amount)}`,
        en: `single-person benefit: ${yuan(num(i, 'standardFen'))} − ${yuan(num(i, 'ownMonthlyIncomeFen'))}${topUp > 0 ? ` + ${yuan(topUp)}` : ''} = ${yEn(amount)}`,
      };
    }
    case 'tekun.no-work-capacity': {
      const grounds = list(r).map((g) => GROUND_ZH[String(g)] ?? String(g));
      return {
        zh: `${who('personId')}${num(i, 'age')}岁：${grounds.length > 0 ? `无劳动能力(${grounds.join('、')})` : '不属于无劳动能力人员'}`,
        en: `${who('personId')}, aged ${num(i, 'age')}: ${grounds.length > 0 ? `no work capacity (${list(r).join(', ')})` : 'has work capacity'}`,
      };
    }
    case 'tekun.no-means-of-living':
      return {
        zh: `本人月收入${y(num(i, 'ownMonthlyIncomeFen'))}，低保标准${y(num(i, 'standardFen'))}，财产${flag(i, 'assetsPass') ? '符合' : '不符合'}规定：${r === true ? '无生活来源' : '有生活来源'}`,
        en: `own income ${yEn(num(i, 'ownMonthlyIncomeFen'))}, standard ${yEn(num(i, 'standardFen'))}: ${r === true ? 'no means of living' : 'has means of living'}`,
      };
    case 'tekun.no-supporter':
      return {
        zh: yesNo(
          flag(i, 'supporterAbleToSupport'),
          '有具备履行能力的赡养抚养扶养义务人',
          '无法定赡养抚养扶养义务人或其无履行义务能力',
          '赡养抚养扶养义务人情况尚未核实',
        ),
        en: `supporter able to support: ${str(i, 'supporterAbleToSupport') || 'not yet verified'}`,
      };
    case 'tekun.basic-standard':
      return {
        zh: `特困基本生活标准每月${y(typeof r === 'number' ? r : 0)}(参数${y(num(i, 'tekunBasicStandardFen'))}，不低于城市低保标准${y(num(i, 'urbanStandardFen'))}的${multipleText(num(i, 'tekunBasicMinRatioBp'))}倍)`,
        en: `basic living standard ${yEn(typeof r === 'number' ? r : 0)} a month (at least ${multipleText(num(i, 'tekunBasicMinRatioBp'))} × the urban standard)`,
      };
    case 'tekun.care-tier': {
      const tier = CARE_TIER[str(r, 'tier')] ?? { zh: str(r, 'tier'), en: str(r, 'tier') };
      const failed = i.failedAdlItems;
      const assessed = typeof failed === 'number';
      return {
        zh: `${assessed ? `六项日常生活活动中${failed}项不能自理(${num(i, 'tekunAdlTotalLossMinFailed')}项及以上为完全丧失)` : '未做生活自理能力评估'}：${tier.zh}，照料护理费每月${y(num(r, 'allowanceFen'))}`,
        en: `${assessed ? `${failed} of 6 daily-living items failed` : 'no ADL assessment'}: ${tier.en}, care allowance ${yEn(num(r, 'allowanceFen'))} a month`,
      };
    }
    case 'rigid-hardship.income-below-disposable':
      return {
        zh: `人均月收入${y(num(i, 'perCapitaMonthlyFen'))}(年约${y(num(i, 'perCapitaMonthlyFen') * 12)})${r === true ? '低于' : '不低于'}上年度当地居民人均可支配收入${y(num(i, 'disposableIncomePerCapitaAnnualFen'))}`,
        en: `per-capita income about ${yEn(num(i, 'perCapitaMonthlyFen') * 12)} a year is ${r === true ? 'below' : 'not below'} ${yEn(num(i, 'disposableIncomePerCapitaAnnualFen'))}`,
      };
    case 'rigid-hardship.spending-share':
      return {
        zh: `近${num(i, 'incomeWindowMonths')}个月刚性支出(${kindsZh(i.spendingKinds, SPENDING_KIND_ZH)})${y(num(i, 'essentialSpending12MonthsFen'))}，同期家庭收入${y(num(i, 'countedIncomeWindowFen'))}，门槛为收入的${percent(num(i, 'rigidHardshipSpendingShareBp'))}：${r === true ? '超过' : '未超过'}`,
        en: `essential spending ${yEn(num(i, 'essentialSpending12MonthsFen'))} against income ${yEn(num(i, 'countedIncomeWindowFen'))}, threshold ${percent(num(i, 'rigidHardshipSpendingShareBp'))}: ${r === true ? 'over' : 'not over'}`,
      };
    case 'temporary.emergency-advance':
      return {
        zh: `急难型临时救助：困难需要${y(num(i, 'needFen'))}，先行救助上限${y(num(i, 'temporaryEmergencyCapFen'))}(由事发地${str(i, 'placeRegionCode')}办理，不受户籍限制)，给予${y(typeof r === 'number' ? r : 0)}`,
        en: `emergency advance: need ${yEn(num(i, 'needFen'))}, cap ${yEn(num(i, 'temporaryEmergencyCapFen'))}, granted ${yEn(typeof r === 'number' ? r : 0)}`,
      };
    case 'temporary.expenditure-band': {
      const paid = num(i, 'emergencyPaidFen');
      return {
        zh: `支出型临时救助：未覆盖的必需支出${y(num(i, 'uncoveredNeedFen'))}，所在档次上限为低保标准${y(num(i, 'standardFen'))}的${multipleText(num(i, 'bandMaxMultipleBp'))}倍即${y(num(r, 'bandCapFen'))}${paid > 0 ? `，扣除已先行救助${y(paid)}` : ''}，给予${y(num(r, 'amountFen'))}`,
        en: `expenditure assistance: need ${yEn(num(i, 'uncoveredNeedFen'))}, band cap ${yEn(num(r, 'bandCapFen'))}, granted ${yEn(num(r, 'amountFen'))}`,
      };
    }
    case 'temporary.staged-payments':
      return {
        zh: `分${typeof r === 'number' ? r : 1}个月发放(申请${num(i, 'requestedMonths')}个月，最多${num(i, 'temporaryMaxStagedMonths')}个月)`,
        en: `paid in ${typeof r === 'number' ? r : 1} monthly instalment(s) (at most ${num(i, 'temporaryMaxStagedMonths')})`,
      };
    case 'exit.income-band':
      return {
        zh: `人均月收入${y(num(i, 'perCapitaFen'))}，低保标准${y(num(i, 'standardFen'))}，渐退上限${multipleText(num(i, 'gradualExitUpperRatioBp'))}倍`,
        en: `per-capita income ${yEn(num(i, 'perCapitaFen'))}, standard ${yEn(num(i, 'standardFen'))}`,
      };
    case 'exit.gradual-months':
      return {
        zh: `渐退期${num(i, 'gradualExitMonths')}个月(${str(r, 'firstMonth')}至${str(r, 'lastMonth')})，每月${y(num(i, 'currentMonthlyBenefitFen'))}`,
        en: `gradual exit over ${num(i, 'gradualExitMonths')} months (${str(r, 'firstMonth')}–${str(r, 'lastMonth')})`,
      };
    default:
      return {
        zh: `${entry.rule}：${JSON.stringify(i)} → ${JSON.stringify(r)}`,
        en: `${entry.rule}: ${JSON.stringify(r)}`,
      };
  }
}

/** One trace entry in plain words, with the parameter version it cited. */
export function explainTraceEntry(entry: TraceEntry, names: PersonNames = {}): ExplainedStep {
  const words = explainWords(entry, names);
  return { rule: entry.rule, zh: words.zh, en: words.en, parameterVersionId: entry.parameterVersionId };
}

/** A whole trace in plain words, in order. */
export function explainTrace(trace: readonly TraceEntry[], names: PersonNames = {}): ExplainedStep[] {
  return trace.map((entry) => explainTraceEntry(entry, names));
}
