import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

describe('the 工作日计算器 in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  it('computes a due date across 国庆节 with its 补班 days and explains each day', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/workdays`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('起算日期').fill('2024-09-27');
    await page.getByLabel('工作日数').fill('20');
    await page.getByRole('button', { name: '计算' }).first().click();
    await expect(page.getByText('2024-09-27 之后第 20 个工作日是 2024-10-30。').isVisible()).resolves.toBe(true);
    const table = page.getByRole('table', { name: '逐日说明' });
    const makeup = table.getByRole('row').filter({ hasText: '2024-10-12 周六' });
    await expect(makeup.textContent()).resolves.toContain('调休补班（国庆节）');
    await expect(makeup.textContent()).resolves.toContain('第 7 个工作日');
    const holiday = table.getByRole('row').filter({ hasText: '2024-10-01 周二' });
    await expect(holiday.textContent()).resolves.toContain('法定节假日（国庆节）');
    await expect(holiday.textContent()).resolves.toContain('不计入');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('开始日期（不计入）').fill('2026-12-20');
    await page.getByLabel('结束日期（计入）').fill('2027-01-15');
    await page.getByRole('button', { name: '计算' }).nth(1).click();
    await expect(page.getByText('2027 年的节假日安排尚未载入').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
