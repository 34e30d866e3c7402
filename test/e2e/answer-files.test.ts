import { readFile } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { staffApplicationForm } from '../builders/applications.ts';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { caseAction, signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';

const REDACTED = Buffer.from('%PDF-1.7\n% 2024 funds, names withheld\n%%EOF\n');

describe('an answer with files in a browser: attach a redacted file, deliver, download from the tracking page', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let caseId = 0;
  let trackingNo = '';
  let queryCode = '';
  const code = 'e2eans';
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency = await buildAgency(tdb.db, { code, name: '测试市工业和信息化局', phone: '0635-1234567', address: '测试市东昌路 1 号' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'ans-editor' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'ans-leader' });
    await buildPublished(tdb.db, agency.id, { title: '关于下达2024年技术改造专项资金的通知' });
    const form = staffApplicationForm({ receivedOn: systemClock.today(), subject: '2024年技术改造专项资金分配表', wayWanted: 'online' });
    const r = await registerApplication({ db: tdb.db, clock: systemClock }, systemActor(), agency, form);
    caseId = r.id;
    trackingNo = r.trackingNo as string;
    queryCode = r.queryCode as string;
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  const signIn = (username: string) => signInConsole(browser, server.url, username, TEST_PASSWORD, new RegExp(`/admin/${code}`));
  const shoot = async (page: Page, name: string) => {
    await shot(page, `answer-files/${name}`, true);
  };
  const checkAtWidths = async (page: Page, name: string, problems: string[]) => {
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      for (const v of await axeViolations(page)) problems.push(`${name} @${width}: ${v}`);
      await shoot(page, `${name}-${width}`);
    }
  };

  it('walks the answer from the handler’s upload to the applicant’s download', async () => {
    const problems: string[] = [];
    const editor = await signIn('ans-editor');
    const caseUrl = `${server.url}/admin/${code}/applications/${caseId}`;
    await editor.goto(caseUrl);
    await caseAction(editor, '起草答复', (f) => f.getByLabel('办理结果').selectOption('partial'), '生成告知书草稿');
    await expect(editor.getByLabel('告知书正文').inputValue()).resolves.not.toContain('下载');

    // Submitting without the redacted version is refused with the reason.
    await editor.getByRole('button', { name: '提交领导签发' }).click();
    await editor.waitForLoadState('load');
    await expect(editor.getByText('须先上传区分处理后的版本').first().isVisible()).resolves.toBe(true);

    // The handler attaches the redacted version (the role is preselected for 部分公开) and links a published document.
    await editor.goto(`${caseUrl}#answer-files-title`);
    const section = editor.locator('section:has(#answer-files-title)');
    await expect(section.getByLabel('文件性质').inputValue()).resolves.toBe('redacted');
    await section.getByLabel('文件', { exact: true }).setInputFiles({ name: '资金分配表（已作区分处理）.pdf', mimeType: 'application/pdf', buffer: REDACTED });
    await section.getByRole('button', { name: '上传' }).click();
    await editor.waitForLoadState('load');
    await expect(editor.getByText('文件已上传。').isVisible()).resolves.toBe(true);
    await editor.locator('section:has(#answer-files-title)').getByLabel('按标题查找本机关已公开的文件').fill('技术改造');
    await editor.locator('section:has(#answer-files-title)').getByRole('button', { name: '查找' }).click();
    await editor.waitForLoadState('load');
    await checkAtWidths(editor, 'answer-documents-search', problems);
    await editor.getByRole('button', { name: /关联“关于下达2024年技术改造专项资金的通知”/ }).click();
    await editor.waitForLoadState('load');
    await expect(editor.getByLabel('告知书正文').inputValue()).resolves.toContain('所提供的政府信息可自本告知书送达之日起 30 日内');
    await checkAtWidths(editor, 'answer-files-case', problems);

    // The 部分公开 template's placeholder is written out before the answer goes to the leader (letter-checks.ts).
    const letter = await editor.getByLabel('告知书正文').inputValue();
    await editor.getByLabel('告知书正文').fill(letter.replace(/（请在此[^）]*）/g, '分配表中企业的银行账户信息涉及商业秘密，已作区分处理'));
    await editor.getByRole('button', { name: '提交领导签发' }).click();
    await editor.waitForLoadState('load');
    const leader = await signIn('ans-leader');
    await leader.goto(caseUrl);
    await leader.getByRole('button', { name: '签发' }).click();
    await expect(leader.getByText('已签发，承办人可以发送答复。').isVisible()).resolves.toBe(true);
    await editor.goto(caseUrl);
    await caseAction(editor, '发送答复', async () => {}, '发送答复并办结');
    await caseAction(editor, '登记送达', async () => {}, '登记送达');
    await expect(editor.getByText('已登记送达。').isVisible()).resolves.toBe(true);

    // The applicant tracks the case and downloads the redacted file.
    const citizen = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await citizen.goto(`${server.url}/gk/${code}/track`);
    await citizen.getByLabel('查询号').fill(trackingNo);
    await citizen.getByLabel('查询码').fill(queryCode);
    await citizen.getByRole('button', { name: '查询' }).click();
    await citizen.waitForLoadState('load');
    const files = citizen.locator('section:has(#answer-files-title)');
    await expect(files.getByRole('heading', { name: '答复提供的政府信息' }).isVisible()).resolves.toBe(true);
    await expect(files.getByRole('cell', { name: '已作区分处理', exact: true }).isVisible()).resolves.toBe(true);
    await expect(files.getByRole('link', { name: '关于下达2024年技术改造专项资金的通知' }).isVisible()).resolves.toBe(true);
    await checkAtWidths(citizen, 'answer-files-track', problems);
    const [download] = await Promise.all([citizen.waitForEvent('download'), files.getByRole('link', { name: /下载 资金分配表/ }).click()]);
    expect(download.suggestedFilename()).toBe('资金分配表（已作区分处理）.pdf');
    expect((await readFile(await download.path())).equals(REDACTED)).toBe(true);
    expect(problems).toEqual([]);
    await Promise.all([citizen.context().close(), editor.context().close(), leader.context().close()]);
  });
});
