/**
 * The 公开指南, the 网站地图 and a document page in a browser at 390 and 1366 px, in normal and 适老化 mode: axe and the
 * Nu Html Checker pass, the phone menu takes one row and opens without JavaScript by keyboard, the document's title
 * comes before its compact metadata on a phone. Screenshots go to $SHOTS_DIR/site-frame/ when it is set.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApplicationSettings } from '../../src/applications/settings.service.ts';
import { seedGuideDemo } from '../../src/guide/demo.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';
import { vnuErrors } from '../support/vnu.ts';

describe('the guide, the site map and the site frame in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let docPath = '';
  const html: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const deps = { db: tdb.db, clock: fixedClock('2024-03-01T02:00:00Z') };
    const actor = systemActor('测试');
    const city = await buildAgency(tdb.db, { code: 'lcs', name: '聊城市人民政府', kind: 'government' });
    const agency = await buildAgency(tdb.db, {
      code: 'lcgxj',
      name: '聊城市工业和信息化局',
      parentCode: city.code,
      officeName: '聊城市工业和信息化局办公室',
      address: '山东省聊城市东昌府区东昌东路（示例地址）',
      officeHours: '工作日 上午9:00–12:00，下午13:30–17:00（法定节假日除外）',
      phone: '0635-0000000（示例）',
      email: 'gxj@example.gov.cn',
      postcode: '252000',
    });
    await seedGuideDemo(deps, actor, agency);
    await saveApplicationSettings(deps, actor, agency.id, { reviewBody: '聊城市人民政府', court: '聊城市东昌府区人民法院' });
    const doc = await buildPublished(tdb.db, agency.id, {
      title: '聊城市工业和信息化局关于印发《聊城市工业企业技术改造专项资金管理办法》的通知',
      docNo: '聊工信发〔2024〕3号',
      category: 'normative',
    });
    docPath = `/gk/lcgxj/d/${doc.id}`;
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  const open = async (width: number, elder: boolean): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    if (elder) await context.addCookies([{ name: 'gk_elder', value: '1', url: server.url }]);
    return context.newPage();
  };
  const noSideScroll = async (page: Page) =>
    expect(Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'))).toBeLessThanOrEqual(0);

  for (const width of [390, 1366]) {
    for (const elder of [false, true]) {
      const mode = elder ? 'elder' : 'normal';
      it(`the guide, the site maps and a document at ${width} px (${mode}) pass axe, with a one-row phone menu`, async () => {
        const page = await open(width, elder);
        for (const [name, path] of [
          ['guide', '/gk/lcgxj/guide'],
          ['sitemap', '/gk/lcgxj/sitemap'],
          ['platform-sitemap', '/sitemap'],
          ['document', docPath],
        ] as const) {
          const res = await page.goto(`${server.url}${path}`);
          expect(res?.status(), path).toBe(200);
          await noSideScroll(page);
          expect(await axeViolations(page), `${path} ${width} ${mode}`).toEqual([]);
          html[`${name}-${width}-${mode}`] = await page.content();
          await shot(page, `site-frame/${name}-${width}-${mode}`);
        }
        // The footer: on every page, with the mark and the site map's link.
        await page.goto(`${server.url}/gk/lcgxj/guide`);
        const footer = page.locator('footer.site');
        await expect(footer.getByRole('img', { name: '党政机关网站标识' }).count()).resolves.toBe(1);
        await expect(footer.getByRole('link', { name: '网站地图' }).getAttribute('href')).resolves.toBe('/gk/lcgxj/sitemap');
        await shot(footer, `site-frame/footer-${width}-${mode}`);
        const nav = page.getByRole('navigation', { name: '主导航' });
        // The tops of the visible links, or of the phone's summary line: one distinct value is one row.
        const rows = async () =>
          Number(
            await page.evaluate(
              `new Set([...document.querySelectorAll('nav.mainnav a, nav.mainnav summary')].filter((e) => e.checkVisibility()).map((e) => Math.round(e.getBoundingClientRect().top))).size`,
            ),
          );
        if (width === 390) {
          const summary = nav.locator('summary');
          const lines = Number(
            await page.evaluate(
              `(() => { const el = document.querySelector('nav.mainnav summary'); const cs = getComputedStyle(el); return (el.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)) / parseFloat(cs.lineHeight); })()`,
            ),
          );
          expect(Math.round(lines)).toBe(1);
          expect(await rows()).toBe(1);
          await expect(nav.getByRole('link', { name: '公开目录' }).isVisible()).resolves.toBe(false);
          await page.evaluate('window.scrollTo(0, 0)');
          await shot(page, `site-frame/menu-closed-${width}-${mode}`);
          // By keyboard, without JavaScript: the summary opens the list.
          await summary.focus();
          await page.keyboard.press('Enter');
          await expect(nav.getByRole('link', { name: '公开目录' }).isVisible()).resolves.toBe(true);
          expect(await axeViolations(page)).toEqual([]);
          await shot(page, `site-frame/menu-open-${width}-${mode}`);
        } else {
          await expect(nav.getByRole('link', { name: '公开目录' }).isVisible()).resolves.toBe(true);
          expect(await rows()).toBe(1);
        }
        await shot(page.locator('svg.process-chart'), `site-frame/chart-${width}-${mode}`);
        // The document: on a phone the title first, then the key fields; the table on a wide screen.
        await page.goto(`${server.url}${docPath}`);
        const title = await page.getByRole('heading', { level: 1 }).boundingBox();
        if (width === 390) {
          await expect(page.locator('table.doc-meta').isVisible()).resolves.toBe(false);
          const compact = page.locator('.doc-meta-compact');
          expect((await compact.boundingBox())?.y ?? 0).toBeGreaterThan(title?.y ?? Number.POSITIVE_INFINITY);
          await expect(compact.textContent()).resolves.toContain('聊工信发〔2024〕3号');
          await expect(compact.getByText('发布日期').isVisible()).resolves.toBe(false);
          await compact.locator('summary').click();
          await expect(compact.getByText('发布日期').isVisible()).resolves.toBe(true);
          await shot(compact, `site-frame/doc-meta-${width}-${mode}`);
        } else {
          await expect(page.locator('table.doc-meta').isVisible()).resolves.toBe(true);
          await expect(page.locator('.doc-meta-compact').isVisible()).resolves.toBe(false);
        }
        await page.context().close();
      });
    }
  }

  it('the pages are valid HTML (Nu Html Checker)', async () => {
    expect(Object.keys(html).length).toBe(16);
    expect(await vnuErrors(html)).toEqual([]);
  }, 120_000);

  it('prints the guide without the frame', async () => {
    const page = await open(1366, false);
    await page.goto(`${server.url}/gk/lcgxj/guide`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('footer.site').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('navigation', { name: '主导航' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: '打印本指南' }).isVisible()).resolves.toBe(false);
    await expect(page.locator('svg.process-chart').isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});
