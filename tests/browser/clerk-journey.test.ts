import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SHOTS, startServer } from '../support/browser.ts';

/** A township clerk's first minutes: sign in, find a household, open a member, reveal the full ID, switch language. */
describe('browser: township clerk journey (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('pglite', 2000), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as xns_clerk, searches a household, opens a member, reveals the full ID (audited), switches to English', async () => {
    const { rows } = await server.db.query<{ household_no: string; head_name: string; head_id: string }>(
      `SELECT h.household_no, p.name AS head_name, p.id AS head_id FROM household h JOIN person p ON p.id = h.head_person_id
       WHERE h.region_code LIKE '500156003%' ORDER BY h.household_no LIMIT 1`,
    );
    const target = rows[0];
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('login-username').fill('xns_clerk');
    await page.getByTestId('login-password').fill('Huimin@2026');
    await page.getByTestId('login-submit').click();
    await page.getByText('我的待办').first().waitFor();

    await page.goto(`${server.baseUrl}/households`);
    await page.getByTestId('households-search-q').fill(target.household_no);
    await page.keyboard.press('Enter');
    const link = page.getByTestId('household-link').filter({ hasText: target.household_no });
    await link.first().waitFor();
    await link.first().click();
    await page.getByTestId('household-members').waitFor();
    await page.screenshot({ path: `${SHOTS}/household-detail.png` });

    await page.getByTestId('household-members').getByText(target.head_name).first().click();
    await page.getByTestId('reveal-full').waitFor();
    const masked = (await page.getByTestId('masked-id-number').textContent())?.trim() ?? '';
    expect(masked).toMatch(/^500156\*{8}\d{3}[\dX]$/);
    const auditBefore = await server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.reveal' AND entity_id = $1",
      [target.head_id],
    );
    await page.getByTestId('reveal-full').click();
    await page.getByTestId('reveal-reason').fill('核对户籍信息');
    await page.getByTestId('reveal-submit').click();
    const full = (await page.getByTestId('full-id-number').textContent())?.trim() ?? '';
    expect(full).toMatch(/^500156\d{11}[\dX]$/);
    expect(full.slice(-4)).toBe(masked.slice(-4));
    const audit = await server.db.query<{ reason: string; actor_name: string }>(
      "SELECT reason, actor_name FROM audit_log WHERE action = 'person.reveal' AND entity_id = $1 ORDER BY id",
      [target.head_id],
    );
    expect(audit.rows.length).toBe(auditBefore.rows[0].n + 1);
    expect(audit.rows.at(-1)).toEqual({ reason: '核对户籍信息', actor_name: '仙女山街道 受理员 刘芳' });
    await page.screenshot({ path: `${SHOTS}/person-revealed.png` });

    await page.getByTestId('lang-switch').click();
    await page.getByText('Persons').first().waitFor();
    expect(await page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en-US');
    await page.screenshot({ path: `${SHOTS}/person-english.png` });
    expect(errors).toEqual([]);
  });

  it('the resident portal signs a resident in with ID + phone + one-time code', async () => {
    const { rows } = await server.db.query<{ id: string; id_cipher: Buffer; phone_cipher: Buffer; name: string }>(
      'SELECT id, id_cipher, phone_cipher, name FROM person WHERE phone_cipher IS NOT NULL ORDER BY name LIMIT 1',
    );
    const idNumber = server.platform.cipher.decrypt(Buffer.from(rows[0].id_cipher));
    const phone = server.platform.cipher.decrypt(Buffer.from(rows[0].phone_cipher));
    const codes: string[] = [];
    server.platform.residents.sms = { send: async (_p, text) => void codes.push(/(\d{6})/.exec(text)?.[1] ?? '') };
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${server.baseUrl}/m/`);
    await page.getByTestId('portal-id-number').fill(idNumber);
    await page.getByTestId('portal-phone').fill(phone);
    await page.getByTestId('portal-send-otp').click();
    await expect.poll(() => codes.length).toBe(1);
    await page.getByTestId('portal-code').fill(codes[0]);
    await page.getByTestId('portal-login-submit').click();
    await page.getByTestId('portal-identity').waitFor();
    expect(await page.getByTestId('portal-identity').textContent()).toContain(rows[0].name);
    await page.screenshot({ path: `${SHOTS}/portal-home.png` });
  });
});
