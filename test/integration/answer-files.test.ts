import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantToken } from '../../src/applications/applicant-token.ts';
import { registerApplication } from '../../src/applications/applications.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { type Clock, chinaDate } from '../../src/shared/clock.ts';
import { serverSecret } from '../../src/web/server-secret.ts';
import { staffApplicationForm } from '../builders/applications.ts';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { docxZipBomb } from '../support/hostile-files.ts';

// A clock the test moves: Fri 2024-11-01 10:00 China time, then past the download period.
let now = new Date('2024-11-01T02:00:00Z');
const clock: Clock = { now: () => new Date(now), today: () => chinaDate(now) };
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);
const PROVIDED = pdf('provided: the whole list');
const REDACTED = pdf('redacted: names blacked out');
const ORIGINAL = pdf('ORIGINAL-UNREDACTED-SECRET 张某某 13912345678');

describe.each(DIALECTS)('answers with files on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Agent;
  let leader: Agent;
  let secret: string;
  const cases: Record<string, { id: number; trackingNo: string; queryCode: string }> = {};
  const fileIds: Record<string, number> = {};
  let docId = 0;

  beforeAll(async () => {
    now = new Date('2024-11-01T02:00:00Z');
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { phone: '0635-8888888', address: '聊城市东昌府区某路 1 号' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: `ed-${dialect}` });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: `ld-${dialect}` });
    editor = new Agent(app);
    await editor.login(`ed-${dialect}`, TEST_PASSWORD);
    leader = new Agent(app);
    await leader.login(`ld-${dialect}`, TEST_PASSWORD);
    for (const [key, subject] of [
      ['partial', '技改项目资金分配表'],
      ['other', '另一件申请'],
      ['none', '不存在的信息'],
    ] as const) {
      const r = await registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn: '2024-10-31', subject }));
      cases[key] = { id: r.id, trackingNo: r.trackingNo as string, queryCode: r.queryCode as string };
    }
    docId = (await buildPublished(tdb.db, agency.id, { title: '关于下达2024年技改专项资金的通知' })).id;
    secret = await serverSecret(tdb.db, app.deps.config);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  const caseUrl = (key: string) => `/admin/${agency.code}/applications/${cases[key]?.id}`;
  const versionOf = async (agent: Agent, key: string) => /name="version" value="(\d+)"/.exec((await agent.get(caseUrl(key))).body)?.[1] ?? '0';
  const upload = async (key: string, role: string, files: { filename: string; data: Buffer }[]) => {
    await editor.get(caseUrl(key));
    return editor.postMultipart(
      `${caseUrl(key)}/answer-files`,
      { role },
      files.map((f) => ({ name: 'attachments', ...f })),
    );
  };
  const track = async (key: string) => {
    const agent = new Agent(app, '10.0.0.9');
    await agent.get('/track');
    return agent.post('/track', { trackingNo: cases[key]?.trackingNo ?? '', queryCode: cases[key]?.queryCode ?? '' });
  };
  const audits = (action: string, key = 'partial') =>
    tdb.db
      .selectFrom('auditLog')
      .select(['actorName', 'afterJson', 'beforeJson'])
      .where('action', '=', action)
      .where('entityId', '=', String(cases[key]?.id ?? 0))
      // In the order they were written (PostgreSQL returns rows in no particular order without one).
      .orderBy('id')
      .execute();
  const filesOf = (key: string) =>
    tdb.db
      .selectFrom('answerFiles')
      .select(['id', 'role'])
      .where('applicationId', '=', cases[key]?.id ?? 0);

  it('offers nothing to attach until the outcome provides information, and refuses files on such an answer', async () => {
    expect((await editor.get(caseUrl('none'))).body).toContain('请先在“答复”中选择答复结果');
    await editor.post(`${caseUrl('none')}/draft_answer`, { version: await versionOf(editor, 'none'), outcome: 'unavailable.not_held' });
    const page = await editor.get(caseUrl('none'));
    expect(page.body).toContain('当前答复结果不提供政府信息，无需上传。');
    expect(page.body).not.toContain('/answer-files"');
    const refused = await upload('none', 'provided', [{ filename: 'x.pdf', data: PROVIDED }]);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('当前答复结果不提供政府信息');
    expect(
      await tdb.db
        .selectFrom('answerFiles')
        .select('id')
        .where('applicationId', '=', cases.none?.id ?? 0)
        .execute(),
    ).toEqual([]);
  });

  it('lets files attached before the outcome changed be removed, and refuses them on an answer that provides nothing', async () => {
    await editor.post(`${caseUrl('other')}/draft_answer`, { version: await versionOf(editor, 'other'), outcome: 'granted' });
    expect((await upload('other', 'provided', [{ filename: 'x.pdf', data: PROVIDED }])).statusCode).toBe(303);
    const save = async (submit: string) =>
      editor.post(`${caseUrl('other')}/save_answer`, { version: await versionOf(editor, 'other'), outcome: 'unavailable.not_held', letter: '告知书', submit });
    expect((await save('')).statusCode).toBe(303);
    const refused = await save('1');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('不提供政府信息，请先移除已上传的文件和关联的公开文件。');
    const file = await tdb.db
      .selectFrom('answerFiles')
      .select('id')
      .where('applicationId', '=', cases.other?.id ?? 0)
      .executeTakeFirstOrThrow();
    await editor.get(caseUrl('other'));
    expect((await editor.post(`${caseUrl('other')}/answer-files/${file.id}/remove`, {})).statusCode).toBe(303);
    expect((await save('1')).statusCode).toBe(303);
  });

  it('attaches files with roles, checking them like every upload; every change audited', async () => {
    await editor.post(`${caseUrl('partial')}/draft_answer`, { version: await versionOf(editor, 'partial'), outcome: 'partial' });
    const page = await editor.get(caseUrl('partial'));
    expect(page.body).toContain('提供的政府信息');
    expect(page.body).toMatch(/<option value="redacted" selected>/);
    const fake = await upload('partial', 'provided', [{ filename: '名单.pdf', data: Buffer.from('MZ not a pdf') }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('“名单.pdf”不是 PDF、PNG、JPEG、DOCX 或 OFD 文件。');
    const bomb = await upload('partial', 'provided', [{ filename: '名单.docx', data: docxZipBomb() }]);
    expect(bomb.statusCode).toBe(400);
    expect(await filesOf('partial').execute()).toEqual([]);
    expect((await upload('partial', 'nonsense', [{ filename: 'a.pdf', data: PROVIDED }])).statusCode).toBe(400);

    expect((await upload('partial', 'provided', [{ filename: '资金分配表（全文）.pdf', data: PROVIDED }])).statusCode).toBe(303);
    expect((await upload('partial', 'original', [{ filename: '资金分配表原件.pdf', data: ORIGINAL }])).statusCode).toBe(303);
    const rows = await tdb.db
      .selectFrom('answerFiles')
      .select(['id', 'role', 'filename', 'size'])
      .where('applicationId', '=', cases.partial?.id ?? 0)
      .execute();
    expect(rows.map((r) => r.role).sort()).toEqual(['original', 'provided']);
    for (const r of rows) fileIds[r.role] = r.id;
    const added = await audits('application.answer_file_added');
    expect(added).toHaveLength(2);
    expect(added[1]?.afterJson).toContain('资金分配表原件.pdf');
    // Staff read every file, the original included.
    const staff = await editor.get(`${caseUrl('partial')}/answer-files/${fileIds.original}`);
    expect(staff.rawPayload.equals(ORIGINAL)).toBe(true);
  });

  it('refuses to submit or sign a 部分公开 answer without its redacted version, naming what is missing', async () => {
    const missing = '答复结果为部分公开，须先上传区分处理后的版本（已作区分处理的文件），才能提交审核或签发。';
    const letter = /<textarea id="f-letter"[^>]*>([\s\S]*?)<\/textarea>/.exec((await editor.get(caseUrl('partial'))).body)?.[1] ?? '';
    expect(letter).toContain('所提供的政府信息可自本告知书送达之日起 30 日内，在本平台“申请办理进度查询”页面凭查询号和查询码下载。');
    const submit = async () =>
      editor.post(`${caseUrl('partial')}/save_answer`, {
        version: await versionOf(editor, 'partial'),
        outcome: 'partial',
        legalBasis: '第三十七条',
        letter: '告知书',
        submit: '1',
      });
    const refused = await submit();
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(missing);
    expect((await upload('partial', 'redacted', [{ filename: '资金分配表（已作区分处理）.pdf', data: REDACTED }])).statusCode).toBe(303);
    fileIds.redacted = (await filesOf('partial').where('role', '=', 'redacted').executeTakeFirstOrThrow()).id;
    expect((await submit()).statusCode).toBe(303);
    // Removed while awaiting sign-off: the leader cannot sign.
    await editor.get(caseUrl('partial'));
    expect((await editor.post(`${caseUrl('partial')}/answer-files/${fileIds.redacted}/remove`, {})).statusCode).toBe(303);
    expect((await audits('application.answer_file_removed'))[0]?.beforeJson).toContain('已作区分处理');
    const sign = await leader.post(`${caseUrl('partial')}/sign_answer`, { version: await versionOf(leader, 'partial') });
    expect(sign.statusCode).toBe(409);
    expect(sign.body).toContain(missing);
    expect((await upload('partial', 'redacted', [{ filename: '资金分配表（已作区分处理）.pdf', data: REDACTED }])).statusCode).toBe(303);
    fileIds.redacted = (await filesOf('partial').where('role', '=', 'redacted').executeTakeFirstOrThrow()).id;
  });

  it('links a published document chosen by title search', async () => {
    const search = await editor.get(`${caseUrl('partial')}/answer-files/documents?q=${encodeURIComponent('技改专项资金')}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('关于下达2024年技改专项资金的通知');
    expect((await editor.post(`${caseUrl('partial')}/answer-files/documents/${docId}/link`, {})).statusCode).toBe(303);
    expect((await editor.post(`${caseUrl('partial')}/answer-files/documents/999999/link`, {})).statusCode).toBe(400);
    expect((await editor.get(caseUrl('partial'))).body).toContain(`href="/gk/${agency.code}/d/${docId}"`);
    expect(await audits('application.answer_document_linked')).toHaveLength(1);
  });

  it('signs, sends and locks the files; the applicant downloads after delivery, never the original', async () => {
    expect((await leader.post(`${caseUrl('partial')}/sign_answer`, { version: await versionOf(leader, 'partial') })).statusCode).toBe(303);
    const locked = await upload('partial', 'provided', [{ filename: 'late.pdf', data: PROVIDED }]);
    expect(locked.statusCode).toBe(409);
    expect(locked.body).toContain('答复已签发，提供的信息不能再更改。');
    await editor.get(caseUrl('partial'));
    expect((await editor.post(`${caseUrl('partial')}/answer-files/${fileIds.provided}/remove`, {})).statusCode).toBe(409);
    expect((await editor.post(`${caseUrl('partial')}/send_answer`, { version: await versionOf(editor, 'partial'), on: '2024-11-01' })).statusCode).toBe(303);

    // Sent, not yet delivered: nothing listed, a token refused.
    const token = applicantToken(secret, 'download', cases.partial?.id ?? 0, clock.now());
    expect((await track('partial')).body).not.toContain('答复提供的政府信息');
    const early = await app.inject(`/track/answer-files/${fileIds.redacted}?token=${token}`);
    expect(early.statusCode).toBe(403);
    expect(early.body).toContain('答复尚未送达');

    expect(
      (await editor.post(`${caseUrl('partial')}/deliver`, { version: await versionOf(editor, 'partial'), on: '2024-11-01', method: '在本平台查询' }))
        .statusCode,
    ).toBe(303);
    const page = (await track('partial')).body;
    expect(page).toContain('以下文件可下载至 2024-12-01（含当日）');
    expect(page).toContain('资金分配表（全文）.pdf');
    expect(page).toContain('资金分配表（已作区分处理）.pdf');
    expect(page).toContain('已作区分处理</td>');
    expect(page).not.toContain('原件');
    expect(page).not.toContain(`/track/answer-files/${fileIds.original}`);
    expect(page).toContain(`href="/gk/${agency.code}/d/${docId}"`);
    const link = new RegExp(`href="(/track/answer-files/${fileIds.redacted}\\?token=[^"]+)"`).exec(page)?.[1] as string;
    const got = await app.inject(link.replaceAll('&amp;', '&'));
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(REDACTED)).toBe(true);
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="_____________.pdf"; filename*=UTF-8''${encodeURIComponent('资金分配表（已作区分处理）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private, no-store');
    expect((await app.inject({ method: 'HEAD', url: link.replaceAll('&amp;', '&') })).statusCode).toBe(200);
    const counted = await tdb.db
      .selectFrom('answerFiles')
      .select('downloads')
      .where('id', '=', fileIds.redacted ?? 0)
      .executeTakeFirstOrThrow();
    expect(counted.downloads).toBe(1);
    const downloaded = await audits('application.answer_file_downloaded');
    expect(downloaded.map((a) => a.actorName)).toEqual(['申请人（在线下载）']);

    // The original, with the case's own valid token, and another case's token on this case's file: absent.
    expect((await app.inject(`/track/answer-files/${fileIds.original}?token=${token}`)).statusCode).toBe(404);
    const otherToken = applicantToken(secret, 'download', cases.other?.id ?? 0, clock.now());
    expect((await app.inject(`/track/answer-files/${fileIds.redacted}?token=${otherToken}`)).statusCode).toBe(404);
    const wrongPurpose = applicantToken(secret, 'correction', cases.partial?.id ?? 0, clock.now());
    expect((await app.inject(`/track/answer-files/${fileIds.redacted}?token=${wrongPurpose}`)).statusCode).toBe(403);
    expect((await app.inject(`/track/answer-files/${fileIds.redacted}`)).statusCode).toBe(403);
    expect((await app.inject(`/track/answer-files/${fileIds.redacted}?token=${token.slice(0, -2)}xx`)).statusCode).toBe(403);
    expect(await audits('application.answer_file_downloaded')).toHaveLength(1);
  });

  it('no public route serves the original, whatever id it is given', async () => {
    const tree = app.printRoutes({ commonPrefix: false, method: 'GET' });
    const stack: string[] = [];
    const routes: string[] = [];
    for (const line of tree.split('\n')) {
      const m = /^([│ ]*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
      if (!m) continue;
      const depth = (m[1] as string).length / 4;
      stack.length = depth;
      stack[depth] = m[2] as string;
      if (m[3]?.split(', ').includes('GET')) routes.push(stack.join('').replace(/\/+/g, '/'));
    }
    const token = applicantToken(secret, 'download', cases.partial?.id ?? 0, clock.now());
    const publicRoutes = routes.filter((r) => !r.startsWith('/admin') && r.includes(':'));
    expect(publicRoutes).toContain('/track/answer-files/:file');
    const marker = 'ORIGINAL-UNREDACTED-SECRET';
    for (const route of publicRoutes) {
      for (const id of [fileIds.original, cases.partial?.id]) {
        const url = route.replace(/:code/g, agency.code).replace(/:[A-Za-z]+/g, String(id));
        const res = await app.inject(`${url}?token=${token}`);
        expect(res.rawPayload.includes(Buffer.from(marker)), url).toBe(false);
        expect(res.body.includes('资金分配表原件'), url).toBe(false);
      }
    }
    // Nor the tracking page, nor the JSON API, nor the public export of the case.
    expect((await track('partial')).body).not.toContain('资金分配表原件');
  });

  it('after the period says until when the files were available and whom to ask, and refuses downloads', async () => {
    now = new Date('2024-12-02T02:00:00Z');
    const page = (await track('partial')).body;
    expect(page).toContain('所提供文件的在线下载期限已于 2024-12-01 届满。如需再次获取，请持查询号与本机关政府信息公开工作机构联系。');
    expect(page).toContain('0635-8888888');
    expect(page).not.toContain('/track/answer-files/');
    const token = applicantToken(secret, 'download', cases.partial?.id ?? 0, clock.now());
    const late = await app.inject(`/track/answer-files/${fileIds.redacted}?token=${token}`);
    expect(late.statusCode).toBe(403);
    expect(late.body).toContain('在线下载期限已于 2024-12-01 届满');
    now = new Date('2024-11-01T02:00:00Z');
  });
});
