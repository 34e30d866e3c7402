import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

describe('the foundation in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局', officeName: '办公室', phone: '0635-0000000' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'admin', superadmin: true });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  it('portal home and agency column have no WCAG 2.1 AA violations, in both modes', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('政府信息公开平台');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '聊城市工业和信息化局' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '适老化模式' }).click();
    expect(await page.locator('html').getAttribute('class')).toBe('elder');
    expect(page.url()).toBe(`${server.url}/gk/lcgxj/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('logs in through the login form and sees the console; login and console pages pass axe', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/admin`);
    expect(page.url()).toContain('/admin/login');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码错误');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    // The failed attempt before is told first, then the console goes on where it was asked for.
    await page.waitForURL(`${server.url}/admin/login/notice?next=%2Fadmin`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('1 次登录失败');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '继续' }).click();
    await page.waitForURL(`${server.url}/admin`);
    await expect(page.getByRole('heading', { name: '我的机关' }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /聊城市工业和信息化局/ }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^聊城市工业和信息化局\s*工作台$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('您已安全退出');
    await page.context().close();
  });
});
