import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { main } from '../../src/cli/main.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { minimalPdf } from '../support/files.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

const WIDTHS = [390, 1366];

describe('a 补正 answered online in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let sink: SmtpSink;
  let caseId = 0;
  let trackingNo = '';
  let queryCode = '';
  const code = 'e2ebz';

  beforeAll(async () => {
    sink = await startSmtpSink();
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, {
      code,
      name: '测试市工业和信息化局',
      phone: '0635-1234567',
      address: '测试市东昌路 1 号',
      postcode: '252000',
      officeHours: '工作日 上午9:00–12:00，下午13:30–17:00',
    });
    const editor = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'bz-editor' });
    await tdb.db.updateTable('users').set({ email: 'handler@example.gov.cn' }).where('id', '=', editor.id).execute();
    const deps = { db: tdb.db, clock: systemClock };
    const staff = userActor(editor.id, agency.id, 'editor');
    const today = systemClock.today();
    const c = await registerApplication(deps, staff, agency, staffApplicationForm({ receivedOn: today, subject: '2024年技术改造项目名单' }));
    await actOnApplication(deps, staff, agency, c.id, 'request_correction', {
      on: today,
      items: '请说明所需项目名单的年份和批次\n请说明需要的是公示名单还是立项名单',
    });
    ({ trackingNo, queryCode } = c);
    caseId = c.id;
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
    await tdb?.cleanup().catch(() => {});
  });

  async function shoot(page: Page, name: string) {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `correction-online/${name}-${width}`, true);
    }
  }

  it('shows the notice with every way to answer, takes the 补正 with a file, and confirms it', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/gk/${code}/track`);
    await page.getByLabel('查询号').fill(trackingNo);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('heading', { name: '在线补正' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('邮寄：测试市东昌路 1 号（邮政编码 252000）', { exact: false }).isVisible()).resolves.toBe(true);
    await shoot(page, 'track-correction');

    // Sent empty, the form comes back with the message; then with text and a file.
    await page.getByRole('button', { name: '提交补正' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#f-text-error').textContent()).resolves.toBe('请填写补正内容');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('补正内容').fill('需要的是2024年第二批技术改造项目的立项名单。');
    await page.getByLabel('补正材料（可选）').setInputFiles({ name: '补正说明.pdf', mimeType: 'application/pdf', buffer: minimalPdf('bu zheng') });
    await page.getByRole('button', { name: '提交补正' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('heading', { name: '补正已提交' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(`您的补正已于 ${systemClock.today()} 提交`).isVisible()).resolves.toBe(true);
    await shoot(page, 'correction-done');

    // The handler's case page: the file marked as a 补正 material, the notices of the case.
    const staff = await signInConsole(browser, server.url, 'bz-editor', TEST_PASSWORD, /\/admin\/e2ebz/);
    await staff.goto(`${server.url}/admin/${code}/applications/${caseId}`);
    await expect(staff.getByText('补正材料', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(staff.getByRole('heading', { name: '通知发送情况' }).isVisible()).resolves.toBe(true);

    // `gongkai notify` sends the queue through a real SMTP server: each mail once, even run twice.
    const lines: string[] = [];
    const env = { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent', SMTP_URL: sink.url };
    expect(await main(['node', 'gongkai', 'notify'], (l) => lines.push(l), env)).toBe(0);
    expect(await main(['node', 'gongkai', 'notify'], (l) => lines.push(l), env)).toBe(0);
    const subjects = sink.inbox.map((m) => `${m.to.join(',')} ${m.subject}`).sort();
    expect(subjects).toEqual(
      [
        `handler@example.gov.cn 申请 ${new Date().getFullYear()}-0001 的申请人已在线补正`,
        `zhangsan@example.com 【测试市工业和信息化局】已收到申请（查询号 ${trackingNo}）`,
        `zhangsan@example.com 【测试市工业和信息化局】补正通知（查询号 ${trackingNo}）`,
      ].sort(),
    );
    await staff.reload();
    await expect(staff.getByRole('region', { name: '通知发送情况' }).getByText('已发送', { exact: true }).count()).resolves.toBe(3);
    await shoot(staff, 'case-notifications');
  });
});
