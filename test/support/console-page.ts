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

/** Opens a case action's disclosure (by its summary), fills it, submits it and waits for the page. */
export async function caseAction(page: Page, title: string, fill: (form: Locator) => Promise<unknown>, button: string): Promise<void> {
  const details = page.locator('details.action', { has: page.locator('summary', { hasText: title }) });
  await details.locator('summary').click();
  await fill(details);
  await details.getByRole('button', { name: button }).click();
  await page.waitForLoadState('load');
}
