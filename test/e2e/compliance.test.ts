import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDemo, DEMO_PASSWORD } from '../../src/demo/demo.ts';
import { chinaDate } from '../../src/shared/clock.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { caseAction, signInConsole } from '../support/console-page.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

// The demo's real finding (an application still open past its due date) goes on the rectification list from the
// self-check page; once the case is answered, the next check closes the item (逐项销号).
describe('self-check → rectification → 销号 on the demo, in a browser', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-e2e-check-'));
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
    server = await startServerProcess({ GONGKAI_DATA_DIR: dir });
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (username: string) => signInConsole(browser, server.url, username, DEMO_PASSWORD, /\/admin\/lcgxj$/);

  const act = caseAction;

  const thisYear = chinaDate(new Date()).slice(0, 4);

  it('lists the demo finding, and the next check after rectifying it closes the item', async () => {
    const editor = await signIn('editor');
    await editor.getByRole('link', { name: '合规自查' }).first().click();
    // This year's check: the demo's case is open now, and its late answer will fall in this year.
    await editor.getByLabel('自查年度').fill(thisYear);
    await editor.getByRole('button', { name: '立即自查' }).click();
    const finding = editor.locator('ul.findings > li', { hasText: '已超过答复期限' });
    await expect(finding.count()).resolves.toBe(1);
    expect(await axeViolations(editor)).toEqual([]);

    await finding.locator('summary', { hasText: '列入整改清单' }).click();
    await finding.getByLabel('整改措施').fill('报请分管领导补办延期审批手续，按延期后的期限答复');
    await finding.getByLabel('责任科室').fill('办公室');
    await finding.getByRole('button', { name: '列入整改清单' }).click();
    await expect(
      editor
        .locator('ul.findings > li', { hasText: '已超过答复期限' })
        .getByText(/已列入整改清单，时限/)
        .count(),
    ).resolves.toBe(1);
    expect(await axeViolations(editor)).toEqual([]);
    const caseHref = await editor.locator('ul.findings > li', { hasText: '已超过答复期限' }).getByRole('link').first().getAttribute('href');

    // The rectification itself: the handler answers the case, the leader signs the letter off, the handler sends it.
    const caseUrl = `${server.url}${caseHref}`;
    await editor.goto(caseUrl);
    // The demo's extension request was never decided; it is withdrawn before the answer (issue 14: decided first).
    await act(editor, '撤回延期申请', async (f) => f.getByLabel('说明').fill('逾期后不再延期，按原期限补办答复'), '撤回延期申请');
    await act(editor, '起草答复', async (f) => f.getByLabel('办理结果').selectOption('granted'), '生成告知书草稿');
    await editor.getByRole('button', { name: '提交领导签发' }).click();
    await editor.waitForLoadState('load');
    const leader = await signIn('leader');
    await leader.goto(caseUrl);
    await leader.getByRole('button', { name: '签发' }).click();
    await expect(leader.getByText('已签发，承办人可以发送答复。').isVisible()).resolves.toBe(true);
    await leader.context().close();
    await editor.goto(caseUrl);
    await act(editor, '发送答复', async () => {}, '发送答复并办结');
    await expect(editor.getByText('已发送答复，申请办结。').isVisible()).resolves.toBe(true);

    // The next check no longer finds the case open past its due date, but the late answer still fails the indicator for
    // the same case: the item closes as 已整改，仍计扣分, never as fixed (issue 16).
    await editor.goto(`${server.url}/admin/lcgxj/compliance`);
    await expect(editor.getByLabel('自查年度').inputValue()).resolves.toBe(thisYear);
    await editor.getByRole('button', { name: '立即自查' }).click();
    await expect(editor.getByRole('status').first().textContent()).resolves.toContain('本次自查对 1 项整改事项以“已整改，仍计扣分”结项');
    await expect(editor.locator('ul.findings > li', { hasText: '已超过答复期限' }).count()).resolves.toBe(0);
    await expect(editor.locator('ul.findings > li', { hasText: '晚于答复期限' }).count()).resolves.toBe(1);
    await editor.getByRole('link', { name: '查看整改清单' }).click();
    const item = editor.getByRole('row', { name: /补办延期审批手续/ });
    await expect(item.textContent()).resolves.toMatch(/已整改，仍计扣分 \d{4}-\d{2}-\d{2}/);
    await expect(item.textContent()).resolves.not.toContain('已销号');
    await expect(item.getByRole('button', { name: '销号' }).count()).resolves.toBe(0);
    expect(await axeViolations(editor)).toEqual([]);
    await editor.context().close();
  });
});
