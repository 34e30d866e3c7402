import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDemo, DEMO_PASSWORD } from '../../src/demo/demo.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { signInConsole } from '../support/console-page.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';
import { vnuErrors } from '../support/vnu.ts';

// Issue 16's pages on the demo: the self-check with 未检测, points, the year's result and fix links by role; the city
// view's partitioned cards; the rectification list with an item closed as 已整改，仍计扣分. Axe and the Nu Html Checker.
describe('the self-check and city pages of the demo, at phone and desktop widths', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-e2e-oversight-'));
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
    server = await startServerProcess({ GONGKAI_DATA_DIR: dir });
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([390, 1366])('at %i px wide', async (width) => {
    const pages: Record<string, string> = {};
    const problems: string[] = [];
    const look = async (page: Awaited<ReturnType<typeof signInConsole>>, name: string, url: string) => {
      expect((await page.goto(`${server.url}${url}`))?.status(), url).toBe(200);
      pages[`${name}-${width}`] = await page.content();
      for (const v of await axeViolations(page)) problems.push(`${url}: ${v}`);
      await shot(page, `oversight/${name}-${width}`, true);
    };
    const editor = await signInConsole(browser, server.url, 'editor', DEMO_PASSWORD, /\/admin\/lcgxj$/);
    await editor.setViewportSize({ width, height: 900 });
    await editor.goto(`${server.url}/admin/lcgxj/compliance`);
    await editor.getByLabel('自查年度').fill('2022');
    await editor.getByRole('button', { name: '立即自查' }).click();
    // 2022's deadline has passed: this is a labelled re-run, which does not replace the year's result.
    await expect(editor.getByText('本次为截止后重新自查').count()).resolves.toBe(1);
    await expect(editor.getByText('需由本机关管理员处理').count()).resolves.toBeGreaterThan(0);
    await look(editor, 'compliance-editor', '/admin/lcgxj/compliance');
    await look(editor, 'rectification', '/admin/lcgxj/rectification');
    await editor.context().close();

    const admin = await signInConsole(browser, server.url, 'admin', DEMO_PASSWORD, /\/admin(\/lcgxj)?$/);
    await admin.setViewportSize({ width, height: 900 });
    await admin.goto(`${server.url}/admin/lcgxj/compliance`);
    await admin.getByRole('button', { name: '立即自查' }).click();
    await look(admin, 'compliance-admin', '/admin/lcgxj/compliance');
    await admin.context().close();

    const city = await signInConsole(browser, server.url, 'city', DEMO_PASSWORD, /\/admin\/lcs$/);
    await city.setViewportSize({ width, height: 900 });
    await look(city, 'city', '/admin/lcs/city?year=2022');
    await look(city, 'city-check', '/admin/lcs/city/lcgxj/compliance?year=2022');
    await city.context().close();

    expect(problems).toEqual([]);
    expect(await vnuErrors(pages)).toEqual([]);
  });
});
