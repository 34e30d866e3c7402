import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHandlers } from '../../src/composition.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { applicationRecord, closedEvent, documentRecord } from '../builders/records.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { vnuErrors } from '../support/vnu.ts';

const app = (ref: string, receivedOn: string, closedOn: string, outcome: string) =>
  applicationRecord('lcgxj', ref, receivedOn, [closedEvent(closedOn, outcome)], { channel: 'online', applicant: { name: '李四' } });
const doc = (ref: string, publishedOn: string) => documentRecord('lcgxj', ref, { category: 'policy', issuedOn: publishedOn, publishedOn });
const records = [
  app('A-1', '2024-03-01', '2024-03-12', 'granted'),
  app('A-2', '2024-04-01', '2024-04-30', 'partial'),
  app('A-3', '2024-05-06', '2024-05-08', 'unavailable.not_held'),
  { kind: 'appeal', agency: 'lcgxj', ref: 'FY-2024-01', type: 'reconsideration', filedOn: '2024-06-03', application: 'A-2', result: 'pending' },
  doc('D-1', '2024-01-08'),
  doc('D-2', '2024-03-04'),
  doc('D-3', '2024-03-05'),
];

describe('the performance pages in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'editor' });
    const text = records.map((r) => JSON.stringify(r)).join('\n');
    await importRecords({ db: tdb.db, clock: testClock }, systemActor(), importHandlers, parseImportText(text), { replace: false });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  it.each([390, 1366])('the public page at %i px: reached from the column, charts with their tables, CSV, axe-clean', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/gk/lcgxj/`);
    // On a phone the column's menu is folded into one row: open it first, as a visitor would.
    const menu = page.locator('nav.mainnav details');
    if (await menu.isVisible()) await menu.locator('summary').click();
    await page.getByRole('link', { name: '工作数据' }).first().click();
    await page.getByRole('link', { name: '2024年度' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('2024年度政府信息公开工作数据');
    await expect(page.getByRole('img', { name: /^2024年度办结申请的办理结果：予以公开 1，部分公开 1/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: /^2024年度办结申请从收到到答复的工作日：/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: /^2024年度每月主动公开的信息：1月 1，2月 0，3月 2，/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('table', { name: '2024年度办结申请的办理结果' }).getByRole('row').count()).resolves.toBe(7);
    await page.locator('summary', { hasText: '按年度报告第三部分细分的办理结果' }).click();
    await expect(page.getByRole('rowheader', { name: '1.本机关不掌握相关政府信息' }).isVisible()).resolves.toBe(true);
    // The page never scrolls sideways on a phone: only the tables' own boxes do.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);

    const href = await page.getByRole('link', { name: /下载本页数据/ }).getAttribute('href');
    expect(href).toBe('/gk/lcgxj/performance.csv?year=2024');
    const csv = await page.request.get(`${server.url}${href}`);
    expect(csv.status()).toBe(200);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('lcgxj,聊城市工业和信息化局,2024,2024-12-31,answered,total,本年办结的申请,3');
    expect(body.toString('utf8')).not.toContain('李四');
    await context.close();
  });

  it.each([390, 1366])('the console page at %i px is axe-clean', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('用户名').fill('editor');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/lcgxj$/);
    await page.getByRole('link', { name: '工作数据' }).click();
    await page.getByRole('link', { name: '2024年度' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('2024年度政府信息公开工作数据');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the public page passes the Nu Html Checker, charts included', async () => {
    const html = await (await fetch(`${server.url}/gk/lcgxj/performance?year=2024`)).text();
    expect(html).toContain('<svg class="chart"');
    expect(await vnuErrors({ performance: html })).toEqual([]);
  });
});
