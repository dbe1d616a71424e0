import { describe, expect, it } from 'vitest';
import { classifyApplication } from '../rules/classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import { householdOfThree, noAssets, wages } from '../rules/test-fixtures.ts';
import { buildDecisionNotice } from './notice-content.ts';
import { chinaDate, issuerOf, type NoticeApplication, noticeKindOf, noticeSourceOf } from './notice-source.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道, 武隆区
const BM = '500156101202'; // 东升村, 白马镇

const facts: ApplicationFacts = {
  regionCode: JZ,
  area: 'urban',
  persons: householdOfThree(),
  incomes: [wages('a', 150_000)],
  spending: [],
  assets: noAssets(),
};
const classification = classifyApplication(facts, {
  versions: DEFAULT_PARAMETER_VERSIONS,
  decisionDate: '2025-11-13',
  benefitMonth: '2025-12',
});
const MEMBERS = [
  { personId: 'a', name: '张小华', idMasked: '500156********1234' },
  { personId: 'b', name: '李红', idMasked: '500156********2345' },
  { personId: 'c', name: '张乐', idMasked: '500156********3456' },
];

function app(state: string, decision: NoticeApplication['decision']): NoticeApplication {
  return {
    caseNo: 'HM20251103000001',
    state,
    regionCode: JZ,
    receivedOn: '2025-11-03',
    applicantPersonId: 'a',
    applicantName: '张小华',
    declared: facts,
    decision,
    // 2025-11-13 17:30 UTC is already 11-14 in China
    closedAt: '2025-11-13T17:30:00.000Z',
  };
}

describe('which notice an application gets, and who signs it', () => {
  it('only closed applications have a notice: approved, refused, not accepted', () => {
    expect(['approved', 'refused', 'not_accepted', 'publicity', 'submitted'].map(noticeKindOf)).toEqual([
      'approval',
      'refusal',
      'not_accepted',
      null,
      null,
    ]);
    expect(noticeSourceOf(app('publicity', null), MEMBERS, { today: '2025-11-10' })).toBeNull();
  });

  it('the district bureau signs approvals; the township (街道办事处 / 镇人民政府) signs what it refused', () => {
    expect(issuerOf(JZ, 'approval')).toBe('重庆市武隆区民政局');
    expect(issuerOf(JZ, 'refusal', 'district')).toBe('重庆市武隆区民政局');
    expect(issuerOf(JZ, 'refusal', 'township')).toBe('重庆市武隆区仙女山街道办事处');
    expect(issuerOf(BM, 'not_accepted')).toBe('重庆市武隆区白马镇人民政府');
  });

  it('an approval notice: issued on the China date of closing, 1,041 a month from 2025-12, IDs masked', () => {
    const source = noticeSourceOf(app('approved', { stage: 'approved', classification }), MEMBERS, {
      today: '2025-11-20',
    });
    expect(chinaDate('2025-11-13T17:30:00.000Z')).toBe('2025-11-14');
    expect(source).toMatchObject({ kind: 'approval', issuedOn: '2025-11-14', benefitMonth: '2025-12' });
    expect(source?.applicant).toEqual({ name: '张小华', idNumberMasked: '500156********1234' });
    expect(source?.members.map((m) => m.relation)).toEqual(['申请人', '配偶', '子女']);
    const notice = source ? buildDecisionNotice(source) : null;
    expect(notice?.grants).toEqual([
      expect.objectContaining({
        programmeName: '最低生活保障',
        amountFen: 104_100,
        startMonth: '2025-12',
        monthly: true,
      }),
    ]);
    expect(notice?.parameterVersions).toEqual(['cq-wulong-2025-07-01']);
  });

  it('a refusal keeps the staff’s written reasons and date; not accepted prints no rule trace', () => {
    const refused = noticeSourceOf(
      app('refused', { stage: 'refused', reasons: ['经公示有异议并查实'], on: '2025-11-12', classification }),
      MEMBERS,
      { today: '2025-11-20', refusedAt: 'township' },
    );
    expect(refused).toMatchObject({ kind: 'refusal', issuedOn: '2025-11-12', issuer: '重庆市武隆区仙女山街道办事处' });
    expect(buildDecisionNotice(refused ?? ({} as never)).reasons[0]).toBe('经公示有异议并查实');
    const notAccepted = noticeSourceOf(
      app('not_accepted', {
        stage: 'not_accepted',
        reasons: ['户籍不在本街道'],
        on: '2025-11-03',
        classification: null,
      }),
      MEMBERS,
      { today: '2025-11-03' },
    );
    expect(notAccepted?.decisions).toEqual([]);
    expect(buildDecisionNotice(notAccepted ?? ({} as never)).sections).toEqual([]);
  });
});
