import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSelfCheck } from '../../src/compliance/compliance.service.ts';
import { indicators } from '../../src/composition.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

// Every console page of the foundation, calendar, self-check, performance figures, annual report and city view, signed in as the superadmin, at phone and desktop widths.
const PAGES = [
  '/admin',
  '/admin/lcgxj',
  '/admin/lcgxj/settings',
  '/admin/lcgxj/users',
  '/admin/lcgxj/audit',
  '/admin/lcgxj/compliance',
  '/admin/lcgxj/compliance/settings',
  '/admin/lcgxj/performance',
  '/admin/lcgxj/performance?year=2022',
  '/admin/platform/agencies',
  '/admin/platform/calendar',
  '/admin/platform/calendar/2025',
  '/admin/account/password',
  '/admin/lcgxj/reports',
  '/admin/lcgxj/reports/2022',
  '/admin/lcgxj/figures',
  '/admin/lcgxj/figures/2022',
  '/admin/lcgxj/proposals',
  '/admin/lcgxj/trainings',
  '/admin/lcgxj/work-points',
  '/admin/lcgxj/rectification',
  '/admin/lcgxj/mechanisms?year=2022',
  '/admin/lcgxj/innovations?year=2022',
  '/admin/lcs/city',
  '/admin/lcs/city?year=2024',
  '/admin/lcs/city/lcgxj/compliance?year=2024',
];

describe('console pages meet WCAG 2.1 AA', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    await buildAgency(tdb.db, { code: 'lcs', name: '聊城市人民政府', kind: 'government' });
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局', parentCode: 'lcs' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'root', superadmin: true });
    // A self-check with findings, so the pages show their findings, rectify forms and the city's read-only view.
    await runSelfCheck({ db: tdb.db, clock: testClock, indicators }, systemActor(), agency, 2024);
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  it.each([390, 1366])('at %i px wide', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('用户名').fill('root');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/admin`);
    // Run the self-check once so its result table is on the page too.
    await page.goto(`${server.url}/admin/lcgxj/compliance`);
    await page.getByRole('button', { name: '立即自查' }).click();
    const problems: string[] = [];
    for (const path of PAGES) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status(), path).toBe(200);
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
