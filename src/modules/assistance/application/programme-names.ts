import type { Programme } from '../rules/decision.ts';

/** Names of the programmes for titles, notices and the 公示 page (docs/GLOSSARY.md identifiers). */
export const PROGRAMME_NAMES: Readonly<Record<Programme, { zh: string; en: string }>> = {
  extremePovertySupport: { zh: '特困人员救助供养', en: 'Extreme-poverty support' },
  minimumLivingAllowance: { zh: '最低生活保障', en: 'Minimum living allowance' },
  singlePersonAllowance: { zh: '单人保', en: 'Single-person allowance' },
  lowIncomeMarginal: { zh: '低保边缘家庭', en: 'Low-income marginal household' },
  rigidExpenditureHardship: { zh: '刚性支出困难家庭', en: 'Rigid-expenditure hardship' },
  temporaryAssistanceEmergency: { zh: '临时救助(急难型)', en: 'Temporary assistance (emergency)' },
  temporaryAssistanceExpenditure: { zh: '临时救助(支出型)', en: 'Temporary assistance (expenditure)' },
  gradualExit: { zh: '渐退', en: 'Gradual exit' },
};

/** Short names for case titles: 低保申请 张*华. */
export const PROGRAMME_SHORT_ZH: Readonly<Record<string, string>> = {
  auto: '社会救助',
  extremePovertySupport: '特困',
  minimumLivingAllowance: '低保',
  lowIncomeMarginal: '低保边缘',
  rigidExpenditureHardship: '刚性支出困难',
  temporaryAssistanceExpenditure: '临时救助',
};

export function programmeName(code: string | null): { zh: string; en: string } {
  return code && Object.hasOwn(PROGRAMME_NAMES, code)
    ? PROGRAMME_NAMES[code as Programme]
    : { zh: code ?? '', en: code ?? '' };
}
