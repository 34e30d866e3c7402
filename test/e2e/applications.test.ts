import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { caseAction, signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

describe('依申请公开 in a browser: apply, correct, answer, track', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let code = '';
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code: 'e2egxj', name: '测试市工业和信息化局', phone: '0635-1234567', address: '测试市东昌路 1 号' });
    code = agency.code;
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'e2e-editor' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'e2e-leader' });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  const signIn = (username: string) => signInConsole(browser, server.url, username, TEST_PASSWORD, /\/admin\/e2egxj/);

  const act = caseAction;

  async function track(page: Page, trackingNo: string, queryCode: string) {
    await page.goto(`${server.url}/gk/${code}/track`);
    await page.getByLabel('查询号').fill(trackingNo);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForLoadState('load');
  }

  it('walks an application from the portal to the answer letter', async () => {
    // The citizen applies; a wrong ID number comes back beside its field, with everything typed kept.
    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(`${server.url}/gk/${code}/`);
    await citizen.getByRole('link', { name: '在线提交申请' }).click();
    await expect(citizen.getByRole('heading', { name: '政府信息公开申请' }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(citizen)).toEqual([]);
    await citizen.getByLabel('自然人').check();
    await citizen.getByLabel('姓名或名称').fill('张三');
    await citizen.getByLabel('身份证明类型').selectOption('resident_id');
    await citizen.getByLabel('身份证明号码').fill('110105194912310021');
    await citizen.getByLabel('联系电话').fill('13800000000');
    await citizen.getByLabel('电子邮箱').fill('zhangsan@example.com');
    await citizen.getByLabel(/所需政府信息的名称/).fill('无线电初级操作证报考条件');
    await citizen.getByLabel('电子文档').check();
    await citizen.getByLabel('电子邮件', { exact: true }).check();
    await citizen.getByRole('button', { name: '提交申请' }).click();
    // The message sits beside the field and is tied to it for screen readers.
    await expect(citizen.locator('#f-idNumber-error').textContent()).resolves.toBe('居民身份证号码应为 18 位，且校验位正确');
    await expect(citizen.getByLabel('身份证明号码').getAttribute('aria-describedby')).resolves.toContain('f-idNumber-error');
    await expect(citizen.getByLabel('姓名或名称').inputValue()).resolves.toBe('张三');
    await expect(citizen.getByLabel(/所需政府信息的名称/).inputValue()).resolves.toBe('无线电初级操作证报考条件');
    expect(await axeViolations(citizen)).toEqual([]);
    await citizen.getByLabel('身份证明号码').fill('11010519491231002X');
    await citizen.getByRole('button', { name: '提交申请' }).click();

    // The receipt: tracking number and query code, shown once.
    await expect(citizen.getByRole('heading', { name: '政府信息公开申请回执' }).isVisible()).resolves.toBe(true);
    const codes = await citizen.locator('strong.code').allTextContents();
    const [trackingNo, queryCode] = codes as [string, string];
    expect(trackingNo).toMatch(/^\d{8}-\d{6}$/);
    expect(queryCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await axeViolations(citizen)).toEqual([]);

    // Staff confirm receipt and ask for a correction.
    const editor = await signIn('e2e-editor');
    await editor.goto(`${server.url}/admin/${code}/applications?status=pending`);
    await editor.getByRole('link', { name: /^\d{4}-0001$/ }).click();
    await act(editor, '确认收到（网上申请）', async () => {}, '确认收到');
    await expect(editor.getByText('已确认收到，答复期限开始计算。').isVisible()).resolves.toBe(true);
    await act(editor, '补正告知', (f) => f.getByLabel('需要补正的事项').fill('请写明所需文件的文号或发布时间\n请说明需要哪一年度的报考条件'), '发出补正告知');
    await expect(editor.getByText('已发出补正告知，期限暂停计算。').isVisible()).resolves.toBe(true);

    // The citizen's tracking page shows the correction notice, and nothing personal.
    await track(citizen, trackingNo, queryCode);
    await expect(citizen.getByText('需要补正申请').first().isVisible()).resolves.toBe(true);
    await expect(citizen.getByText('请写明所需文件的文号或发布时间').isVisible()).resolves.toBe(true);
    const trackedHtml = await citizen.content();
    for (const secret of ['张三', '11010519491231002X', '13800000000', 'zhangsan@example.com']) expect(trackedHtml).not.toContain(secret);
    expect(await axeViolations(citizen)).toEqual([]);

    // Staff receive the correction and draft the answer; the leader signs it off; staff send it.
    await act(editor, '收到补正后的申请', async () => {}, '登记收到补正');
    await act(
      editor,
      '起草答复',
      async (f) => {
        await f.getByLabel('办理结果').selectOption('granted');
      },
      '生成告知书草稿',
    );
    await expect(editor.getByLabel('告知书正文').inputValue()).resolves.toContain('张三：');
    await editor.getByRole('button', { name: '提交领导签发' }).click();
    await editor.waitForLoadState('load');
    const caseUrl = editor.url().replace(/[?#].*$/, '');
    const leader = await signIn('e2e-leader');
    await leader.goto(caseUrl);
    await leader.getByRole('button', { name: '签发' }).click();
    await expect(leader.getByText('已签发，承办人可以发送答复。').isVisible()).resolves.toBe(true);
    await editor.goto(caseUrl);
    await act(editor, '发送答复', async () => {}, '发送答复并办结');
    await expect(editor.getByText('已发送答复，申请办结。').isVisible()).resolves.toBe(true);

    // The citizen sees the answer letter, with the name replaced.
    await track(citizen, trackingNo, queryCode);
    await expect(citizen.getByRole('heading', { name: '答复告知书' }).isVisible()).resolves.toBe(true);
    const letter = await citizen.locator('.official-doc').textContent();
    expect(letter).toContain('申请人：');
    expect(letter).toContain('予以公开');
    expect(letter).toContain('测试市工业和信息化局');
    expect(letter).toContain('提起行政诉讼');
    expect(letter).toContain('（印章）');
    expect(letter).not.toContain('张三');
    expect(await axeViolations(citizen)).toEqual([]);
    await Promise.all([citizen.context().close(), editor.context().close(), leader.context().close()]);
  });

  it.each([390, 1366])('keeps the console pages of 依申请公开 free of axe violations at %i px, with every action form open', async (width) => {
    const editor = await signIn('e2e-editor');
    await editor.setViewportSize({ width, height: 900 });
    const base = `${server.url}/admin/${code}`;
    // An open case with every form of its state, registered by staff.
    await editor.goto(`${base}/applications/new`);
    await editor.getByLabel('姓名或名称').fill('李四');
    await editor.getByLabel('身份证明号码').fill('11010519491231002X');
    await editor.getByLabel('联系电话').fill('13800000000');
    await editor.getByLabel(/所需政府信息的名称/).fill('企业技术改造备案情况');
    await editor.getByLabel('纸质').check();
    await editor.getByLabel('当面领取').check();
    await editor.getByRole('button', { name: '登记申请' }).last().click();
    await editor.getByRole('link', { name: '打开申请' }).click();
    const openCase = editor.url();
    const pages = [
      `${base}/applications`,
      `${base}/applications?status=all`,
      `${base}/applications/new`,
      openCase,
      `${base}/applications/1`,
      `${base}/applications/1/letter`,
      `${base}/appeals`,
    ];
    const problems: string[] = [];
    for (const url of pages) {
      const res = await editor.goto(url);
      expect(res?.status(), url).toBe(200);
      for (const d of await editor.locator('details').all()) await d.evaluate((el) => el.setAttribute('open', ''));
      for (const v of await axeViolations(editor)) problems.push(`${url}: ${v}`);
    }
    expect(problems).toEqual([]);
    await editor.context().close();
  });
});
