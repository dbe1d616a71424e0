import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';
import { assistanceDriver, DS, JZ } from './assistance-application.fixture.ts';

/** Other channels of 社会救助: the emergency fast path and the portal (resident) intake. */
describe.each(ENGINES)('社会救助 emergency and portal channels on %s', (engine) => {
  let t: TestPlatform;
  let today = '2025-11-03';
  const d = assistanceDriver(() => t);
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => today });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('急难型临时救助: need 3,000 at 荆竹村 → 2,000 (the cap) granted at once by 仙女山, whatever the registration; papers after', async () => {
    today = '2025-11-03';
    const visitor = await d.household(DS, 'bm_clerk'); // registered in 白马镇
    const granted = d.ok<{ caseId: string; amountFen: number; outcome: string }>(
      await d.call('xns_clerk', 'POST', '/assistance/emergencies', {
        placeRegionCode: JZ,
        occurredOn: '2025-11-02',
        needFen: 300_000,
        beneficiaryName: '田大勇',
        personId: visitor.head.id,
        description: '途经荆竹村时房屋失火,无处落脚',
      }),
      201,
    );
    expect(granted).toMatchObject({ outcome: 'eligible', amountFen: 200_000 });
    const c = d.ok<{ state: string; title: string; stepDueOn: string }>(
      await d.call('xns_clerk', 'GET', `/cases/${granted.caseId}`),
    );
    expect(c).toMatchObject({ state: 'granted', title: '临时救助(急难型) 田*勇', stepDueOn: '2025-11-17' });
    // 白马镇 cannot grant for a place in 仙女山
    const elsewhere = await d.call('bm_clerk', 'POST', '/assistance/emergencies', {
      placeRegionCode: JZ,
      occurredOn: '2025-11-02',
      needFen: 100_000,
      beneficiaryName: '田大勇',
      description: '途经荆竹村时房屋失火',
    });
    expect(elsewhere.statusCode).toBe(404);
    const { version } = d.ok<{ version: number }>(await d.call('xns_clerk', 'GET', `/cases/${granted.caseId}`));
    d.ok(
      await d.call('xns_clerk', 'POST', `/cases/${granted.caseId}/actions/complete_papers`, {
        version,
        comment: '身份证明和火灾证明已补齐',
        input: {},
      }),
    );
  });

  it('portal channel: a resident applies for their own household through ApplicationService.apply; not for another one', async () => {
    today = '2025-11-03';
    const h = await d.household();
    const other = await d.household();
    const resident = {
      kind: 'resident' as const,
      id: h.head.id,
      personId: h.head.id,
      name: '张小华',
      regionScope: JZ,
      permissions: new Set<string>(),
      businessLines: new Set<string>(),
      roles: [],
    };
    const { channel: _c, ...body } = d.applyBody(h, { needs: [] });
    const created = await t.platform.assistance.applications.apply(resident, body as never);
    const v = await d.view((created as { caseId: string }).caseId);
    expect(v).toMatchObject({ state: 'submitted', amountFen: 104_100 });
    expect(
      await count(`SELECT count(*)::int AS n FROM assistance_application WHERE case_id = $1 AND channel = 'portal'`, [
        (created as { caseId: string }).caseId,
      ]),
    ).toBe(1);
    const { channel: _o, ...otherBody } = d.applyBody(other, { needs: [] });
    await expect(t.platform.assistance.applications.apply(resident, otherBody as never)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('scope sweep: every application endpoint answers 白马镇 staff about a 仙女山 case as if it did not exist (404)', async () => {
    today = '2025-11-03';
    const { caseId } = await d.applied();
    const doc = d.ok<{ id: string }>(await d.upload('xns_clerk', caseId), 201);
    d.ok(await d.act('xns_clerk', caseId, 'accept'));
    const visit = d.ok<{ id: string }>(
      await d.call('xns_clerk', 'POST', `/assistance/applications/${caseId}/visits`, {
        kind: 'home_visit',
        visitedOn: '2025-11-04',
        notes: '入户调查',
      }),
      201,
    );
    const finding = d.ok<{ finding: { id: string } }>(
      await d.call('xns_clerk', 'POST', `/assistance/applications/${caseId}/data-checks`, {
        check: { category: 'financialAssets', amountFen: 2_000_000 },
      }),
      201,
    );
    const { version } = await d.view(caseId);
    const probes: [string, 'GET' | 'POST', string, unknown?][] = [
      ['bm_clerk', 'GET', `/assistance/applications/${caseId}`],
      ['bm_clerk', 'GET', `/assistance/applications/${caseId}/documents/${doc.id}`],
      [
        'bm_reviewer',
        'POST',
        `/assistance/applications/${caseId}/extension`,
        { workingDays: 5, reason: '需补充', version },
      ],
      [
        'bm_clerk',
        'POST',
        `/assistance/applications/${caseId}/visits`,
        { kind: 'home_visit', visitedOn: '2025-11-04', notes: '越权记录' },
      ],
      ['bm_reviewer', 'POST', `/assistance/visits/${visit.id}/sign`, {}],
      [
        'bm_clerk',
        'POST',
        `/assistance/applications/${caseId}/data-checks`,
        { check: { category: 'financialAssets', amountFen: 1 } },
      ],
      [
        'bm_clerk',
        'POST',
        `/assistance/applications/${caseId}/findings`,
        { check: { category: 'financialAssets', amountFen: 1 }, source: 'manual' },
      ],
      [
        'bm_reviewer',
        'POST',
        `/assistance/findings/${finding.finding.id}/resolve`,
        { outcome: 'keep_declared', note: '越权处理' },
      ],
      ['bm_reviewer', 'POST', `/cases/${caseId}/actions/complete_verification`, { version }],
    ];
    for (const [who, method, url, body] of probes) {
      const r = await d.call(who, method, url, body);
      expect(r.statusCode, `${who} ${method} ${url}: ${r.body}`).toBe(404);
    }
    // nothing they tried was written
    expect(await count('SELECT count(*)::int AS n FROM assistance_visit WHERE case_id = $1', [caseId])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM assistance_finding WHERE case_id = $1', [caseId])).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM assistance_finding WHERE case_id = $1 AND status = 'open'`, [caseId]),
    ).toBe(1);
    // the district approver sees it (district scope) but is no investigator: 403
    const byDistrict = await d.call('wl_approver', 'POST', `/assistance/applications/${caseId}/visits`, {
      kind: 'home_visit',
      visitedOn: '2025-11-04',
      notes: '区县人员记录',
    });
    expect(byDistrict.statusCode).toBe(403);
  });

  it('an assistance case cannot be opened through the generic POST /cases (no application row would exist): 403', async () => {
    const before = await count('SELECT count(*)::int AS n FROM wf_case');
    for (const workflow of ['assistance.application', 'assistance.emergency']) {
      const r = await d.call('xns_clerk', 'POST', '/cases', {
        workflow,
        regionCode: JZ,
        title: '绕过受理的申请',
        data: { householdId: '00000000-0000-4000-8000-000000000000', channel: 'window' },
      });
      expect(r.statusCode, r.body).toBe(403);
    }
    expect(await count('SELECT count(*)::int AS n FROM wf_case')).toBe(before);
  });

  it('支出型临时救助 asked for with medical spending 6,000 (urban 770): band ≤ 20,000 → 4 × 770 = 3,080 granted beside 低保 1,541 (the medical cost is also deducted from income)', async () => {
    today = '2025-11-03';
    const h = await d.household();
    const view = d.ok<{
      proposal: { granted: { programme: string; amountFen: number }[] };
      programme: string;
      amountFen: number;
    }>(
      await d.call(
        'jz_coord',
        'POST',
        '/assistance/applications',
        d.applyBody(h, {
          channel: 'coordinator',
          requested: ['temporaryAssistanceExpenditure'],
          spending: [{ memberId: h.spouse.id, kind: 'medical', amountFen: 600_000 }],
        }),
      ),
      201,
    );
    const byProgramme = Object.fromEntries(view.proposal.granted.map((g) => [g.programme, g.amountFen]));
    // medical spending is also deducted at cost from income for 低保 (刚性支出): (18,000 − 6,000)/12 = 1,000 a month,
    // less 231 → 769, per capita 256.33 → (770 × 3) − 769 = 1,541
    expect(byProgramme).toEqual({ minimumLivingAllowance: 154_100, temporaryAssistanceExpenditure: 308_000 });
    expect(view).toMatchObject({ programme: 'minimumLivingAllowance', amountFen: 154_100 });
  });

  it('驳回 from township review back to verification keeps the 10-working-day clock of acceptance (2025-11-17)', async () => {
    today = '2025-11-03';
    const { caseId } = await d.applied();
    d.ok(await d.upload('xns_clerk', caseId), 201);
    d.ok(await d.act('xns_clerk', caseId, 'accept'));
    const visit = d.ok<{ id: string }>(
      await d.call('xns_clerk', 'POST', `/assistance/applications/${caseId}/visits`, {
        kind: 'home_visit',
        visitedOn: '2025-11-04',
        notes: '入户调查',
      }),
      201,
    );
    d.ok(await d.call('xns_reviewer', 'POST', `/assistance/visits/${visit.id}/sign`, {}));
    today = '2025-11-10';
    d.ok(await d.act('xns_clerk', caseId, 'complete_verification'));
    const { version } = await d.view(caseId);
    d.ok(
      await d.call('xns_reviewer', 'POST', `/cases/${caseId}/actions/return`, {
        version,
        comment: '邻里走访记录缺失,请补充',
        input: { toState: 'verifying' },
      }),
    );
    const back = d.ok<{ state: string; stepDueOn: string }>(
      await d.call('xns_clerk', 'GET', `/assistance/applications/${caseId}`),
    );
    expect(back).toMatchObject({ state: 'verifying', stepDueOn: '2025-11-17' });
    d.ok(await d.act('xns_clerk', caseId, 'complete_verification'));
    expect(d.ok<{ state: string }>(await d.call('xns_clerk', 'GET', `/assistance/applications/${caseId}`)).state).toBe(
      'township_review',
    );
  });
});
