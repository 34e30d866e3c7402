import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDIT_CODE } from '../../src/demo/demo.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { minimalPdf } from '../support/files.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { vnuErrors } from '../support/vnu.ts';

const TITLE = '关于开展2022年度省级“专精特新”中小企业认定工作的通知';

describe('主动公开 in a browser: draft → 保密审查 → approval → column, search, feed, sitemap', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let docUrl = '';

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局', creditCode: DEMO_CREDIT_CODE, officeName: '办公室' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'editor' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'reviewer', username: 'reviewer' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'leader' });
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

  it('refuses an attachment whose content is not what its name claims', async () => {
    const page = await signIn('editor');
    await page.goto(`${server.url}/admin/lcgxj/documents/new`);
    await page.getByLabel('标题').fill('附件类型测试');
    await page.getByLabel('成文日期').fill('2022-06-10');
    await page.locator('#f-attachment').setInputFiles({ name: '通知.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('内容与其类型不符');
    await expect(page.getByLabel('标题').inputValue()).resolves.toBe('附件类型测试');
    await page.context().close();
  });

  it('an editor drafts a document with an attachment and submits it; unsafe HTML is stripped', async () => {
    const page = await signIn('editor');
    await page.getByRole('link', { name: '信息发布' }).click();
    await page.getByRole('link', { name: '起草信息' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('标题').fill(TITLE);
    await page.locator('#f-category').selectOption('normative');
    await page.getByLabel('文号').fill('聊工信发〔2022〕12号');
    await page.getByLabel('成文日期').fill('2022-06-10');
    await page
      .getByLabel('正文')
      .fill('<p>各有关企业：现就认定工作通知如下。</p><script>document.title="pwned"</script><p><img src="x" onerror="alert(1)">请按时申报。</p>');
    await page.locator('#f-attachment').setInputFiles({ name: '申报表.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Application form 2022') });
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/documents\/\d+\?saved=1$/);
    await expect(page.getByRole('link', { name: '申报表.pdf' }).isVisible()).resolves.toBe(true);
    expect(await page.content()).not.toContain('pwned');
    await page.getByRole('button', { name: '提交保密审查' }).click();
    await page.waitForURL(/done=submit/);
    await expect(page.locator('.badge').first().textContent()).resolves.toBe('待保密审查');
    await page.context().close();
  });

  it('a reviewer confirms the 保密审查 checklist and a leader approves: it is published', async () => {
    const rev = await signIn('reviewer');
    await rev.getByRole('link', { name: '审查审核' }).click();
    await rev.getByRole('link', { name: TITLE }).click();
    for (const box of await rev.getByRole('checkbox').all()) await box.check();
    await rev.getByRole('button', { name: '确认保密审查通过' }).click();
    await rev.waitForURL(/done=secrecy_ok/);
    await rev.context().close();

    const boss = await signIn('leader');
    await boss.getByRole('link', { name: '审查审核' }).click();
    await boss.getByRole('link', { name: TITLE }).click();
    expect(await axeViolations(boss)).toEqual([]);
    await boss.getByRole('button', { name: '审核通过并发布' }).click();
    await boss.waitForURL(/done=approve/);
    await expect(boss.locator('.badge').first().textContent()).resolves.toBe('已发布');
    await boss.context().close();
  });

  it('appears in the column and on its page with 索引号, 文号, dates and validity; axe finds no violations', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/gk/lcgxj/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: TITLE }).first().click();
    docUrl = page.url();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE);
    const meta = await page.locator('table.doc-meta').textContent();
    for (const s of ['索引号', `${DEMO_CREDIT_CODE}/02-`, '聊工信发〔2022〕12号', '成文日期2022-06-10', '现行有效']) expect(meta).toContain(s);
    await expect(page.getByRole('link', { name: '申报表.pdf' }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('is found by search (by words and by 文号), with highlighted results; axe finds no violations', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/gk/lcgxj/search`);
    await page.getByLabel('检索词').fill('聊工信发〔2022〕12号');
    await page.getByRole('button', { name: '检索' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('共找到 1 条结果');
    await page.getByLabel('检索词').fill('专精特新 认定');
    await page.getByRole('button', { name: '检索' }).click();
    await expect(page.locator('.results mark').first().textContent()).resolves.toBe('专精特新');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/search?q=${encodeURIComponent('专精')}`);
    await expect(page.getByRole('link', { name: /专精特新/ }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it('is in the RSS feed and in the sitemap', async () => {
    const rss = await (await fetch(`${server.url}/gk/lcgxj/feed.xml`)).text();
    expect(rss).toContain(`<link>${docUrl}</link>`);
    const index = await (await fetch(`${server.url}/sitemap.xml`)).text();
    const chunk = /<loc>([^<]+lcgxj-1\.xml)<\/loc>/.exec(index)?.[1] ?? '';
    expect(await (await fetch(chunk)).text()).toContain(`<loc>${docUrl}</loc>`);
  });

  it('the column, a document page and the search page pass the Nu Html Checker', async () => {
    const pages: Record<string, string> = {};
    for (const [name, url] of [
      ['column', `${server.url}/gk/lcgxj/`],
      ['document', docUrl],
      ['search', `${server.url}/gk/lcgxj/search?q=${encodeURIComponent('专精特新')}`],
      ['catalogue', `${server.url}/gk/lcgxj/list`],
      ['guide', `${server.url}/gk/lcgxj/guide`],
    ] as const) {
      pages[name] = await (await fetch(url)).text();
    }
    expect(await vnuErrors(pages)).toEqual([]);
  });
});
