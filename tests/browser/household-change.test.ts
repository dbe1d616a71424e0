import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SHOTS, startServer } from '../support/browser.ts';

const NEW_ADDRESS = '荆竹村9组99号';

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('Huimin@2026');
  await page.getByTestId('login-submit').click();
  await page.getByText('我的待办').first().waitFor();
}

/** The one real case type end to end: a clerk requests a change of address, the township reviewer approves it. */
describe('browser: household change of address (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('pglite', 2000), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('xns_clerk requests an address change, xns_reviewer approves it, the household address changes', async () => {
    // A 仙女山街道 household without any (seeded) case, so the approval below is the only change to it.
    const { rows } = await server.db.query<{ id: string; household_no: string; address: string }>(
      `SELECT h.id, h.household_no, h.address FROM household h
       WHERE h.region_code LIKE '500156003%' AND NOT EXISTS (SELECT 1 FROM wf_case c WHERE c.subject_id = h.id)
       ORDER BY h.household_no LIMIT 1`,
    );
    const household = rows[0];
    expect(household).toBeDefined();
    expect(household.address).not.toBe(NEW_ADDRESS);
    const errors: string[] = [];

    // 1. The clerk opens the case from the household page.
    const clerkContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(clerkContext);
    const clerk = await clerkContext.newPage();
    clerk.on('pageerror', (e) => errors.push(`clerk: ${e.message}`));
    await signIn(clerk, server.baseUrl, 'xns_clerk');
    await clerk.goto(`${server.baseUrl}/households/${household.id}`);
    await clerk.getByTestId('household-members').waitFor();
    await clerk.getByTestId('household-change-address').click();
    const address = clerk.getByTestId('household-new-address');
    await address.waitFor();

    // Client-side rule: 2–200 characters.
    await address.fill('荆');
    await clerk.getByTestId('household-change-submit').click();
    await clerk.getByText('新住址应为 2–200 个字').waitFor();

    await address.fill(NEW_ADDRESS);
    await clerk.getByText('新住址应为 2–200 个字').waitFor({ state: 'detached' });
    await clerk.screenshot({ path: `${SHOTS}/household-change-form.png` });
    await clerk.getByTestId('household-change-submit').click();
    await clerk.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = clerk.url().split('/').at(-1) ?? '';
    const opened = await server.db.query<{ case_no: string; state: string; workflow: string; data: unknown }>(
      'SELECT case_no, state, workflow, data FROM wf_case WHERE id = $1',
      [caseId],
    );
    expect(opened.rows[0]).toMatchObject({
      state: 'submitted',
      workflow: 'registry.household_change',
      data: { householdId: household.id, newAddress: NEW_ADDRESS },
    });
    const caseNo = opened.rows[0].case_no;
    await clerk.getByText(`已提交地址变更申请，办件编号 ${caseNo}`).waitFor();
    await clerk.getByTestId('case-data').getByText(NEW_ADDRESS).waitFor();
    await clerk.screenshot({ path: `${SHOTS}/case-submitted.png` });
    // The clerk can neither claim nor review their own request.
    await clerk.getByText('当前没有可执行的操作').waitFor();
    expect(await clerk.getByTestId('case-claim').count()).toBe(0);
    expect(await clerk.getByTestId('case-action-approve').count()).toBe(0);

    // 2. The township reviewer, in a separate session, finds it among the claimable cases and approves it.
    const reviewerContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(reviewerContext);
    const reviewer = await reviewerContext.newPage();
    reviewer.on('pageerror', (e) => errors.push(`reviewer: ${e.message}`));
    await signIn(reviewer, server.baseUrl, 'xns_reviewer');
    await reviewer.getByTestId('tab-claimable').click();
    const link = reviewer.getByRole('link', { name: caseNo });
    await link.waitFor();
    await reviewer.screenshot({ path: `${SHOTS}/workbench-claimable.png` });
    await link.click();
    await reviewer.waitForURL(`**/cases/${caseId}`);

    await reviewer.getByTestId('case-claim').click();
    await reviewer.getByTestId('case-claim').waitFor({ state: 'detached' });
    await reviewer.getByTestId('case-action-approve').click();
    await reviewer.getByTestId('case-action-comment').fill('已核实新住址');
    await reviewer.getByTestId('case-action-submit').click();
    await reviewer.getByText('已执行「审核通过」').waitFor();
    await reviewer.getByTestId('case-history').getByText('已核实新住址').waitFor();
    await reviewer.locator('.ant-page-header-heading-tags').getByText('已变更').waitFor();
    expect(await reviewer.getByTestId('case-claim').count()).toBe(0);
    expect(await reviewer.getByTestId('case-action-approve').count()).toBe(0);
    // Let the success toasts fade so the screenshot shows the page header.
    await reviewer.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await reviewer.screenshot({ path: `${SHOTS}/case-approved.png` });

    const after = await server.db.query<{ address: string; state: string; closed: boolean }>(
      `SELECT h.address, c.state, c.closed_at IS NOT NULL AS closed FROM wf_case c JOIN household h ON h.id = $2
       WHERE c.id = $1`,
      [caseId, household.id],
    );
    expect(after.rows[0]).toEqual({ address: NEW_ADDRESS, state: 'approved', closed: true });
    const audit = await server.db.query<{ actor_name: string }>(
      "SELECT actor_name FROM audit_log WHERE action = 'household.address_changed' AND entity_id = $1",
      [household.id],
    );
    expect(audit.rows).toEqual([{ actor_name: '仙女山街道 审核员 王强' }]);

    // The case links to the household, whose page now shows the new address.
    await reviewer.getByTestId('case-household-link').click();
    await reviewer.waitForURL(`**/households/${household.id}`);
    await reviewer.getByText(NEW_ADDRESS).first().waitFor();
    // The reviewer has no registry:write, so no request button.
    expect(await reviewer.getByTestId('household-change-address').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
