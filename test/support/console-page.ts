import type { Browser, Locator, Page } from 'playwright-core';

/** Signs in on the console login page in a fresh browser context and waits for the landing page. */
export async function signInConsole(browser: Browser, baseUrl: string, username: string, password: string, landing: RegExp): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(landing);
  return page;
}

/**
 * Fills and submits a case action's form, found by its title: a next step shown open (its heading), or another
 * action folded in a disclosure (its summary, opened first).
 */
export async function caseAction(page: Page, title: string, fill: (form: Locator) => Promise<unknown>, button: string): Promise<void> {
  const open = page.locator('section.action', { has: page.locator('h3', { hasText: title }) });
  const folded = page.locator('details.action', { has: page.locator('summary', { hasText: title }) });
  const action = (await open.count()) > 0 ? open : folded;
  if ((await open.count()) === 0) await folded.locator('summary').click();
  await fill(action);
  await action.getByRole('button', { name: button }).click();
  await page.waitForLoadState('load');
}
