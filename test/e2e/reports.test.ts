import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportRecords } from '../../src/demo/reports-demo.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

describe('the annual report in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    await seedReportRecords({ db: tdb.db, clock: testClock }, systemActor('测试'), agency);
    for (const role of ['editor', 'reviewer', 'leader'] as const) await buildUser(tdb.db, { agencyId: agency.id, role, username: role });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  const signIn = (username: string) => signInConsole(browser, server.url, username, TEST_PASSWORD, /\/admin\/lcgxj$/);

  it('staff draft and edit a section, the reviewer and the leader approve, the report is published on the portal', async () => {
    const editor = await signIn('editor');
    await editor.getByRole('link', { name: '政府信息公开工作年度报告' }).click();
    expect(await axeViolations(editor)).toEqual([]);
    await editor.getByLabel('起草年度').fill('2022');
    await editor.getByRole('button', { name: '开始起草' }).click();
    await expect(editor.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('2022年度政府信息公开工作年度报告');
    expect(await axeViolations(editor)).toEqual([]);
    const active = editor.getByLabel('（一）主动公开', { exact: true });
    await expect(active.inputValue()).resolves.toContain('2022年，我局深入推进政务公开工作');
    await active.fill('2022年，我局围绕企业关切开设“惠企政策直通车”专栏，集中发布涉企政策清单和申报指南。');
    await editor.getByRole('button', { name: '保存正文' }).click();
    await expect(editor.getByRole('status').first().textContent()).resolves.toContain('已保存正文');
    await expect(editor.getByLabel('（一）主动公开', { exact: true }).inputValue()).resolves.toContain('惠企政策直通车');
    expect(await axeViolations(editor)).toEqual([]);
    await editor.getByRole('button', { name: '提交审核' }).click();
    await expect(editor.getByRole('status').first().textContent()).resolves.toContain('待审核');
    await editor.context().close();

    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${server.url}/admin/lcgxj/reports/2022`);
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await expect(reviewer.getByRole('status').first().textContent()).resolves.toContain('已审核');
    await reviewer.context().close();

    const leader = await signIn('leader');
    await leader.goto(`${server.url}/admin/lcgxj/reports/2022`);
    await leader.getByRole('button', { name: '领导审批' }).click();
    await leader.getByRole('button', { name: '发布', exact: true }).click();
    await expect(leader.getByRole('status').first().textContent()).resolves.toContain('已发布');
    expect(await axeViolations(leader)).toEqual([]);
    await leader.getByRole('link', { name: '在门户中查看' }).click();
    await leader.waitForURL(`${server.url}/gk/lcgxj/reports/2022`);
    await leader.context().close();

    for (const width of [390, 1280]) {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await page.goto(`${server.url}/gk/lcgxj/`);
      await page.getByRole('link', { name: '2022年政府信息公开工作年度报告' }).first().click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('2022年政府信息公开工作年度报告');
      await expect(page.getByText('惠企政策直通车').isVisible()).resolves.toBe(true);
      await expect(page.getByText('网站总访问量达82547次').isVisible()).resolves.toBe(true);
      const t3 = page.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' });
      await expect(t3.getByRole('columnheader', { name: '申请人情况' }).count()).resolves.toBe(1);
      await expect(page.getByRole('img', { name: /2022年与2021年主要数据对比/ }).count()).resolves.toBe(1);
      // The page never scrolls sideways on a phone: only the tables' own boxes do.
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('the record pages and the figures form pass axe', async () => {
    const page = await signIn('editor');
    for (const path of ['figures', 'figures/2022', 'proposals?year=2022', 'trainings?year=2022', 'work-points?year=2022', 'rectification?year=2022']) {
      await page.goto(`${server.url}/admin/lcgxj/${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.context().close();
  });
});
