import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/core/workflow/working-days.ts';
import { launchBrowser, type RunningServer, SHOTS, startServer } from '../support/browser.ts';
import { login } from '../support/test-platform.ts';

/** A 1×1 PNG standing in for the phone photo of the signed authorisation. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * 社会救助 in Chromium: a resident applies from the phone with a photo of the signed authorisation, follows the
 * progress; the township clerk finds the application in the workbench list, opens it and accepts it; the resident
 * sees the next step; the village 公示 page shows the masked name once the reviewer opens the notice.
 */
describe('browser: social assistance application (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  // The platform's "today" (China time) until the test moves it past the 7 days of 公示.
  let today = todayInChina();
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('pglite', 600, { today: () => today }), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('resident applies on the portal → clerk accepts → check and visit → reviewer → 公示 page → district approves → payroll line → resident sees approved and the amount', async () => {
    // a head of household in 仙女山街道 with a phone on file signs in to the portal
    const { rows } = await server.db.query<{ id_cipher: Buffer; phone_cipher: Buffer; name: string; village: string }>(
      `SELECT p.id_cipher, p.phone_cipher, p.name, h.region_code AS village FROM household h
       JOIN person p ON p.id = h.head_person_id
       WHERE h.region_code LIKE '500156003%' AND p.phone_cipher IS NOT NULL AND p.deceased_on IS NULL
       ORDER BY h.household_no LIMIT 1`,
    );
    const resident = rows[0];
    const idNumber = server.platform.cipher.decrypt(Buffer.from(resident.id_cipher));
    const phone = server.platform.cipher.decrypt(Buffer.from(resident.phone_cipher));
    const codes: string[] = [];
    server.platform.residents.sms = { send: async (_p, text) => void codes.push(/(\d{6})/.exec(text)?.[1] ?? '') };
    const errors: string[] = [];

    const mobile = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    mobile.on('pageerror', (e) => errors.push(e.message));
    await mobile.goto(`${server.baseUrl}/m/`);
    await mobile.getByTestId('portal-id-number').fill(idNumber);
    await mobile.getByTestId('portal-phone').fill(phone);
    await mobile.getByTestId('portal-send-otp').click();
    await expect.poll(() => codes.length).toBe(1);
    await mobile.getByTestId('portal-code').fill(codes[0]);
    await mobile.getByTestId('portal-login-submit').click();
    await mobile.getByTestId('portal-assistance').waitFor();
    await mobile.getByTestId('portal-assistance').scrollIntoViewIfNeeded();
    await mobile.screenshot({ path: `${SHOTS}/assistance-portal-home.png` });
    await mobile.getByTestId('portal-assistance-apply').click();

    await mobile.getByTestId('portal-apply').waitFor();
    await mobile.getByTestId('apply-income-self').fill('600');
    await mobile.getByTestId('apply-assets').fill('10000');
    await mobile.screenshot({ path: `${SHOTS}/assistance-portal-apply.png`, fullPage: true });
    await mobile.getByTestId('apply-authorisation').locator('input[type=file]').setInputFiles({
      name: 'authorisation.png',
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    await mobile.getByTestId('apply-consent').click();
    await mobile.getByTestId('apply-submit').click();
    await mobile.getByTestId('portal-progress').waitFor();
    await mobile.getByTestId('progress-step-accept').waitFor();
    const caseNo = (await mobile.locator('.pm-card .pm-mono').first().textContent())?.trim() ?? '';
    expect(caseNo).not.toBe('');
    expect(await mobile.getByTestId('progress-step-accept').textContent()).toContain('仙女山街道');
    await mobile.screenshot({ path: `${SHOTS}/assistance-portal-progress.png`, fullPage: true });

    const { rows: apps } = await server.db.query<{ case_id: string; channel: string; docs: number }>(
      `SELECT a.case_id, a.channel, (SELECT count(*)::int FROM assistance_document d WHERE d.case_id = a.case_id) AS docs
       FROM assistance_application a JOIN wf_case c ON c.id = a.case_id WHERE c.case_no = $1`,
      [caseNo],
    );
    expect(apps[0]).toMatchObject({ channel: 'portal', docs: 1 });
    const caseId = apps[0].case_id;

    // the township clerk: list (masked name, due date), detail, 受理
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    desk.on('pageerror', (e) => errors.push(e.message));
    await desk.goto(`${server.baseUrl}/login`);
    await desk.getByTestId('login-username').fill('xns_clerk');
    await desk.getByTestId('login-password').fill('Huimin@2026');
    await desk.getByTestId('login-submit').click();
    await desk.getByText('我的待办').first().waitFor();
    await desk.goto(`${server.baseUrl}/assistance/applications`);
    const link = desk.getByTestId('application-link').filter({ hasText: caseNo });
    await link.waitFor();
    const row = desk.locator('tr', { has: link });
    expect(await row.textContent()).toContain(`${[...resident.name][0]}*`);
    expect(await row.textContent()).not.toContain(resident.name.length > 2 ? resident.name : '\u0000');
    await desk.screenshot({ path: `${SHOTS}/assistance-applications-list.png` });
    await link.click();
    await desk.getByTestId('application-tabs').waitFor();
    await desk.getByRole('tab', { name: '认定依据' }).click();
    await desk.getByTestId('decision-trace').getByText('近12个月收入').first().waitFor();
    await desk.screenshot({ path: `${SHOTS}/assistance-application-decision.png`, fullPage: true });
    await desk.getByTestId('case-action-accept').click();
    await desk.getByTestId('case-action-submit').click();
    await desk.getByTestId('application-detail-state').filter({ hasText: '调查核实' }).waitFor();

    // the resident's progress follows
    await mobile.reload();
    await mobile.getByTestId('progress-state').filter({ hasText: '调查核实' }).waitFor();
    await mobile.screenshot({ path: `${SHOTS}/assistance-portal-progress-verifying.png`, fullPage: true });

    // verification and review through the API, then the village 公示 page (no login) shows the masked name
    const clerk = await login(server.app, 'xns_clerk');
    const reviewer = await login(server.app, 'xns_reviewer');
    const call = (cookie: string, url: string, payload: unknown) =>
      server.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie }, payload: payload as object });
    const version = async () =>
      (
        (
          await server.app.inject({
            method: 'GET',
            url: `/api/v1/assistance/applications/${caseId}`,
            headers: { cookie: clerk },
          })
        ).json() as { version: number }
      ).version;
    const visit = await call(clerk, `/assistance/applications/${caseId}/visits`, {
      kind: 'home_visit',
      visitedOn: new Date().toISOString().slice(0, 10),
      notes: '入户查看,情况属实',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(
      (await call(reviewer, `/assistance/visits/${(visit.json() as { id: string }).id}/sign`, {})).statusCode,
    ).toBe(200);
    const done = await call(clerk, `/cases/${caseId}/actions/complete_verification`, { version: await version() });
    expect(done.statusCode, done.body).toBe(200);
    const opened = await call(reviewer, `/cases/${caseId}/actions/start_publicity`, { version: await version() });
    expect(opened.statusCode, opened.body).toBe(200);

    const board = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    board.on('pageerror', (e) => errors.push(e.message));
    await board.goto(`${server.baseUrl}/m/publicity/${resident.village}`);
    await board.getByTestId('publicity-table').waitFor();
    const masked = `${[...resident.name][0]}*`;
    expect(await board.getByTestId('publicity-table').textContent()).toContain(masked);
    expect(await board.getByTestId('publicity-table').textContent()).not.toContain(idNumber.slice(6, 14));
    await board.screenshot({ path: `${SHOTS}/assistance-publicity.png`, fullPage: true });

    // the workbench shows the signed visit and the running notice
    await desk.reload();
    await desk.getByTestId('application-detail-state').filter({ hasText: '公示' }).waitFor();
    await desk.getByRole('tab', { name: /调查核实/ }).click();
    await desk.getByTestId('visits').getByText('入户查看,情况属实').waitFor();
    await desk.screenshot({ path: `${SHOTS}/assistance-application-verification.png`, fullPage: true });
    await desk.getByRole('tab', { name: '转办与公示' }).click();
    await desk.getByTestId('publicity-info').waitFor();
    expect(await desk.getByTestId('publicity-info').textContent()).toContain(masked);
    await desk.screenshot({ path: `${SHOTS}/assistance-application-publicity.png`, fullPage: true });

    // 公示 runs its 7 days; the day after it ends the reviewer sends the case to the district
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/v1/assistance/applications/${caseId}`,
      headers: { cookie: reviewer },
    });
    const endsOn = (detail.json() as { publicity: { endsOn: string } }).publicity.endsOn;
    today = new Date(Date.parse(`${endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const sent = await call(reviewer, `/cases/${caseId}/actions/submit_to_district`, { version: await version() });
    expect(sent.statusCode, sent.body).toBe(200);

    // the district approver approves in the workbench
    const district = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    district.on('pageerror', (e) => errors.push(e.message));
    await district.goto(`${server.baseUrl}/login`);
    await district.getByTestId('login-username').fill('wl_approver');
    await district.getByTestId('login-password').fill('Huimin@2026');
    await district.getByTestId('login-submit').click();
    await district.getByText('我的待办').first().waitFor();
    await district.goto(`${server.baseUrl}/assistance/applications/${caseId}`);
    await district.getByTestId('application-detail-state').filter({ hasText: '区县审批' }).waitFor();
    await district.getByTestId('case-action-approve').click();
    await district.getByTestId('case-action-submit').click();
    await district.getByTestId('application-detail-state').filter({ hasText: '已批准' }).waitFor();
    await district.screenshot({ path: `${SHOTS}/assistance-application-approved.png`, fullPage: true });

    // the next month's payroll run includes the household, at the approved amount
    const { rows: enrolled } = await server.db.query<{ id: string; start_month: string; amount_fen: number }>(
      `SELECT id, to_char(start_month, 'YYYY-MM') AS start_month, amount_fen FROM assistance_enrollment
        WHERE case_id = $1 AND programme = 'minimumLivingAllowance'`,
      [caseId],
    );
    expect(enrolled).toHaveLength(1);
    const [year, month] = today.split('-').map(Number);
    const nextMonth = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
    expect(enrolled[0].start_month).toBe(nextMonth); // payment from the month after approval
    const approver = await login(server.app, 'wl_approver');
    const run = await call(approver, '/assistance/payroll/runs', {
      district: '500156',
      programme: 'minimumLivingAllowance',
      month: enrolled[0].start_month,
    });
    expect(run.statusCode, run.body).toBeLessThan(300);
    const { rows: lines } = await server.db.query<{ amount_fen: number; status: string }>(
      'SELECT amount_fen, status FROM payroll_line WHERE enrollment_id = $1',
      [enrolled[0].id],
    );
    expect(lines).toEqual([{ amount_fen: enrolled[0].amount_fen, status: 'payable' }]);
    await district.goto(`${server.baseUrl}/assistance/payroll/${(run.json() as { id: string }).id}`);
    await district.getByText(masked).first().waitFor();
    await district.screenshot({ path: `${SHOTS}/assistance-payroll-run.png`, fullPage: true });

    // the resident sees "approved" and the monthly amount
    await mobile.reload();
    await mobile.getByTestId('progress-state').filter({ hasText: '已批准' }).waitFor();
    const amountText = (await mobile.getByTestId('progress-amount').textContent()) ?? '';
    expect(amountText.replace(/,/g, '')).toContain((enrolled[0].amount_fen / 100).toFixed(2));
    await mobile.screenshot({ path: `${SHOTS}/assistance-portal-approved.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 300_000);

  it('a window clerk registers an application from the workbench form with the signed authorisation', async () => {
    const { rows } = await server.db.query<{ id: string }>(
      `SELECT h.id FROM household h WHERE h.region_code LIKE '500156003%'
         AND NOT EXISTS (SELECT 1 FROM assistance_application a WHERE a.household_id = h.id)
       ORDER BY h.household_no DESC LIMIT 1`,
    );
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    desk.on('pageerror', (e) => errors.push(e.message));
    await desk.goto(`${server.baseUrl}/login`);
    await desk.getByTestId('login-username').fill('xns_clerk');
    await desk.getByTestId('login-password').fill('Huimin@2026');
    await desk.getByTestId('login-submit').click();
    await desk.getByText('我的待办').first().waitFor();
    await desk.goto(`${server.baseUrl}/assistance/applications/new?householdId=${rows[0].id}`);
    await desk.getByTestId('application-submit').waitFor();
    await desk.locator('input[type=file]').setInputFiles({ name: '授权书.png', mimeType: 'image/png', buffer: PHOTO });
    // asking for 支出型临时救助 shows the instalment months
    await desk.locator('#requested').click();
    await desk.getByTitle('临时救助(支出型)').click();
    await desk.keyboard.press('Escape');
    await desk.getByLabel('分期发放月数').fill('3');
    await desk.getByLabel('分期发放月数').press('Tab');
    await expect.poll(() => desk.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await desk.screenshot({ path: `${SHOTS}/assistance-application-new.png`, fullPage: true });
    await desk.getByTestId('application-submit').click();
    await desk.getByTestId('application-tabs').waitFor();
    expect(await desk.getByTestId('application-detail-state').textContent()).toContain('待受理');
    await desk.getByRole('tab', { name: /材料/ }).click();
    await desk.getByTestId('documents').getByText('授权书.png').waitFor();
    await desk.getByRole('tab', { name: '申报与核实' }).click();
    await desk.getByTestId('application-facts').waitFor();
    await desk.screenshot({ path: `${SHOTS}/assistance-application-facts.png`, fullPage: true });
    const { rows: created } = await server.db.query<{ channel: string; docs: number; staged: number }>(
      `SELECT a.channel, (SELECT count(*)::int FROM assistance_document d WHERE d.case_id = a.case_id) AS docs,
              (a.requested->>'stagedMonths')::int AS staged
       FROM assistance_application a WHERE a.household_id = $1`,
      [rows[0].id],
    );
    expect(created).toEqual([{ channel: 'window', docs: 1, staged: 3 }]);
    expect(errors).toEqual([]);
  }, 120_000);
});
