import { describe, expect, it } from 'vitest';
import { classifyApplication } from './classify.ts';
import type { Decision } from './decision.ts';
import { DEFAULT_PARAMETER_VERSIONS } from './default-parameters.ts';
import type { ApplicationFacts } from './facts.ts';
import { householdOfThree, noAssets, person, WULONG_TOWNSHIP, wages } from './test-fixtures.ts';

function urbanThree(financialAssetsFen = 0): ApplicationFacts {
  return {
    regionCode: WULONG_TOWNSHIP,
    area: 'urban',
    persons: householdOfThree(),
    incomes: [wages('a', 150_000)],
    spending: [],
    assets: noAssets(financialAssetsFen),
  };
}

function find(decisions: readonly Decision[], programme: Decision['programme']): Decision {
  const decision = decisions.find((d) => d.programme === programme);
  if (!decision) throw new Error(`no ${programme} decision`);
  return decision;
}

function ruleResult(decision: Decision, rule: string) {
  const entry = decision.trace.find((t) => t.rule === rule);
  if (!entry) throw new Error(`no ${rule} in trace`);
  return entry;
}

describe('the issue’s worked examples (default 重庆/武隆 parameters)', () => {
  it('urban household of 3, 1,500/month, deduction 231: (1,500 − 231) / 3 = 423 → (770 − 423) × 3 = 1,041', () => {
    const result = classifyApplication(urbanThree(), {
      versions: DEFAULT_PARAMETER_VERSIONS,
      decisionDate: '2025-07-15',
    });
    const dibao = find(result.decisions, 'minimumLivingAllowance');
    expect(dibao.outcome).toBe('eligible');
    expect(dibao.amountFen).toBe(104_100);
    expect(ruleResult(dibao, 'income.employment-cost-deduction').inputs.perMonthFen).toBe(23_100);
    expect(ruleResult(dibao, 'income.monthly-per-capita').result).toMatchObject({ perCapitaFen: 42_300 });
    expect(ruleResult(dibao, 'dibao.gap-benefit').result).toMatchObject({ text: '(770.00 − 423.00) × 3 = 1041.00' });
    expect(ruleResult(dibao, 'dibao.gap-benefit').parameterVersionId).toBe('cq-wulong-2025-07-01');
    expect(result.granted.map((d) => d.programme)).toEqual(['minimumLivingAllowance']);
    expect(result.monthlyTotalFen).toBe(104_100);
  });

  it('same household, June 2025 (standard 750), decided 2025-07-10: deduction stays 231, (750 − 423) × 3 = 981', () => {
    const result = classifyApplication(urbanThree(), {
      versions: DEFAULT_PARAMETER_VERSIONS,
      decisionDate: '2025-07-10',
      benefitMonth: '2025-06',
    });
    const dibao = find(result.decisions, 'minimumLivingAllowance');
    expect(dibao.amountFen).toBe(98_100);
    const deduction = ruleResult(dibao, 'income.employment-cost-deduction');
    expect(deduction.inputs.perMonthFen).toBe(23_100);
    // The deduction is read from the version in force on the decision date, the standard from the benefit month's.
    expect(deduction.parameterVersionId).toBe('cq-wulong-2025-07-01');
    expect(ruleResult(dibao, 'dibao.gap-benefit').parameterVersionId).toBe('cq-2023-07-01');
    expect(ruleResult(dibao, 'dibao.gap-benefit').result).toMatchObject({ text: '(750.00 − 423.00) × 3 = 981.00' });
    expect(result.assessmentVersionId).toBe('cq-wulong-2025-07-01');
    expect(result.benefitVersionId).toBe('cq-2023-07-01');
  });

  it('reading check: decided in June 2025, deduction 225, (1,500 − 225) / 3 = 425 → (750 − 425) × 3 = 975', () => {
    const result = classifyApplication(urbanThree(), {
      versions: DEFAULT_PARAMETER_VERSIONS,
      decisionDate: '2025-06-20',
    });
    expect(find(result.decisions, 'minimumLivingAllowance').amountFen).toBe(97_500);
  });

  it('household of 4 at 1,000 per capita (≥ 770, < 1,155): 低保边缘, not 低保; level-1 disabled member → 单人保 770', () => {
    const facts: ApplicationFacts = {
      regionCode: WULONG_TOWNSHIP,
      area: 'urban',
      persons: [
        person('a'),
        person('b', { relation: 'spouse' }),
        person('c', { relation: 'child', birthDate: '2001-01-01', disability: { category: 'physical', level: 1 } }),
        person('d', { relation: 'child', birthDate: '2012-01-01' }),
      ],
      // (2 × 2,231 − 2 × 231) / 4 = 1,000 per capita
      incomes: [wages('a', 223_100), wages('b', 223_100)],
      spending: [],
      assets: noAssets(),
    };
    const result = classifyApplication(facts, { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-07-15' });
    const dibao = find(result.decisions, 'minimumLivingAllowance');
    expect(dibao.outcome).toBe('ineligible');
    expect(ruleResult(dibao, 'income.monthly-per-capita').result).toMatchObject({ perCapitaFen: 100_000 });
    expect(find(result.decisions, 'lowIncomeMarginal').outcome).toBe('eligible');
    const single = find(result.decisions, 'singlePersonAllowance');
    expect(single.outcome).toBe('eligible');
    expect(single.memberIds).toEqual(['c']);
    expect(single.amountFen).toBe(77_000);
    expect(result.granted.map((d) => d.programme)).toEqual(['lowIncomeMarginal', 'singlePersonAllowance']);
  });

  it('per-capita financial assets 20,000 > 24 × 770 = 18,480 → refused, citing the asset parameter', () => {
    const result = classifyApplication(urbanThree(6_000_000), {
      versions: DEFAULT_PARAMETER_VERSIONS,
      decisionDate: '2025-07-15',
    });
    const dibao = find(result.decisions, 'minimumLivingAllowance');
    expect(dibao.outcome).toBe('ineligible');
    const assetReason = dibao.reasons.find((r) => r.code === 'assets.financial-over-limit');
    expect(assetReason?.zh).toBe(
      '家庭人均金融资产20000.00元，超过低保标准770.00元的24倍（18480.00元）（政策参数版本cq-wulong-2025-07-01）',
    );
    expect(ruleResult(dibao, 'assets.financial-per-capita')).toMatchObject({
      inputs: { assetMultiple: 24, standardFen: 77_000 },
      result: { perCapitaFen: 2_000_000, capPerCapitaFen: 1_848_000, passes: false },
      parameterVersionId: 'cq-wulong-2025-07-01',
    });
    expect(result.granted).toEqual([]);
  });

  it('same household with a member treated for a major disease, assets ≤ 50,000 per capita → passes (1,041)', () => {
    const facts = urbanThree(6_000_000);
    facts.persons = facts.persons.map((p) => (p.id === 'b' ? { ...p, majorDisease: true } : p));
    const result = classifyApplication(facts, { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-07-15' });
    const dibao = find(result.decisions, 'minimumLivingAllowance');
    expect(dibao.outcome).toBe('eligible');
    expect(dibao.amountFen).toBe(104_100);
    expect(ruleResult(dibao, 'assets.financial-per-capita').result).toMatchObject({ capPerCapitaFen: 5_000_000 });
  });
});
