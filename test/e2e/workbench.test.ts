import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDemo, DEMO_PASSWORD } from '../../src/demo/demo.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';
import { vnuErrors } from '../support/vnu.ts';

// The demo's workbench for the editor and the leader, at phone and desktop widths: axe, the Nu Html Checker, the
// 我的 / 本机关 switch (plain links: no JavaScript needed), and the deadline in words.
describe('the workbench in a browser', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-e2e-workbench-'));
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
    server = await startServerProcess({ GONGKAI_DATA_DIR: dir });
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const width of [390, 1366]) {
    it(`editor and leader at ${width} px`, async () => {
      const pages: Record<string, string> = {};
      for (const username of ['editor', 'leader']) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${server.url}/admin/login`);
        await page.getByLabel('用户名').fill(username);
        await page.getByLabel('密码').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: '登录' }).click();
        await page.waitForURL(/\/admin\/lcgxj$/);
        const tabs = page.getByRole('navigation', { name: '待办范围' });
        await expect(tabs.getByRole('link', { name: /我的待办/ }).getAttribute('aria-current')).resolves.toBe('page');
        const rows = page.locator('table.todo-list tbody tr');
        expect(await rows.count()).toBeGreaterThan(0);
        // The first row is the most urgent; its deadline is said in words.
        await expect(rows.first().textContent()).resolves.toMatch(/已逾期 \d+ 个工作日/);
        expect(await axeViolations(page)).toEqual([]);
        pages[`${username}-mine`] = await page.content();
        await shot(page, `workbench/${username}-${width}`, true);

        await tabs.getByRole('link', { name: /本机关待办/ }).click();
        await page.waitForURL(/view=office/);
        await expect(tabs.getByRole('link', { name: /本机关待办/ }).getAttribute('aria-current')).resolves.toBe('page');
        expect(await axeViolations(page)).toEqual([]);
        pages[`${username}-office`] = await page.content();
        await context.close();
      }
      expect(await vnuErrors(pages)).toEqual([]);
    });
  }
});
