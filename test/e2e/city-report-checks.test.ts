import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHandlers } from '../../src/composition.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'reports');
const counts = (n: number) => ({ natural_person: n, total: n });
const report = (agency: string, received: number, text: string) => ({
  kind: 'report',
  agency,
  year: 2022,
  publishedOn: '2023-01-20',
  tables: { applications: { received: counts(received), outcomes: { granted: counts(received) }, closedTotal: counts(received) } },
  sections: { intro: '', overview: text, problems: '', other: '' },
});

describe('the city’s report check page in a browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const city = await buildAgency(tdb.db, { code: 'lcs', name: '聊城市人民政府', kind: 'government' });
    await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局', parentCode: 'lcs' });
    await buildAgency(tdb.db, { code: 'lcjyj', name: '聊城市教育局', parentCode: 'lcs' });
    await buildAgency(tdb.db, { code: 'lcnyj', name: '聊城市农业农村局', parentCode: 'lcs' });
    await buildUser(tdb.db, { agencyId: city.id, role: 'editor', username: 'city' });
    const lines = [
      report('lcgxj', 2, '2022年共受理依申请公开3件，办结2件。2022年度，未发生政府信息公开行政复议、行政诉讼案件。'),
      report('lcjyj', 5, '2022年共收到政府信息公开申请5件，已全部办结。'),
    ];
    await importRecords({ db: tdb.db, clock: testClock }, systemActor(), importHandlers, parseImportText(lines.map((l) => JSON.stringify(l)).join('\n')), {
      replace: false,
    });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  it.each([390, 1366])('reached from the city view at %i px, findings per agency, axe-clean', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('用户名').fill('city');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/lcs$/);
    await page.goto(`${server.url}/admin/lcs/city?year=2022`);
    await page.getByRole('link', { name: '核查各机关 2022 年度报告' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('所属机关 2022 年度报告核查');
    await page.getByRole('link', { name: '查看聊城市工业和信息化局的问题' }).click();
    await expect(page.getByText('正文“2022年共受理依申请公开3件，办结2件”：收到申请数为 3，表格为 2').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('row', { name: /聊城市农业农村局 .*未发布/ }).count()).resolves.toBe(1);
    await shot(page, `city-report-checks/city-report-checks-${width}`, true);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing but the tables' own boxes scrolls sideways on a phone.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'))).toBeLessThanOrEqual(0);

    // A department's report sent as a file: checked from the same page, what was read shown beside the finding.
    await page.getByRole('link', { name: '核查一份报告文件' }).click();
    await page.getByLabel('报告文件').setInputFiles(path.join(FIXTURES, 'changchun-erdao-zhengshou-2022.html'));
    await page.getByRole('button', { name: '开始核查' }).click();
    await expect(page.getByText('表三行“（一）予以公开”列“总计”：未填写（其所合计的各项之和为 18）').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: '读出的表格' }).isVisible()).resolves.toBe(true);
    await shot(page, `city-report-checks/report-file-check-${width}`, true);
    expect(await axeViolations(page)).toEqual([]);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'))).toBeLessThanOrEqual(0);
    // An empty form comes back with the message beside the field.
    await page.getByRole('link', { name: '核查另一份文件' }).click();
    await page.getByRole('button', { name: '开始核查' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('请选择要核查的报告文件');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
