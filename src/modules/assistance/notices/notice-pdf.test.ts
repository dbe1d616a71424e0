import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { classifyApplication } from '../rules/classify.ts';
import { DEFAULT_PARAMETER_VERSIONS } from '../rules/default-parameters.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import { householdOfThree, noAssets, WULONG_TOWNSHIP, wages } from '../rules/test-fixtures.ts';
import { buildDecisionNotice, type NoticeSource } from './notice-content.ts';
import { renderDecisionNotice } from './notice-pdf.ts';

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

const MEMBERS = [
  { personId: 'a', name: '张建华', relation: '申请人', idNumberMasked: '500156********1234' },
  { personId: 'b', name: '李秀英', relation: '配偶', idNumberMasked: '500156********2345' },
  { personId: 'c', name: '张小雨', relation: '子女', idNumberMasked: '500156********3456' },
];

function sourceFor(kind: NoticeSource['kind'], financialAssetsFen = 0): NoticeSource {
  const result = classifyApplication(urbanThree(financialAssetsFen), {
    versions: DEFAULT_PARAMETER_VERSIONS,
    decisionDate: '2025-07-15',
    benefitMonth: '2025-08',
  });
  return {
    kind,
    caseNo: 'SA-500156003-2025-000123',
    issuer: '重庆市武隆区民政局',
    issuedOn: '2025-07-15',
    receivedOn: '2025-06-20',
    applicant: { name: '张建华', idNumberMasked: '500156********1234' },
    members: MEMBERS,
    decisions: result.decisions,
    trace: result.trace,
    benefitMonth: result.benefitMonth,
  };
}

/** All text of a PDF as one string without whitespace and page footers (pdf.js splits lines and runs). */
async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  return text.replace(/\s+/g, '').replace(/编号[A-Za-z0-9-]+第\d+页共\d+页/g, '');
}

describe('decision notice PDF (Chinese font embedded, read back with pdf.js)', () => {
  it('approval: 低保 1041.00 yuan a month from August 2025 for 3 members, with the trace and versions cited', async () => {
    const pdf = await renderDecisionNotice(buildDecisionNotice(sourceFor('approval')));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('社会救助审批决定通知书');
    expect(text).toContain('SA-500156003-2025-000123');
    expect(text).toContain('最低生活保障');
    expect(text).toContain('每月1041.00元');
    expect(text).toContain('自2025年8月起按月发放');
    expect(text).toContain('张小雨');
    expect(text).toContain('500156********1234');
    // The trace in plain words: deduction 30% of 770 = 231, (18000 − 2772) ÷ 12 ÷ 3 = 423, (770 − 423) × 3 = 1041.
    expect(text).toContain('低保标准770.00元×30%=每月231.00元');
    expect(text).toContain('人均423.00元');
    expect(text).toContain('(770.00−423.00)×3=1041.00元');
    // each step cites the short form, the full version ids are listed once
    expect(text).toContain('[参数版本cq-wulon]');
    expect(text).toContain('引用的政策参数版本：cq-wulong-2025-07-01');
    expect(text).toContain('重庆市武隆区民政局');
    expect(text).toContain('2025年7月15日');
    expect(text).toContain('行政复议');
  });

  it('refusal: assets 20,000 per capita > 24 × 770 = 18,480, the reason in plain words', async () => {
    const pdf = await renderDecisionNotice(buildDecisionNotice(sourceFor('refusal', 6_000_000)));
    const text = await pdfText(pdf);
    expect(text).toContain('社会救助不予批准决定通知书');
    expect(text).toContain('家庭人均金融资产20000.00元，超过低保标准770.00元的24倍（18480.00元）');
    expect(text).toContain('上限为低保标准770.00元×24=人均18480.00元：超过上限，不符合');
    expect(text).not.toContain('每月1041.00元');
  });

  it('not accepted: the staff reason comes first; the full ID number never appears', async () => {
    const source = {
      ...sourceFor('not_accepted'),
      decisions: [],
      trace: [],
      staffReasons: ['未提交家庭经济状况核对授权书'],
    };
    const pdf = await renderDecisionNotice(buildDecisionNotice(source));
    const text = await pdfText(pdf);
    expect(text).toContain('社会救助申请不予受理通知书');
    expect(text).toContain('1.未提交家庭经济状况核对授权书');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('embeds a font subset: a one-page notice stays small and renders in well under a second', async () => {
    const started = performance.now();
    const pdf = await renderDecisionNotice(buildDecisionNotice(sourceFor('approval')));
    const elapsed = performance.now() - started;
    expect(pdf.length).toBeLessThan(400_000);
    expect(pdf.toString('latin1')).toContain('/FontFile3');
    expect(elapsed).toBeLessThan(3_000);
  });
});
