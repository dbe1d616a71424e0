import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SHOTS, startServer } from '../support/browser.ts';

const JZ = '500156003204'; // 荆竹村, 仙女山街道

async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('Huimin@2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
}

/**
 * Issue 4's journey: an administrator imports a medical-insurance file → a warning appears for the village
 * coordinator (jz_coord) → the coordinator records a visit → a temporary assistance application is opened from it.
 */
describe('browser: monitoring journey (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let householdId: string;
  let idNumber: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('pglite', 2000), launchBrowser()]);
    // one 荆竹村 household enrolled in 低保 (as the assistance line leaves it), so its members are monitored
    const { rows } = await server.db.query<{ id: string; head_person_id: string; id_cipher: Buffer; members: number }>(
      `SELECT h.id, h.head_person_id, p.id_cipher,
         (SELECT count(*)::int FROM household_member m WHERE m.household_id = h.id AND m.valid_to IS NULL) AS members
       FROM household h JOIN person p ON p.id = h.head_person_id
       WHERE h.region_code = $1 AND p.deceased_on IS NULL ORDER BY h.household_no LIMIT 1`,
      [JZ],
    );
    householdId = rows[0].id;
    idNumber = server.platform.cipher.decrypt(Buffer.from(rows[0].id_cipher));
    await server.db.query(
      `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members, amount_fen, start_month)
       VALUES ($1, $2, 'urban', 'minimumLivingAllowance', 'active', $3, 40000, date_trunc('month', now())::date)`,
      [householdId, JZ, rows[0].members],
    );
    // the file import runs as a job and the warning is raised by the batch event's subscriber, as in production
    await server.platform.jobs.start();
    server.platform.events.start(300);
  }, 180_000);
  afterAll(async () => {
    await server?.platform.jobs.stop();
    await server?.platform.events.stop();
    await browser?.close();
    await server?.stop();
  });

  it('imports 住院结算, the coordinator sees the warning, records a visit and opens temporary assistance', async () => {
    const errors: string[] = [];
    const file = 'test-results/medical-hospitalisation.csv';
    writeFileSync(
      file,
      `\uFEFF部门记录编号,身份证号,姓名,出院日期,医疗机构,主要诊断,医疗总费用(元),个人自付(元)\nYB-2026-0001,${idNumber},,2026-11-12,武隆区人民医院,肺炎,68000,26800\n`,
    );

    const admin = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    admin.on('pageerror', (e) => errors.push(e.message));
    await signIn(admin, server.baseUrl, 'admin');
    await admin.goto(`${server.baseUrl}/exchange/catalogue`);
    await admin.getByTestId('exchange-import-medical_hospitalisation').click();
    await admin.getByTestId('exchange-import-dialog').waitFor();
    await admin.locator('[data-testid="exchange-import-dialog"] input[type="file"]').setInputFiles(file);
    await admin
      .locator('[data-testid="exchange-import-progress"][data-status="succeeded"]')
      .waitFor({ timeout: 60_000 });
    await admin.getByTestId('exchange-import-report').waitFor();
    await admin.screenshot({ path: `${SHOTS}/monitoring-import.png` });

    // the batch event → the monitoring subscriber → a warning for 荆竹村
    for (let i = 0; i < 100; i++) {
      const { rows } = await server.db.query(`SELECT 1 FROM monitoring_warning WHERE household_id = $1`, [householdId]);
      if (rows.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const coordinator = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    coordinator.on('pageerror', (e) => errors.push(e.message));
    await signIn(coordinator, server.baseUrl, 'jz_coord');
    await coordinator.goto(`${server.baseUrl}/monitoring/visits`);
    const card = coordinator.getByTestId('monitoring-visit-card').filter({ hasText: '大额自付医疗费用' });
    await card.first().waitFor();
    await coordinator.screenshot({ path: `${SHOTS}/monitoring-visits-mobile.png` });
    await card.first().click();
    await coordinator.getByTestId('monitoring-evidence').getByText('26,800.00 元').waitFor();

    await coordinator.getByTestId('monitoring-note-text').fill('入户走访:住院自付2.68万元,家庭无力负担');
    await coordinator.getByTestId('monitoring-note-submit').click();
    await coordinator.getByTestId('monitoring-notes').getByText('入户走访').waitFor();
    await coordinator.getByTestId('monitoring-detail-status').getByText('处置中').waitFor();

    await coordinator.getByTestId('monitoring-close').click();
    await coordinator.getByTestId('monitoring-close-outcome').click();
    await coordinator.getByTitle('已启动救助').click();
    await coordinator.getByTestId('monitoring-close-note').fill('发起支出型临时救助申请');
    await coordinator.getByTestId('monitoring-close-submit').click();
    await coordinator.getByTestId('monitoring-case-link').waitFor();
    await coordinator.screenshot({ path: `${SHOTS}/monitoring-assistance-started.png` });

    const { rows } = await server.db.query<{ outcome: string; workflow: string; programmes: string[] }>(
      `SELECT w.outcome, c.workflow, a.requested->'programmes' AS programmes
       FROM monitoring_warning w JOIN wf_case c ON c.id = w.case_id JOIN assistance_application a ON a.case_id = c.id
       WHERE w.household_id = $1`,
      [householdId],
    );
    expect(rows).toEqual([
      {
        outcome: 'assistance_started',
        workflow: 'assistance.application',
        programmes: ['temporaryAssistanceExpenditure'],
      },
    ]);
    // the workbench: the closed warning in the list, charts by rule and time to close
    await admin.goto(`${server.baseUrl}/monitoring/warnings`);
    await admin.getByTestId('monitoring-warning-status').getByText('已启动救助').first().waitFor();
    await admin.getByTestId('monitoring-chart-rules').waitFor();
    await admin.screenshot({ path: `${SHOTS}/monitoring-warnings.png` });
    expect(errors).toEqual([]);
  });

  it('a township reviewer flags a resident at risk by ID number; the flag is listed masked', async () => {
    const { rows } = await server.db.query<{ id: string; id_cipher: Buffer }>(
      `SELECT id, id_cipher FROM person WHERE region_code LIKE '500156003%' AND deceased_on IS NULL
       AND id NOT IN (SELECT person_id FROM monitoring_flag) ORDER BY id LIMIT 1`,
    );
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, server.baseUrl, 'xns_reviewer');
    await page.goto(`${server.baseUrl}/monitoring/flags`);
    await page.getByTestId('monitoring-flag-add').click();
    await page.getByTestId('monitoring-flag-id').fill(server.platform.cipher.decrypt(Buffer.from(rows[0].id_cipher)));
    await page.getByLabel('纳入原因').fill('大病支出,返贫风险');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    // the new row in the list (the closing dialog's textarea may still hold the same words for a moment)
    await page.locator('.ant-table-tbody').getByText('大病支出,返贫风险').waitFor();
    const flagged = await server.db.query('SELECT reason FROM monitoring_flag WHERE person_id = $1', [rows[0].id]);
    expect(flagged.rows).toEqual([{ reason: '大病支出,返贫风险' }]);
    await page.screenshot({ path: `${SHOTS}/monitoring-flags.png` });
  });
});
