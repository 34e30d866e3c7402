/**
 * The pages of letters fit to be sent in Chromium, at phone and desktop widths: the settings page, the console's
 * letter page, the receipt with its subject, files and dates, and the tracking page's letter. axe finds nothing;
 * screenshots go to $SHOTS_DIR/letters/ (when it is set) for a person to look at.
 */
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { saveApplicationSettings } from '../../src/applications/settings.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { onlineApplicationForm, staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';

describe('letters, receipt and settings in the browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let caseId = 0;
  let registered = { trackingNo: '', queryCode: '' };

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    await buildAgency(tdb.db, { code: 'lcs', name: '聊城市人民政府', kind: 'government' });
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局', parentCode: 'lcs' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'root', superadmin: true });
    const leader = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader' });
    const deps = { db: tdb.db, clock: systemClock };
    await saveApplicationSettings(deps, systemActor(), agency.id, {
      docNumberPattern: '聊工信依申复〔{year}〕{n}号',
      reviewBody: '聊城市人民政府',
      court: '聊城市东昌府区人民法院',
      answerDownloadDays: '30',
    });
    const today = systemClock.today();
    const reg = await registerApplication(deps, systemActor(), agency, staffApplicationForm({ receivedOn: today, subject: '关于“专精特新”企业的认定名单' }));
    caseId = reg.id;
    registered = { trackingNo: reg.trackingNo ?? '', queryCode: reg.queryCode ?? '' };
    const act = (action: Parameters<typeof actOnApplication>[4], values: Record<string, string>, who = systemActor()) =>
      actOnApplication(deps, who, agency, caseId, action, values);
    await act('draft_answer', { outcome: 'granted' });
    const row = await tdb.db.selectFrom('applications').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    await act('save_answer', { outcome: 'granted', legalBasis: row.legalBasis ?? '', letter: row.answerLetter ?? '', submit: '1' });
    await act('sign_answer', {}, userActor(leader.id, agency.id, 'leader'));
    await act('send_answer', { on: today });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  it.each([390, 1366])('at %i px wide', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (name: string) => {
      for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
      await shot(page, `letters/${name}-${width}`, true);
    };
    // The applicant: submit with an attachment, then the receipt.
    await page.goto(`${server.url}/gk/lcgxj/apply`);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const res = await context.request.post(`${server.url}/gk/lcgxj/apply`, {
      multipart: {
        ...onlineApplicationForm({ subject: '2025年度技改项目资金分配表' }),
        _csrf: csrf,
        attachments: { name: '身份证明.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 32)]) },
      },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
    await page.goto(`${server.url}${res.headers().location}`);
    const receipt = await page.content();
    expect(receipt).toContain('身份证明.pdf（293 千字节）');
    expect(receipt).toContain('2025年度技改项目资金分配表');
    await check('receipt');
    // The tracking page with the answer letter.
    await page.goto(`${server.url}/gk/lcgxj/track`);
    await page.getByLabel('查询号').fill(registered.trackingNo);
    await page.getByLabel('查询码').fill(registered.queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: '政府信息公开申请答复书' }).waitFor();
    expect(await page.content()).toContain('向聊城市东昌府区人民法院提起行政诉讼');
    await check('track-letter');
    // Staff: the settings page and the letter page.
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('用户名').fill('root');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/admin`);
    for (const [name, path] of [
      ['settings', '/admin/lcgxj/applications/settings'],
      ['letter', `/admin/lcgxj/applications/${caseId}/letter`],
      ['case', `/admin/lcgxj/applications/${caseId}`],
    ] as const) {
      const r = await page.goto(`${server.url}${path}`);
      expect(r?.status(), path).toBe(200);
      await check(name);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
