import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { staffApplicationForm } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';

describe('依申请转主动公开建议 in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  const code = 'e2eproactive';
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code, name: '测试市工业和信息化局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'e2e-proactive' });
    const deps = { db: tdb.db, clock: fixedClock('2026-03-20T02:00:00Z') };
    const subjects = [
      '2025年度中小企业发展专项资金分配结果',
      '申请公开2025年度中小企业发展专项资金的分配结果',
      '2025年度中小企业发展专项资金分配结果及依据',
      '东昌路段夜间噪声监测数据',
      '东昌路段夜间噪声的监测数据',
    ];
    for (const [i, subject] of subjects.entries()) {
      const r = await registerApplication(
        deps,
        systemActor('测试'),
        agency,
        staffApplicationForm({ idType: 'passport', idNumber: `E10${i}`, subject, receivedOn: '2026-03-02' }),
      );
      await tdb.db.updateTable('applications').set({ status: 'closed', outcome: 'granted', closedOn: '2026-03-16' }).where('id', '=', r.id).execute();
    }
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  it('lists the clusters, converts one into a draft and declines the other; axe finds nothing at 390 and 1366 px', async () => {
    const page = await signInConsole(browser, server.url, 'e2e-proactive', TEST_PASSWORD, new RegExp(`/admin/${code}`));
    await page.getByRole('link', { name: '依申请转主动公开' }).click();
    await expect(page.getByRole('heading', { name: '依申请转主动公开建议' }).isVisible()).resolves.toBe(true);
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `proactive/suggestions-${width}`, true);
    }
    // A decline without a reason comes back with the summary focused.
    const noise = page.locator('section', { has: page.getByRole('heading', { name: '东昌路段夜间噪声监测数据' }) });
    await noise.getByRole('button', { name: '不予转化' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByText('请填写不予转化的理由').first().isVisible()).resolves.toBe(true);
    expect(await page.evaluate("document.activeElement?.hasAttribute('data-error-summary')")).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const funds = page.locator('section', { has: page.getByRole('heading', { name: '2025年度中小企业发展专项资金分配结果' }) });
    await funds.getByRole('button', { name: '转为主动公开' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByText('已新建主动公开草稿').isVisible()).resolves.toBe(true);
    await page
      .locator('section', { has: page.getByRole('heading', { name: '东昌路段夜间噪声监测数据' }) })
      .getByLabel('不予转化的理由')
      .fill('涉及特定路段居民，不宜主动公开');
    await page.getByRole('button', { name: '不予转化' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByText('暂无建议').isVisible()).resolves.toBe(true);
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `proactive/suggestions-done-${width}`, true);
    }
    await page.getByRole('link', { name: '查看草稿' }).click();
    await expect(page.getByRole('heading', { name: '2025年度中小企业发展专项资金分配结果' }).first().isVisible()).resolves.toBe(true);
  });
});
