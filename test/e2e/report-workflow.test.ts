import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportRecords } from '../../src/demo/reports-demo.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { insertPublished2021Report } from '../builders/reports.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';
import { vnuErrors } from '../support/vnu.ts';

const F = t.reports.flow;
const REASON = '第（一）部分未写明“惠企政策直通车”专栏的发布数量，请补充后再提交。';
const NOTE = '第（一）部分补充专栏名称，原文遗漏。';

// The whole path as the roles live it: the editor submits, the reviewer returns it with a reason, the editor reads it,
// fixes and resubmits, the reviewer passes, the leader confirms a risk (last year's report said 192 items, this year
// none is recorded) and publishes, and the editor corrects the published report.
describe('the report’s workflow in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  const html: Record<string, string> = {};
  const problems: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    await seedReportRecords({ db: tdb.db, clock: testClock }, systemActor('测试'), agency);
    for (const role of ['editor', 'reviewer', 'leader'] as const) await buildUser(tdb.db, { agencyId: agency.id, role, username: role });
    await insertPublished2021Report(tdb.db, agency.id);
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  const signIn = (username: string) => signInConsole(browser, server.url, username, TEST_PASSWORD, /\/admin\/lcgxj$/);
  const report = `/admin/lcgxj/reports/2022`;

  /** Looks at the page as it is at phone and desktop widths: a screenshot each, axe, and the HTML for the Nu checker. */
  async function look(page: Page, name: string): Promise<void> {
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page, `report-workflow/${name}-${width}`, true);
      for (const v of await axeViolations(page)) problems.push(`${name}@${width}: ${v}`);
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
      if (overflow > 0) problems.push(`${name}@${width}: scrolls sideways by ${overflow}px`);
    }
    html[name] = await page.content();
  }

  it('goes from 提交审核 through 退回修改, a confirmed risk and publication to 更正', async () => {
    const editor = await signIn('editor');
    await editor.goto(`${server.url}/admin/lcgxj/reports`);
    await editor.getByLabel('起草年度').fill('2022');
    await editor.getByRole('button', { name: '开始起草' }).click();
    await editor.getByRole('button', { name: '提交审核' }).click();
    await expect(editor.getByRole('status').first().textContent()).resolves.toContain('待审核');
    await look(editor, 'submitted-editor');

    // The reviewer finds it on the workbench and returns it with a reason.
    const reviewer = await signIn('reviewer');
    await reviewer.getByRole('link', { name: t.todo.reports.review }).first().click();
    await reviewer.waitForURL(`${server.url}${report}`);
    await expect(reviewer.getByText(F.proactiveZero(2022, 192)).first().isVisible()).resolves.toBe(true);
    await look(reviewer, 'submitted-reviewer');
    await reviewer.locator('summary', { hasText: '退回修改' }).click();
    await reviewer.getByRole('button', { name: '退回修改' }).click();
    await expect(reviewer.getByRole('alert').first().textContent()).resolves.toContain(F.reasonRequired);
    await look(reviewer, 'return-refused');
    await reviewer.getByLabel(F.reason).fill(REASON);
    await reviewer.getByRole('button', { name: '退回修改' }).click();
    await expect(reviewer.getByRole('status').first().textContent()).resolves.toContain('草稿');

    // The editor reads the reason on the workbench and on the report, fixes the text and submits again.
    await editor.goto(`${server.url}/admin/lcgxj`);
    await look(editor, 'workbench-returned');
    await editor
      .getByRole('link', { name: t.todo.reports.returned(REASON) })
      .first()
      .click();
    await expect(editor.getByText(F.returnedLead + REASON).isVisible()).resolves.toBe(true);
    await look(editor, 'returned-editor');
    await editor.getByLabel('（一）主动公开', { exact: true }).fill('2022年，我局开设“惠企政策直通车”专栏，集中发布涉企政策。');
    await editor.getByRole('button', { name: '保存正文' }).click();
    await editor.getByRole('button', { name: '提交审核' }).click();
    await expect(editor.getByRole('status').first().textContent()).resolves.toContain('待审核');

    // The reviewer passes it, confirming the risk; so does the leader, who then publishes.
    for (const [who, step] of [
      [reviewer, '审核通过'],
      [await signIn('leader'), '领导审批'],
    ] as const) {
      await who.goto(`${server.url}${report}`);
      await who.getByRole('button', { name: step }).click();
      await expect(who.getByRole('alert').first().textContent()).resolves.toContain(F.proactiveZero(2022, 192));
      await who.getByLabel(F.confirmRisks(step)).check();
      await who.getByLabel(F.riskNote).fill('本年度信息在原网站发布，尚未迁入本平台，已核实');
      if (step === '领导审批') await look(who, 'approve-leader');
      await who.getByRole('button', { name: step }).click();
      await expect(who.getByRole('status').first().textContent()).resolves.toContain(step === '审核通过' ? '已审核' : '领导已审批');
      if (step === '领导审批') {
        await who.getByRole('button', { name: '发布', exact: true }).click();
        await expect(who.getByRole('status').first().textContent()).resolves.toContain('已发布');
        // The history keeps what was confirmed.
        await expect(who.content()).resolves.toContain(F.risksConfirmed(F.proactiveZero(2022, 192)));
      }
    }

    // Published: no “如需修改，请退回修改”; the editor corrects it with a 更正说明.
    await editor.goto(`${server.url}${report}`);
    await expect(editor.content()).resolves.not.toContain('如需修改，请退回修改');
    await look(editor, 'published-editor');
    await editor.locator('summary', { hasText: F.correction }).click();
    await editor.getByLabel(F.correctionNote).fill(NOTE);
    await editor.getByRole('button', { name: F.correction, exact: true }).click();
    await expect(editor.getByText(F.correctionUnderway(2)).isVisible()).resolves.toBe(true);
    await look(editor, 'correction-draft');
    await editor.getByLabel('（一）主动公开', { exact: true }).fill('2022年，我局开设“惠企政策直通车”专栏，集中发布涉企政策清单和申报指南。');
    await editor.getByRole('button', { name: '保存正文' }).click();
    await editor.getByRole('button', { name: '提交审核' }).click();
    for (const [who, step] of [
      [reviewer, '审核通过'],
      [await signIn('leader'), '领导审批'],
    ] as const) {
      await who.goto(`${server.url}${report}`);
      await who.getByLabel(F.confirmRisks(step)).check();
      await who.getByLabel(F.riskNote).fill('已核实');
      await who.getByRole('button', { name: step }).click();
      if (step === '领导审批') await who.getByRole('button', { name: '发布', exact: true }).click();
    }

    // The portal: the new version with its 更正说明 and a link to the old one, which is marked 已更正.
    const portal = await (await browser.newContext()).newPage();
    await portal.goto(`${server.url}/gk/lcgxj/reports/2022`);
    await expect(portal.getByText(NOTE).isVisible()).resolves.toBe(true);
    await look(portal, 'portal-corrected');
    await portal.getByRole('link', { name: /查看更正前的报告/ }).click();
    await portal.waitForURL(`${server.url}/gk/lcgxj/reports/2022/versions/1`);
    await expect(portal.getByText(t.reports.portalVersions.superseded).isVisible()).resolves.toBe(true);
    await look(portal, 'portal-superseded');
    await portal.getByRole('link', { name: t.reports.portalVersions.current }).click();
    await portal.waitForURL(`${server.url}/gk/lcgxj/reports/2022`);

    expect(problems).toEqual([]);
    expect(await vnuErrors(html)).toEqual([]);
  }, 600_000);
});
