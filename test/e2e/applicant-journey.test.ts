/**
 * The applicant's whole journey in Chromium (issue 13): submit online with a file → staff confirm and ask for a 补正 →
 * the applicant answers it online with a file → the clock restarts → 部分公开 with a redacted file, signed and sent →
 * the applicant downloads the file and the letter as PDF; every mail arrives once at a real SMTP server.
 * The app runs in this process on a clock the test moves, so the due dates can be checked against a hand count.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApplicationSettings } from '../../src/applications/settings.service.ts';
import { configuredChannels, dispatchNotifications } from '../../src/notifications/dispatcher.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { type Clock, chinaDate } from '../../src/shared/clock.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { buildTestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { caseAction, signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { minimalPdf } from '../support/files.ts';
import { shot } from '../support/shots.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

const REDACTED = Buffer.from('%PDF-1.7\n% the 2024 fund table, company names withheld\n%%EOF\n');

let at = Date.parse('2024-09-23T02:00:00Z'); // Monday 23 September 2024, 10:00 in China
const clock: Clock = { now: () => new Date(at), today: () => chinaDate(new Date(at)) };

describe('the applicant’s whole journey, in a browser', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let url = '';
  let browser: Browser;
  let sink: SmtpSink;
  const code = 'journey';
  const problems: string[] = [];

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
    const editor = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'jr-editor' });
    await tdb.db.updateTable('users').set({ email: 'handler@example.gov.cn' }).where('id', '=', editor.id).execute();
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'jr-leader' });
    await saveApplicationSettings({ db: tdb.db, clock }, systemActor(), agency.id, {
      docNumberPattern: '测工信依申复〔{year}〕{n}号',
      reviewBody: '测试市人民政府',
      court: '测试市东昌府区人民法院',
      answerDownloadDays: '30',
    });
    app = await buildTestApp(tdb, clock);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sink?.close();
    await tdb?.cleanup();
  });

  /** axe at a phone's and a desktop's width (and a screenshot of each when SHOTS_DIR is set). */
  async function check(page: Page, name: string) {
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      for (const v of await axeViolations(page)) problems.push(`${name} @${width}: ${v}`);
      await shot(page, `applicant-journey/journey-${name}-${width}`, true);
    }
  }
  async function track(page: Page, trackingNo: string, queryCode: string) {
    await page.goto(`${url}/gk/${code}/track`);
    await page.getByLabel('查询号').fill(trackingNo);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForLoadState('load');
  }
  async function sendMail() {
    const { channels, close } = configuredChannels({ smtpUrl: sink.url, smtpFrom: 'gongkai@example.gov.cn' }, { sendSms: async () => {} });
    try {
      await dispatchNotifications({ db: tdb.db, clock, channels });
      await dispatchNotifications({ db: tdb.db, clock, channels });
    } finally {
      close();
    }
  }

  it('submits, answers a 补正 online, and downloads the redacted answer and the letter as PDF', async () => {
    // 1. The applicant submits online with a file.
    const citizen = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await citizen.goto(`${url}/gk/${code}/apply`);
    await citizen.getByLabel('姓名或名称').fill('张三');
    await citizen.getByLabel('身份证明类型').selectOption('resident_id');
    await citizen.getByLabel('身份证明号码').fill('11010519491231002X');
    await citizen.getByLabel('联系电话').fill('13800000001');
    await citizen.getByLabel('电子邮箱').fill('zhangsan@example.com');
    await citizen.getByLabel(/所需政府信息的名称/).fill('2024年技术改造专项资金分配表');
    await citizen.getByLabel('电子文档').check();
    await citizen.getByLabel('在本平台查询').check();
    await citizen.getByLabel(/附件/).setInputFiles([{ name: '身份证明.pdf', mimeType: 'application/pdf', buffer: minimalPdf('id card') }]);
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.waitForLoadState('load');
    await expect(citizen.getByRole('heading', { name: '政府信息公开申请回执' }).isVisible()).resolves.toBe(true);
    const receipt = await citizen.locator('main').textContent();
    expect(receipt).toContain('2024年技术改造专项资金分配表');
    expect(receipt).toContain('身份证明.pdf');
    await check(citizen, 'receipt');
    const [trackingNo, queryCode] = (await citizen.locator('strong.code').allTextContents()) as [string, string];

    // 2. Staff confirm receipt the same day (due: 20 working days → 24 October, across National Day) and ask for a 补正.
    let editor = await signInConsole(browser, url, 'jr-editor', TEST_PASSWORD, /\/admin\/journey/);
    await editor.goto(`${url}/admin/${code}/applications?status=pending`);
    await editor.getByRole('link', { name: /^\d{4}-0001$/ }).click();
    const caseUrl = editor.url();
    await caseAction(editor, '确认收到（网上申请）', async () => {}, '确认收到');
    await expect(editor.getByText('2024-10-24').first().isVisible()).resolves.toBe(true);
    await caseAction(editor, '补正告知', (f) => f.getByLabel('需要补正的事项').fill('请说明所需的是哪一批次的资金分配表'), '发出补正告知');
    await expect(editor.getByText('已发出补正告知，期限暂停计算。').isVisible()).resolves.toBe(true);

    // 3. At 01:30 on 27 September in China (still the 26th in UTC) the applicant answers online with a file.
    at = Date.parse('2024-09-26T17:30:00Z');
    await track(citizen, trackingNo, queryCode);
    await expect(citizen.getByRole('heading', { name: '在线补正' }).isVisible()).resolves.toBe(true);
    await check(citizen, 'track-correction');
    await citizen.getByLabel('补正内容').fill('需要的是第二批资金的分配表。');
    await citizen.getByLabel('补正材料（可选）').setInputFiles({ name: '补正说明.pdf', mimeType: 'application/pdf', buffer: minimalPdf('batch two') });
    await citizen.getByRole('button', { name: '提交补正' }).click();
    await citizen.waitForLoadState('load');
    await expect(citizen.getByRole('heading', { name: '补正已提交' }).isVisible()).resolves.toBe(true);
    await check(citizen, 'correction-done');

    // 4. The clock restarts on 27 September. Counted by hand, 20 working days: 29 Sep (Sunday, 调休 working day) 1,
    //    30 Sep 2, 1–7 Oct holiday, 8–11 Oct 3–6, 12 Oct (Saturday, 调休) 7, 14–18 Oct 8–12, 21–25 Oct 13–17,
    //    28–30 Oct 18–20 → due 2024-10-30.
    const row = await tdb.db.selectFrom('applications').select(['id', 'dueOn', 'status']).executeTakeFirstOrThrow();
    expect([row.status, row.dueOn]).toEqual(['processing', '2024-10-30']);
    await track(citizen, trackingNo, queryCode);
    await expect(citizen.getByText('2024-10-30').first().isVisible()).resolves.toBe(true);

    // 5. 部分公开 with a redacted file: refused while the letter keeps its placeholder, then signed and sent.
    // A fortnight later the staff sign in again (a session lasts a working day).
    at = Date.parse('2024-10-08T02:00:00Z');
    await editor.context().close();
    editor = await signInConsole(browser, url, 'jr-editor', TEST_PASSWORD, /\/admin\/journey/);
    await editor.goto(caseUrl);
    await caseAction(editor, '起草答复', (f) => f.getByLabel('办理结果').selectOption('partial'), '生成告知书草稿');
    const section = editor.locator('section:has(#answer-files-title)');
    await section.getByLabel('文件', { exact: true }).setInputFiles({ name: '资金分配表（已作区分处理）.pdf', mimeType: 'application/pdf', buffer: REDACTED });
    await section.getByRole('button', { name: '上传' }).click();
    await editor.waitForLoadState('load');
    await editor.getByRole('button', { name: '提交领导签发' }).click();
    await editor.waitForLoadState('load');
    await expect(
      editor
        .getByText(/请在此/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const letter = await editor.getByLabel('告知书正文').inputValue();
    await editor.getByLabel('告知书正文').fill(letter.replace(/（请在此[^）]*）/g, '分配表中企业的银行账户信息涉及商业秘密，已作区分处理'));
    await editor.getByRole('button', { name: '提交领导签发' }).click();
    await editor.waitForLoadState('load');
    const leader = await signInConsole(browser, url, 'jr-leader', TEST_PASSWORD, /\/admin\/journey/);
    await leader.goto(caseUrl);
    await leader.getByRole('button', { name: '签发' }).click();
    await expect(leader.getByText('已签发，承办人可以发送答复。').isVisible()).resolves.toBe(true);
    await editor.goto(caseUrl);
    await caseAction(editor, '发送答复', async () => {}, '发送答复并办结');
    await caseAction(editor, '登记送达', async () => {}, '登记送达');
    await expect(editor.getByText('测工信依申复〔2024〕1号').first().isVisible()).resolves.toBe(true);

    // 6. The applicant downloads the redacted file and the letter as PDF.
    at = Date.parse('2024-10-09T02:00:00Z');
    await track(citizen, trackingNo, queryCode);
    await check(citizen, 'track-answer');
    const files = citizen.locator('section:has(#answer-files-title)');
    const [download] = await Promise.all([citizen.waitForEvent('download'), files.getByRole('link', { name: /下载 资金分配表/ }).click()]);
    expect(readFileSync(await download.path()).equals(REDACTED)).toBe(true);
    const pdfLink = (await citizen.getByRole('link', { name: '下载 PDF' }).getAttribute('href')) as string;
    const pdf = await citizen.request.get(`${url}${pdfLink}`);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    const dir = mkdtempSync(join(tmpdir(), 'journey-'));
    try {
      writeFileSync(join(dir, 'letter.pdf'), await pdf.body());
      const text = execFileSync('pdftotext', ['-raw', join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('测工信依申复〔2024〕1号');
      expect(text).toContain('向测试市人民政府申请行政复议');
      expect(text).toContain('测试市东昌府区人民法院');
      expect(text).not.toContain('张三');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // 7. Every mail, once, though the dispatcher ran twice.
    await sendMail();
    const mails = sink.inbox.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(mails).size).toBe(mails.length);
    const toApplicant = mails.filter((m) => m.startsWith('zhangsan@example.com')).map((m) => m.replace(/^.*】|（.*$/g, ''));
    expect(toApplicant.sort()).toEqual(['申请已提交', '已收到申请', '补正通知', '答复已送达'].sort());
    expect(mails.filter((m) => m.startsWith('handler@example.gov.cn'))).toHaveLength(1);
    expect(sink.inbox.every((m) => !m.text.includes('11010519491231002X') && !m.text.includes('13800000001'))).toBe(true);

    expect(problems).toEqual([]);
    await Promise.all([citizen.context().close(), editor.context().close(), leader.context().close()]);
  }, 300_000);
});
