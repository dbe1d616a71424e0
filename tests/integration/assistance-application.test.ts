import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';
import { assistanceDriver, DS, JZ } from './assistance-application.fixture.ts';
import { readXlsxCells } from './excel-fixtures.ts';

interface Res {
  statusCode: number;
  body: string;
  json: () => unknown;
}
interface AppView {
  caseId: string;
  caseNo: string;
  state: string;
  version: number;
  programme: string | null;
  amountFen: number | null;
  dueOn: string;
  stepDueOn: string | null;
  proposal: { monthlyTotalFen: number; granted: { programme: string; amountFen?: number }[] } | null;
  decision: { stage: string; classification?: { monthlyTotalFen: number } } | null;
  verified: { assets: { financialAssetsFen: number } } | null;
  transfers: { id: string; need: string; toOrgName: string; status: string }[];
  visits: { id: string; complete: boolean }[];
  findings: { id: string; status: string }[];
  publicity: { id: string; maskedName: string; endsOn: string; objections: { id: string }[] } | null;
  extension: { days: number; reason: string } | null;
}

describe.each(ENGINES)('社会救助申请 application journey on %s', (engine) => {
  let t: TestPlatform;
  let today = '2025-11-03'; // a Monday
  const cookies = new Map<string, string>();

  const cookie = async (username: string) => {
    let c = cookies.get(username);
    if (!c) {
      c = await login(t.app, username);
      cookies.set(username, c);
    }
    return c;
  };
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers = {}) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await cookie(who), ...headers },
      payload: payload as Record<string, unknown>,
    });
  const ok = <T>(r: Res, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;
  const view = async (caseId: string, who = 'xns_clerk') =>
    ok<AppView>(await call(who, 'GET', `/assistance/applications/${caseId}`));
  const act = async (who: string, caseId: string, action: string, input?: unknown, comment?: string) => {
    const { version } = await view(caseId, who === 'wl_approver' ? 'wl_approver' : 'xns_reviewer');
    return call(who, 'POST', `/cases/${caseId}/actions/${action}`, { version, input, comment });
  };
  const upload = async (who: string, caseId: string, kind: string) => {
    const boundary = '----huimin-test';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="授权书.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      Buffer.from('%PDF-1.4 signed authorisation'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/assistance/applications/${caseId}/documents`,
      headers: { cookie: await cookie(who), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
  };

  /** Urban household of 3 in a village (head 张小华, spouse, child of 10), from the shared fixture. */
  const household = assistanceDriver(() => t).household;

  /** The worked example: one adult earning 1,500 a month (18,000 over 12 months), assets 10,000. */
  function applyBody(h: Awaited<ReturnType<typeof household>>, extra: Record<string, unknown> = {}) {
    return {
      householdId: h.id,
      applicantPersonId: h.head.id,
      channel: 'window',
      area: 'urban',
      requested: ['auto'],
      needs: [{ need: 'medical', note: '配偶住院自付费用高' }],
      members: [{ personId: h.child.id, relation: 'child' }],
      incomes: [{ memberId: h.head.id, category: 'wage', kind: 'wage', amountFen: 1_800_000 }],
      assets: { financialAssetsFen: 1_000_000 },
      ...extra,
    };
  }

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => today });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('bad input: a member of another household, negative income, an applicant outside the clerk’s region → 400/404, nothing written', async () => {
    const h = await household();
    const other = await household();
    const before = await count('SELECT count(*)::int AS n FROM wf_case');
    const foreign = await call(
      'xns_clerk',
      'POST',
      '/assistance/applications',
      applyBody(h, { incomes: [{ memberId: other.head.id, category: 'wage', kind: 'wage', amountFen: 100 }] }),
    );
    expect(foreign.statusCode, foreign.body).toBe(400);
    expect((foreign.json() as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(
      'incomes.0.memberId',
    );
    const negative = await call(
      'xns_clerk',
      'POST',
      '/assistance/applications',
      applyBody(h, { incomes: [{ memberId: h.head.id, category: 'wage', kind: 'wage', amountFen: -5 }] }),
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toContain('incomes.0.amountFen');
    const impossible = await call(
      'xns_clerk',
      'POST',
      '/assistance/applications',
      applyBody(h, { incomes: [{ memberId: h.head.id, category: 'wage', kind: 'wage', amountFen: 5e12 }] }),
    );
    expect(impossible.statusCode).toBe(400);
    // 白马镇's clerk cannot reach a 仙女山 household: the same 404 as a missing one
    const outside = await call('bm_clerk', 'POST', '/assistance/applications', applyBody(h));
    expect(outside.statusCode).toBe(404);
    expect(await count('SELECT count(*)::int AS n FROM wf_case')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM assistance_application')).toBe(0);
  });

  it('worked example: urban 3 persons, wage 1,500/month, deduction 231 → per capita 423 → 低保 (770 − 423) × 3 = 1,041; idempotent create', async () => {
    const h = await household();
    const key = { 'idempotency-key': `apply-${h.id}` };
    const first = ok<AppView>(await call('xns_clerk', 'POST', '/assistance/applications', applyBody(h), key), 201);
    const again = ok<AppView>(await call('xns_clerk', 'POST', '/assistance/applications', applyBody(h), key), 201);
    expect(again.caseId).toBe(first.caseId);
    // one audit row for the intake: the case opening, saying how it came in
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.open' AND entity_id = $1
           AND detail->>'intake' = 'assistance.apply' AND detail->>'channel' = 'window'`,
        [first.caseId],
      ),
    ).toBe(1);
    // the intake answers from what it wrote: exactly what GET shows afterwards
    expect(await view(first.caseId)).toEqual(first);
    expect(await count('SELECT count(*)::int AS n FROM assistance_application WHERE household_id = $1', [h.id])).toBe(
      1,
    );
    expect(first.state).toBe('submitted');
    // a second application while the first is open: 409, nothing written
    const second = await call('xns_clerk', 'POST', '/assistance/applications', {
      ...applyBody(h),
      requested: ['minimumLivingAllowance'],
    });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'conflict.duplicate',
      message_zh: `该家庭已有办理中的救助申请(${first.caseNo}),请在原申请中补充材料`,
      fields: [{ field: 'householdId' }],
    });
    expect(await count('SELECT count(*)::int AS n FROM wf_case WHERE subject_id = $1', [h.id])).toBe(1);
    expect(first.proposal?.granted.map((g) => g.programme)).toEqual(['minimumLivingAllowance']);
    expect(first.amountFen).toBe(104_100);
    // received 2025-11-03, 30 working days → 2025-12-15
    expect(first.dueOn).toBe('2025-12-15');
    expect(first.transfers).toMatchObject([{ need: 'medical', toOrgName: '武隆区医疗保障局', status: 'sent' }]);

    // the list and its Excel export: masked names, scoped (白马镇 sees none of 仙女山's)
    const list = ok<{ items: { caseId: string; applicantName: string }[] }>(
      await call('xns_clerk', 'GET', '/assistance/applications?state=submitted'),
    );
    expect(list.items.find((i) => i.caseId === first.caseId)?.applicantName).toBe('张*华');
    const xlsx = await call('xns_clerk', 'GET', '/assistance/applications/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readXlsxCells(xlsx.rawPayload);
    expect(sheet.cells).toContain(first.caseNo);
    expect(sheet.cells).toContain('1041.00');
    expect(sheet.cells.join(' ')).not.toContain('张小华');
    const bmSheet = await readXlsxCells(
      (await call('bm_clerk', 'GET', '/assistance/applications/export.xlsx')).rawPayload,
    );
    expect(bmSheet.dataRows).toBe(0);
  });

  it('支出型 staged: 30,000 of medical costs asked over 3 months → the proposal pays in 3 instalments; 0 months is a 400', async () => {
    const h = await household();
    const body = applyBody(h, {
      requested: ['temporaryAssistanceExpenditure'],
      needs: [],
      spending: [{ memberId: h.head.id, kind: 'medical', amountFen: 3_000_000 }],
    });
    const bad = await call('xns_clerk', 'POST', '/assistance/applications', { ...body, stagedMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      expect.objectContaining({
        field: 'body.stagedMonths',
        message_zh: '分期月数至少为1',
        message_en: 'at least 1 month',
      }),
    ]);
    expect(await count('SELECT count(*)::int AS n FROM wf_case WHERE subject_id = $1', [h.id])).toBe(0);
    const created = ok<
      Omit<AppView, 'proposal'> & { proposal: { granted: { programme: string; payments?: unknown[] }[] } }
    >(await call('xns_clerk', 'POST', '/assistance/applications', { ...body, stagedMonths: 3 }), 201);
    const grant = created.proposal.granted.find((g) => g.programme === 'temporaryAssistanceExpenditure');
    expect(grant?.payments).toHaveLength(3);
    const { rows } = await t.db.query<{ staged: number }>(
      "SELECT (requested->>'stagedMonths')::int AS staged FROM assistance_application WHERE case_id = $1",
      [created.caseId],
    );
    expect(rows[0].staged).toBe(3);
  });

  it('two intakes for one household at the same moment: one is taken, the other is 409 naming it, one case written', async () => {
    const h = await household();
    // two different requests (identical bodies would be caught earlier as a double submit)
    const answers = await Promise.all([
      call('xns_clerk', 'POST', '/assistance/applications', applyBody(h)),
      call('xns_clerk', 'POST', '/assistance/applications', { ...applyBody(h), requested: ['minimumLivingAllowance'] }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const taken = answers.find((a) => a.statusCode === 201)?.json() as AppView;
    const refused = answers.find((a) => a.statusCode === 409)?.json();
    expect(refused.message_zh).toContain(taken.caseNo);
    expect(await count('SELECT count(*)::int AS n FROM wf_case WHERE subject_id = $1', [h.id])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM assistance_application WHERE household_id = $1', [h.id])).toBe(
      1,
    );
  });

  it('full journey: accept → two-investigator visit → finding resolved → review → 公示 → objection blocks → dismissed → approval → enrollment', async () => {
    today = '2025-11-03';
    const h = await household();
    const created = ok<AppView>(await call('xns_clerk', 'POST', '/assistance/applications', applyBody(h)), 201);
    const caseId = created.caseId;

    // scope: 白马镇 staff see and act on nothing of 仙女山
    expect((await call('bm_clerk', 'GET', `/assistance/applications/${caseId}`)).statusCode).toBe(404);
    expect((await call('bm_reviewer', 'GET', `/assistance/applications/${caseId}`)).statusCode).toBe(404);
    const bmList = ok<{ total: number }>(await call('bm_clerk', 'GET', '/assistance/applications'));
    expect(bmList.total).toBe(0);
    expect(
      (await call('bm_clerk', 'POST', `/cases/${caseId}/actions/accept`, { version: created.version })).statusCode,
    ).toBe(404);
    expect((await upload('bm_clerk', caseId, 'authorisation')).statusCode).toBe(404);

    // no authorisation on file → cannot accept
    const early = await act('xns_clerk', caseId, 'accept');
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json()).toMatchObject({ code: 'assistance.authorisation_missing' });
    ok(await upload('xns_clerk', caseId, 'authorisation'), 201);
    ok(await act('xns_clerk', caseId, 'accept'));
    let v = await view(caseId);
    expect(v.state).toBe('verifying');
    // verification + township review: 10 working days from acceptance (2025-11-03) → 2025-11-17
    expect(v.stepDueOn).toBe('2025-11-17');

    const incomplete = await act('xns_clerk', caseId, 'complete_verification');
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json()).toMatchObject({ code: 'assistance.verification_incomplete' });

    // home visit: recorded by the clerk, the same person cannot sign twice, the reviewer confirms
    const visit = ok<{ id: string; complete: boolean }>(
      await call('xns_clerk', 'POST', `/assistance/applications/${caseId}/visits`, {
        kind: 'home_visit',
        visitedOn: '2025-11-04',
        notes: '入户查看,家中无贵重物品',
      }),
      201,
    );
    expect(visit.complete).toBe(false);
    const twice = await call('xns_clerk', 'POST', `/assistance/visits/${visit.id}/sign`, {});
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({ code: 'assistance.same_investigator' });
    expect((await call('bm_reviewer', 'POST', `/assistance/visits/${visit.id}/sign`, {})).statusCode).toBe(404);
    const signed = ok<{ complete: boolean }>(
      await call('xns_reviewer', 'POST', `/assistance/visits/${visit.id}/sign`, {}),
    );
    expect(signed.complete).toBe(true);

    // a data check that agrees raises nothing; one that differs becomes a finding
    const same = ok<{ finding: unknown }>(
      await call('xns_clerk', 'POST', `/assistance/applications/${caseId}/data-checks`, {
        check: { category: 'vehicles', vehicles: [] },
        department: '公安',
      }),
      201,
    );
    expect(same.finding).toBeNull();
    const diff = ok<{ finding: { id: string } }>(
      await call('xns_clerk', 'POST', `/assistance/applications/${caseId}/data-checks`, {
        check: { category: 'financialAssets', amountFen: 1_200_000 },
        department: '银行',
      }),
      201,
    );
    const open = await act('xns_clerk', caseId, 'complete_verification');
    expect(open.statusCode).toBe(422);
    expect(open.body).toContain('verification.open_findings');
    ok(
      await call('xns_clerk', 'POST', `/assistance/findings/${diff.finding.id}/resolve`, {
        outcome: 'accept_found',
        note: '银行存款以核对结果为准',
      }),
    );
    ok(await act('xns_clerk', caseId, 'complete_verification'));
    v = await view(caseId);
    expect(v.state).toBe('township_review');
    expect(v.stepDueOn).toBe('2025-11-17'); // the acceptance clock runs on into the review
    expect(v.verified?.assets.financialAssetsFen).toBe(1_200_000);
    expect(v.decision).toMatchObject({ stage: 'verified' });
    expect(v.amountFen).toBe(104_100);

    // 分办转办: the medical insurance bureau's liaison sees and answers its inbox
    const inbox = ok<{ items: { id: string; caseId: string }[] }>(
      await call('wl_medical', 'GET', '/assistance/transfers?status=sent'),
    );
    const transfer = inbox.items.find((i) => i.caseId === caseId);
    expect(transfer).toBeDefined();
    ok(await call('wl_medical', 'POST', `/assistance/transfers/${transfer?.id}/reply`, { reply: '已纳入医疗救助' }));
    expect((await view(caseId)).transfers[0].status).toBe('replied');
    expect((await call('wl_medical', 'GET', `/assistance/applications/${caseId}`)).statusCode).toBe(403);

    // 公示 opened 2025-11-05: 7 calendar days from 11-06 → ends 2025-11-12
    today = '2025-11-05';
    ok(await act('xns_reviewer', caseId, 'start_publicity'));
    v = await view(caseId);
    expect(v.publicity).toMatchObject({ maskedName: '张*华', endsOn: '2025-11-12', amountFen: 104_100 });
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/public/publicity?village=${JZ}` });
    expect(pub.statusCode).toBe(200);
    const items = (pub.json() as { items: { maskedName: string; amountFen: number; members: number }[] }).items;
    expect(items).toContainEqual(expect.objectContaining({ maskedName: '张*华', amountFen: 104_100, members: 3 }));
    for (const id of [h.head.idNumber, h.spouse.idNumber, h.child.idNumber]) {
      expect(pub.body).not.toContain(id.slice(6, 14));
    }
    expect(pub.body).not.toContain('张小华');
    const otherVillage = await t.app.inject({ method: 'GET', url: `/api/v1/public/publicity?village=${DS}` });
    expect((otherVillage.json() as { items: unknown[] }).items).toHaveLength(0);

    const tooEarly = await act('xns_reviewer', caseId, 'submit_to_district');
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json()).toMatchObject({ code: 'assistance.publicity_running' });

    // an objection from the public page blocks approval until resolved
    const objection = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/publicity/${v.publicity?.id}/objections`,
      payload: { content: '该户家中开有小卖部,收入不止申报的数', contact: '13900001111' },
    });
    expect(objection.statusCode, objection.body).toBe(201);
    today = '2025-11-13';
    const blocked = await act('xns_reviewer', caseId, 'submit_to_district');
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json()).toMatchObject({ code: 'assistance.objection_open' });
    const objectionId = (objection.json() as { id: string }).id;
    expect(
      (
        await call('xns_clerk', 'POST', `/assistance/objections/${objectionId}/resolve`, {
          outcome: 'dismissed',
          resolution: '经核实小卖部已于去年关闭',
        })
      ).statusCode,
    ).toBe(403);
    ok(
      await call('xns_reviewer', 'POST', `/assistance/objections/${objectionId}/resolve`, {
        outcome: 'dismissed',
        resolution: '经核实小卖部已于去年关闭',
      }),
    );
    ok(await act('xns_reviewer', caseId, 'submit_to_district'));
    ok(await act('wl_approver', caseId, 'approve'));
    v = await view(caseId, 'wl_approver');
    expect(v.state).toBe('approved');
    expect(v.decision).toMatchObject({ stage: 'approved', classification: { monthlyTotalFen: 104_100 } });
    expect(await count('SELECT count(*)::int AS n FROM assistance_enrollment WHERE case_id = $1', [caseId])).toBe(1);
    // the notice is closed and off the public page
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/public/publicity?village=${JZ}` });
    expect(after.body).not.toContain(v.publicity?.id ?? 'none');
  }, 60_000);

  it('an upheld objection sends the case back to township review; the notice is withdrawn', async () => {
    today = '2025-11-03';
    const h = await household();
    const { caseId } = ok<AppView>(
      await call('xns_clerk', 'POST', '/assistance/applications', applyBody(h, { needs: [] })),
      201,
    );
    ok(await upload('xns_clerk', caseId, 'authorisation'), 201);
    ok(await act('xns_clerk', caseId, 'accept'));
    const visit = ok<{ id: string }>(
      await call('xns_clerk', 'POST', `/assistance/applications/${caseId}/visits`, {
        kind: 'home_visit',
        visitedOn: '2025-11-04',
        notes: '入户调查',
      }),
      201,
    );
    ok(await call('xns_reviewer', 'POST', `/assistance/visits/${visit.id}/sign`, {}));
    ok(await act('xns_reviewer', caseId, 'complete_verification'));
    ok(await act('xns_reviewer', caseId, 'start_publicity'));
    const { publicity } = await view(caseId);
    const objection = ok<{ id: string }>(
      await call('xns_clerk', 'POST', `/assistance/publicity/${publicity?.id}/objections`, {
        content: '邻居反映其子在外地工作有稳定收入',
      }),
      201,
    );
    ok(
      await call('xns_reviewer', 'POST', `/assistance/objections/${objection.id}/resolve`, {
        outcome: 'upheld',
        resolution: '需重新核查子女收入',
      }),
    );
    const v = await view(caseId);
    expect(v.state).toBe('township_review');
    expect(
      await count(`SELECT count(*)::int AS n FROM assistance_publicity WHERE case_id = $1 AND status = 'open'`, [
        caseId,
      ]),
    ).toBe(0);
  }, 60_000);

  it('extension: once, up to 15 working days, with a reason; a second one is refused; a clerk may not extend', async () => {
    today = '2025-11-03';
    const h = await household();
    const created = ok<AppView>(
      await call('xns_clerk', 'POST', '/assistance/applications', applyBody(h, { needs: [] })),
      201,
    );
    const byClerk = await call('xns_clerk', 'POST', `/assistance/applications/${created.caseId}/extension`, {
      workingDays: 15,
      reason: '需补充调查',
      version: created.version,
    });
    expect(byClerk.statusCode).toBe(403);
    const tooLong = await call('xns_reviewer', 'POST', `/assistance/applications/${created.caseId}/extension`, {
      workingDays: 16,
      reason: '需补充调查',
      version: created.version,
    });
    expect(tooLong.statusCode).toBe(400);
    const extended = ok<AppView>(
      await call('xns_reviewer', 'POST', `/assistance/applications/${created.caseId}/extension`, {
        workingDays: 15,
        reason: '需补充调查',
        version: created.version,
      }),
    );
    // 2025-12-15 + 15 working days → 2026-01-06 (2026-01-01 is a holiday)
    expect(extended.dueOn).toBe('2026-01-06');
    expect(extended.extension).toEqual({ days: 15, reason: '需补充调查' });
    const again = await call('xns_reviewer', 'POST', `/assistance/applications/${created.caseId}/extension`, {
      workingDays: 1,
      reason: '再次延期',
      version: extended.version,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: 'assistance.extension_used' });
    const history = ok<{ history: { action: string }[] }>(
      await call('xns_reviewer', 'GET', `/cases/${created.caseId}`),
    );
    expect(history.history.map((x) => x.action)).toContain('extend');
  });
});
