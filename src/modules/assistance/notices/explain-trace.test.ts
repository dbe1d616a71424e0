import { describe, expect, it } from 'vitest';
import { classifyApplication } from '../rules/classify.ts';
import { traceEntry } from '../rules/decision.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import type { AdlItems } from '../rules/facts.ts';
import { householdOfThree, noAssets, person, WULONG_TOWNSHIP, wages } from '../rules/test-fixtures.ts';
import { explainTrace, explainTraceEntry } from './explain-trace.ts';

const NAMES = { a: '张建华', b: '李秀英', c: '张小雨', e: '王德明' };

function adl(failed: number): AdlItems {
  const unaided = (index: number) => index >= failed;
  return {
    eating: unaided(0),
    dressing: unaided(1),
    bedTransfer: unaided(2),
    toileting: unaided(3),
    walkingIndoors: unaided(4),
    bathing: unaided(5),
  };
}

describe('decision trace in plain words', () => {
  it('urban household of 3: deduction 770 × 30% = 231, per capita 423, (770 − 423) × 3 = 1,041, version cited', () => {
    const result = classifyApplication(
      {
        regionCode: WULONG_TOWNSHIP,
        area: 'urban',
        persons: householdOfThree(),
        incomes: [wages('a', 150_000)],
        spending: [],
        assets: noAssets(),
      },
      { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-07-15' },
    );
    const steps = explainTrace(result.decisions[0].trace, NAMES);
    const text = steps.map((s) => s.zh);
    expect(text).toContain('张建华有工资收入，扣除就业成本：低保标准770.00元×30%=每月231.00元，12个月共2772.00元');
    expect(text.some((t) => t.includes('人均423.00元((18000.00 − 2772.00 − 0.00) ÷ 12 ÷ 3 = 423.00)'))).toBe(true);
    expect(text).toContain('低保月补差：(低保标准 − 人均收入)×人数 = (770.00 − 423.00) × 3 = 1041.00元');
    expect(text).toContain('金融资产0.00元，人均0.00元；上限为低保标准770.00元×24=人均18480.00元：符合');
    expect(steps.find((s) => s.rule === 'dibao.gap-benefit')?.parameterVersionId).toBe('cq-wulong-2025-07-01');
    expect(steps.find((s) => s.rule === 'assets.dwelling-and-business')?.parameterVersionId).toBeNull();
    const members = explainTrace(result.trace, NAMES).filter((s) => s.rule === 'household.member');
    expect(members.map((s) => s.zh)).toEqual([
      '张建华(申请人，1985-03-01出生)：计入家庭成员——申请人本人',
      '李秀英(配偶，1985-03-01出生)：计入家庭成员——配偶',
      '张小雨(子女，2015-05-05出生)：计入家庭成员——未成年子女',
    ]);
  });

  it('特困 aged 65, 4 of 6 ADL items failed: basic 1,001 and total-loss care 1,144 in words', () => {
    const result = classifyApplication(
      {
        regionCode: WULONG_TOWNSHIP,
        area: 'urban',
        persons: [person('e', { birthDate: '1960-03-01', supporterAbleToSupport: false, adl: adl(4) })],
        incomes: [],
        spending: [],
        assets: noAssets(),
      },
      { versions: DEFAULT_PARAMETER_VERSIONS, decisionDate: '2025-07-15' },
    );
    const tekun = result.decisions.find((d) => d.programme === 'extremePovertySupport');
    expect(tekun?.amountFen).toBe(100_100 + 114_400);
    const text = explainTrace(tekun?.trace ?? [], NAMES).map((s) => s.zh);
    expect(text).toContain('王德明65岁：无劳动能力(老年人)');
    expect(text).toContain('无法定赡养抚养扶养义务人或其无履行义务能力');
    expect(text.some((t) => t.startsWith('特困基本生活标准每月1001.00元'))).toBe(true);
    expect(text).toContain(
      '六项日常生活活动中4项不能自理(4项及以上为完全丧失)：完全丧失生活自理能力，照料护理费每月1144.00元',
    );
  });

  it('emergency temporary assistance: need 5,000, cap 2,000 → 2,000, decided where it happened', () => {
    const step = explainTraceEntry(
      traceEntry(
        'temporary.emergency-advance',
        {
          needFen: 500_000,
          temporaryEmergencyCapFen: 200_000,
          placeRegionCode: '500156003204',
          occurredOn: '2025-07-10',
        },
        200_000,
        'cq-2025-07-01',
      ),
    );
    expect(step.zh).toBe(
      '急难型临时救助：困难需要5000.00元，先行救助上限2000.00元(由事发地500156003204办理，不受户籍限制)，给予2000.00元',
    );
    expect(step.parameterVersionId).toBe('cq-2025-07-01');
  });

  it('an unknown rule still appears, with its name and values', () => {
    const step = explainTraceEntry(traceEntry('future.rule', { x: 1 }, true, null));
    expect(step.zh).toBe('future.rule：{"x":1} → true');
  });
});
