import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';
import { vnuErrors } from '../support/vnu.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** What has the focus: the error summary, or the tag of whatever else. */
const focused = async (page: Page) =>
  String(
    await page.evaluate(
      "document.activeElement?.hasAttribute('data-error-summary') ? 'error-summary' : (document.activeElement?.tagName.toLowerCase() ?? 'none')",
    ),
  );

describe('the application form in a browser: errors, held files, valid HTML', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  const code = 'e2eform';
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    await buildAgency(tdb.db, { code, name: '测试市工业和信息化局', phone: '0635-1234567', address: '测试市东昌路 1 号' });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  /** Clicks a submit button and returns the HTML the server sent for the page it leads to. */
  async function submit(page: Page, button: string): Promise<string> {
    const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
    return (await response?.text()) ?? '';
  }

  for (const width of [390, 1366]) {
    it(`at ${width} px: the summary takes the focus and links the fields, the files are kept, every page is valid HTML`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const fresh = await page.goto(`${server.url}/gk/${code}/apply`);
      const pages: Record<string, string> = { form: (await fresh?.text()) ?? '' };
      await page.getByLabel('姓名或名称').fill('张三');
      await page.getByLabel('身份证明类型').selectOption('resident_id');
      await page.getByLabel('身份证明号码').fill('110105194912310021');
      await page.getByLabel('联系电话').fill(`138000${String(width).padStart(5, '0')}`);
      await page.getByLabel(/所需政府信息的名称/).fill('无线电初级操作证报考条件');
      await page.getByLabel('电子文档').check();
      await page.getByLabel('当面领取').check();
      await page.getByLabel(/附件/).setInputFiles([
        { name: '身份证明.pdf', mimeType: 'application/pdf', buffer: PDF },
        { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('not allowed') },
      ]);
      pages.refused = await submit(page, '提交申请');

      // Focus is on the summary, and its link moves to the wrong field.
      expect(await focused(page)).toBe('error-summary');
      await page.locator('[data-error-summary] a', { hasText: '居民身份证号码' }).click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-idNumber');
      // The good file is held, the refused one named.
      await expect(page.getByText('已保留的附件').isVisible()).resolves.toBe(true);
      await expect(page.getByText('身份证明.pdf', { exact: false }).first().isVisible()).resolves.toBe(true);
      await expect(page.getByText('附件“说明.txt”不是允许的文件类型', { exact: false }).first().isVisible()).resolves.toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `applicant-form/apply-refused-${width}`, true);

      await page.getByLabel('身份证明号码').fill('11010519491231002X');
      pages.receipt = await submit(page, '提交申请');
      await expect(page.getByRole('heading', { name: '政府信息公开申请回执' }).isVisible()).resolves.toBe(true);
      const [trackingNo, queryCode] = (await page.locator('strong.code').allTextContents()) as [string, string];
      await page.goto(`${server.url}/gk/${code}/track`);
      await page.getByLabel('查询号').fill(trackingNo);
      await page.getByLabel('查询码').fill('ZZZZ-ZZZZ');
      pages.trackRefused = await submit(page, '查询');
      expect(await focused(page)).toBe('error-summary');
      await page.getByLabel('查询码').fill(queryCode);
      pages.tracked = await submit(page, '查询');
      await expect(page.getByText('办理情况').first().isVisible()).resolves.toBe(true);
      await shot(page, `applicant-form/tracked-${width}`, true);

      expect(await vnuErrors(pages)).toEqual([]);
      await context.close();
    });
  }

  it('focuses the summary of a console form too (the sign-in form)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('用户名').fill('nobody');
    await page.getByLabel('密码').fill('wrong-password');
    await submit(page, '登录');
    expect(await focused(page)).toBe('error-summary');
    await page.close();
  });
});
