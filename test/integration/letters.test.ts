/**
 * Letters fit to be sent (issue 13): the settings page, the 文号 allocated at sign-off (no gap, no repeat under
 * concurrency), placeholders refused at submission and sign-off, the 救济途径 in the HTML letter, its PDF (read back
 * with pdftotext) and the applicant's redacted PDF, and the receipt with its subject, files, dates and PDF.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAnswerFiles } from '../../src/applications/answer-files.service.ts';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { applicationSettings } from '../../src/applications/settings.queries.ts';
import type { Agency } from '../../src/db/schema.ts';
import { type Actor, systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { onlineApplicationForm, staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// 10:00 on Mon 2026-12-07 in China.
const clock = fixedClock('2026-12-07T02:00:00Z');
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const REMEDY_REVIEW = '向聊城市人民政府申请行政复议';
const REMEDY_COURT = '向聊城市东昌府区人民法院提起行政诉讼';

/** The text of a PDF, as pdftotext (poppler-utils) reads it, without line breaks. */
function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-pdf-')), 'x.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe.each(DIALECTS)('letters fit to be sent on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let city: Agency;
  let agency: Agency;
  let admin: Agent;
  let editorActor: Actor;
  let leaderActor: Actor;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    city = await buildAgency(tdb.db, { name: '聊城市人民政府', kind: 'government' });
    agency = await buildAgency(tdb.db, { name: '聊城市工业和信息化局', parentCode: city.code });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: `adm-${dialect}` });
    const ed = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    const ld = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader' });
    editorActor = userActor(ed.id, agency.id, 'editor');
    leaderActor = userActor(ld.id, agency.id, 'leader');
    admin = new Agent(app);
    await admin.login(`adm-${dialect}`, TEST_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  const act = (id: number, action: Parameters<typeof actOnApplication>[4], values: Record<string, string>, who = editorActor) =>
    actOnApplication({ db: tdb.db, clock }, who, agency, id, action, values);
  const row = (id: number) => tdb.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const registered = async (overrides: Record<string, string> = {}) =>
    (await registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn: '2026-12-01', ...overrides }))).id;
  const submitted = async (outcome = 'granted') => {
    const id = await registered();
    await act(id, 'draft_answer', { outcome });
    const r = await row(id);
    await act(id, 'save_answer', { outcome, legalBasis: r.legalBasis ?? '', letter: r.answerLetter ?? '', submit: '1' });
    return id;
  };
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  };

  it('keeps the settings per agency: defaults until saved, the 文号 pattern checked, admins only', async () => {
    const defaults = await applicationSettings(tdb.db, agency.id);
    expect(defaults).toMatchObject({
      docNumberPattern: '聊工业依申复〔{year}〕{n}号',
      reviewBody: '聊城市人民政府',
      court: null,
      answerDownloadDays: 30,
      saved: false,
    });
    const url = `/admin/${agency.code}/applications/settings`;
    const page = await admin.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('依申请公开设置');
    expect(page.body).toContain('管辖人民法院未填写');
    const bad = await admin.post(url, { docNumberPattern: '聊工信依申复〔2026〕号', reviewBody: '', court: '', answerDownloadDays: '0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('文号格式须包含 {year}（年份）');
    const noN = await admin.post(url, { docNumberPattern: '聊工信依申复〔{year}〕号' });
    expect(noN.body).toContain('文号格式须包含 {n}（序号）');
    expect(bad.body).toContain('下载期限应为 1 至 365 之间的整数');
    const ok = await admin.post(url, {
      docNumberPattern: '聊工信依申复〔{year}〕{n}号',
      reviewBody: '聊城市人民政府',
      court: '聊城市东昌府区人民法院',
      answerDownloadDays: '60',
    });
    expect(ok.statusCode).toBe(303);
    expect(await applicationSettings(tdb.db, agency.id)).toMatchObject({ court: '聊城市东昌府区人民法院', answerDownloadDays: 60, saved: true });
    const audit = await tdb.db.selectFrom('auditLog').select('action').where('action', '=', 'application_settings.save').execute();
    expect(audit).toHaveLength(1);
    // An editor sees the settings and cannot change them.
    const refused = await refusal(
      import('../../src/applications/settings.service.ts').then((m) =>
        m.saveApplicationSettings({ db: tdb.db, clock }, editorActor, agency.id, { court: 'x' }),
      ),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('refuses a placeholder and a missing legal basis at submission and at sign-off, naming what is missing', async () => {
    const id = await registered();
    await act(id, 'draft_answer', { outcome: 'partial' });
    const draft = await row(id);
    expect(draft.answerLetter).toContain('（请在此写明不予公开的部分及理由）');
    const atSubmit = await refusal(act(id, 'save_answer', { outcome: 'partial', legalBasis: '', letter: draft.answerLetter ?? '', submit: '1' }));
    // Everything missing at once: the letter's gaps, then the redacted version 部分公开 needs (answer-files.rules.ts).
    expect(atSubmit.message).toBe(
      '答复还不能提交签发：告知书中仍有待填写的内容“（请在此写明不予公开的部分及理由）”；未写明法律依据（应写明《条例》的具体条款，例如“第三十六条第（二）项”）。' +
        '答复结果为部分公开，须先上传区分处理后的版本（已作区分处理的文件），才能提交审核或签发。',
    );
    expect(atSubmit.fields.letter).toContain('（请在此写明');
    // A draft may keep its placeholder; submitted with the reason written, it passes.
    await act(id, 'save_answer', { outcome: 'partial', legalBasis: '', letter: draft.answerLetter ?? '', submit: '0' });
    const written = (draft.answerLetter ?? '').replace('（请在此写明不予公开的部分及理由）', '（第三项涉及第三方商业秘密）');
    await addAnswerFiles({ db: tdb.db, clock }, editorActor, agency, id, { role: 'redacted' }, [
      { filename: '已作区分处理.pdf', data: Buffer.from('%PDF-1.7\n%%EOF\n'), truncated: false },
    ]);
    await act(id, 'save_answer', { outcome: 'partial', legalBasis: '《条例》第三十七条', letter: written, submit: '1' });
    // The leader's edit brings a placeholder back: refused at sign-off, and no 文号 is taken.
    const atSign = await refusal(act(id, 'sign_answer', { letter: `${written}\n经办人：【待填写】` }, leaderActor));
    expect(atSign.message).toBe('答复还不能签发：告知书中仍有待填写的内容“【待填写】”。');
    expect(await tdb.db.selectFrom('applicationLetterNumbers').selectAll().where('applicationId', '=', id).execute()).toEqual([]);
    await act(id, 'sign_answer', {}, leaderActor);
    expect((await row(id)).answerState).toBe('signed');
  });

  it('numbers letters at sign-off, 1..N per agency and year without gap or repeat, even when signed at once', async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, () => submitted()));
    const results = await Promise.allSettled(ids.map((id) => act(id, 'sign_answer', {}, leaderActor)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const numbers = await tdb.db.selectFrom('applicationLetterNumbers').select(['serial', 'docNumber', 'year']).where('agencyId', '=', agency.id).execute();
    const serials = numbers.map((n) => n.serial).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
    expect(new Set(numbers.map((n) => n.docNumber)).size).toBe(numbers.length);
    expect(numbers.every((n) => n.year === 2026 && n.docNumber === `聊工信依申复〔2026〕${n.serial}号`)).toBe(true);
    const counter = await tdb.db.selectFrom('letterNumberCounters').selectAll().where('agencyId', '=', agency.id).executeTakeFirstOrThrow();
    expect(counter.lastSerial).toBe(serials.length);
  });

  it('shows the letter with 文号, 救济途径 and signature in the console, as PDF, on the tracking page and in the applicant’s PDF', async () => {
    const applicant = new Agent(app);
    await applicant.get(`/gk/${agency.code}/apply`);
    const res = await applicant.postMultipart(`/gk/${agency.code}/apply`, onlineApplicationForm({ subject: '关于“专精特新”企业的认定名单' }));
    expect(res.statusCode).toBe(303);
    const receipt = await applicant.get(res.headers.location as string);
    const trackingNo = (res.headers.location as string).split('/').pop() as string;
    const code = /class="code">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(receipt.body)?.[1] as string;
    const app1 = await tdb.db.selectFrom('applications').select('id').where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow();
    await act(app1.id, 'confirm', { on: '2026-12-07' });
    await act(app1.id, 'draft_answer', { outcome: 'granted' });
    const r = await row(app1.id);
    await act(app1.id, 'save_answer', { outcome: 'granted', legalBasis: r.legalBasis ?? '', letter: r.answerLetter ?? '', submit: '1' });
    await act(app1.id, 'sign_answer', {}, leaderActor);
    const docNumber = (await tdb.db.selectFrom('applicationLetterNumbers').select('docNumber').where('applicationId', '=', app1.id).executeTakeFirstOrThrow())
      .docNumber;
    await act(app1.id, 'send_answer', { on: '2026-12-07' });

    const html = await admin.get(`/admin/${agency.code}/applications/${app1.id}/letter`);
    expect(html.statusCode).toBe(200);
    for (const part of [
      '政府信息公开申请答复书',
      docNumber,
      '张三：',
      REMEDY_REVIEW,
      REMEDY_COURT,
      '六十日内',
      '六个月内',
      '二〇二六年十二月七日',
      '（印章）',
      '“关于‘专精特新’企业的认定名单”',
    ]) {
      expect(html.body).toContain(part);
    }
    const casePage = await admin.get(`/admin/${agency.code}/applications/${app1.id}`);
    expect(casePage.body).toContain(docNumber);

    const pdf = await admin.get(`/admin/${agency.code}/applications/${app1.id}/letter.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    for (const part of ['政府信息公开申请答复书', docNumber, '张三：', REMEDY_REVIEW, REMEDY_COURT, '二〇二六年十二月七日', '（印章）'])
      expect(text).toContain(part);

    const tracked = await applicant.post(`/gk/${agency.code}/track`, { trackingNo, queryCode: code });
    expect(tracked.body).toContain(docNumber);
    expect(tracked.body).toContain(REMEDY_COURT);
    expect(tracked.body).not.toContain('张三');
    const href = /href="(\/track\/letter\.pdf\?token=[^"]+)"/.exec(tracked.body)?.[1]?.replaceAll('&amp;', '&') as string;
    expect(href).toBeTruthy();
    const publicPdf = await applicant.get(href);
    expect(publicPdf.statusCode).toBe(200);
    const publicText = pdfText(publicPdf.rawPayload);
    expect(publicText).toContain(REMEDY_REVIEW);
    expect(publicText).toContain('申请人：');
    expect(publicText).not.toContain('张三');
    // A forged or absent pass reads as nothing there.
    expect((await applicant.get('/track/letter.pdf?token=1.9999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await applicant.get('/track/letter.pdf')).statusCode).toBe(404);
  });

  it('gives the submitter a receipt with subject, files in 千字节, dates and the same receipt as PDF; others only the number', async () => {
    const applicant = new Agent(app);
    await applicant.get(`/gk/${agency.code}/apply`);
    const big = Buffer.concat([PDF, Buffer.alloc(20_000, 32)]);
    const res = await applicant.postMultipart(`/gk/${agency.code}/apply`, onlineApplicationForm({ subject: '2025年度技改项目资金分配表' }), [
      { name: 'attachments', filename: '身份证明.pdf', data: big },
    ]);
    const url = res.headers.location as string;
    const page = await applicant.get(url);
    expect(page.statusCode).toBe(200);
    for (const part of [
      '2025年度技改项目资金分配表',
      '身份证明.pdf（19.5 千字节）',
      '待工作人员确认',
      '如于提交当日确认收到，应于 2027-01-04（暂定） 前答复。',
      '2026/12/7 10:00:00',
      '节假日安排尚未公布',
    ]) {
      expect(page.body).toContain(part);
    }
    expect(page.body).not.toContain('张三');
    const pdf = await applicant.get(`${url}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    for (const part of ['政府信息公开申请回执', '2025年度技改项目资金分配表', '身份证明.pdf（19.5千字节）', '2027-01-04']) expect(text).toContain(part);
    // Someone else with the number sees no subject, no files and no code.
    const stranger = await new Agent(app).get(url);
    expect(stranger.statusCode).toBe(200);
    expect(stranger.body).not.toContain('技改项目');
    expect(stranger.body).not.toContain('身份证明.pdf');
    expect(pdfText((await new Agent(app).get(`${url}/pdf`)).rawPayload)).not.toContain('技改项目');
  });

  it('answers a clear Chinese 503 when the CJK font is missing', async () => {
    const noFont = await buildTestApp(tdb, clock, { PDF_FONT_DIR: '/nonexistent-fonts' });
    try {
      const agent = new Agent(noFont);
      await agent.login(`adm-${dialect}`, TEST_PASSWORD);
      const id = (await tdb.db.selectFrom('applicationLetterNumbers').select('applicationId').where('agencyId', '=', agency.id).executeTakeFirstOrThrow())
        .applicationId;
      const res = await agent.get(`/admin/${agency.code}/applications/${id}/letter.pdf`);
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('服务器缺少中文字体');
    } finally {
      await noFont.close();
    }
  });
});
