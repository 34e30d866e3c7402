import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDIT_CODE } from '../../src/demo/demo.ts';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { minimalPdf, multipartBody } from '../support/files.ts';

describe.each(DIALECTS)('documents over HTTP on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let closed = false;
  let docId = 0;
  const editor = () => new Agent(app, '10.2.0.1');
  let ed: Agent;

  async function postMultipart(
    agent: Agent,
    url: string,
    fields: Record<string, string | string[]>,
    files: { field: string; fileName: string; data: Buffer; type?: string }[],
  ) {
    const { body, contentType } = multipartBody({ ...fields, _csrf: agent.lastCsrf ?? '' }, files);
    return app.inject({ method: 'POST', url, payload: body, headers: { cookie: agent.cookieHeader(), 'content-type': contentType }, remoteAddress: agent.ip });
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'gxj', name: '聊城市工业和信息化局', creditCode: DEMO_CREDIT_CODE });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'edi' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'reviewer', username: 'rev' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'boss' });
    ed = editor();
    await ed.login('edi', TEST_PASSWORD);
  });
  afterAll(async () => {
    if (!closed) await app?.close();
    await tdb?.cleanup();
  });

  const fields = {
    title: '关于开展2022年度省级“专精特新”中小企业认定工作的通知',
    category: 'normative',
    docNo: '聊工信发〔2022〕12号',
    issuedOn: '2022-06-10',
    body: '<p>各有关企业：</p><p onclick="steal()">联系人电话13812345678。<img src="x" onerror="alert(1)"><script>alert(1)</script><a href="javascript:alert(1)">详见</a></p>',
  };

  it('refuses an attachment whose content is not its claimed type, writing nothing', async () => {
    await ed.get('/admin/gxj/documents/new');
    const res = await postMultipart(ed, '/admin/gxj/documents/new', fields, [
      { field: 'attachment', fileName: '通知.pdf', data: Buffer.from('MZ this is an executable, not a PDF'), type: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('内容与其类型不符');
    expect(res.body).toContain('value="关于开展2022年度省级“专精特新”中小企业认定工作的通知"');
    expect(await tdb.db.selectFrom('documents').select('id').executeTakeFirst()).toBeUndefined();
  });

  it('creates a draft with a PDF attachment, strips unsafe HTML and flags personal data for review', async () => {
    await ed.get('/admin/gxj/documents/new');
    const res = await postMultipart(ed, '/admin/gxj/documents/new', fields, [
      { field: 'attachment', fileName: '申报表.pdf', data: minimalPdf('Contact 13912345678 for details'), type: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(303);
    docId = Number(/documents\/(\d+)/.exec(res.headers.location as string)?.[1]);
    const doc = await tdb.db.selectFrom('documents').selectAll().where('id', '=', docId).executeTakeFirstOrThrow();
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript:']) expect(doc.bodyHtml).not.toContain(bad);
    const att = await tdb.db.selectFrom('attachments').selectAll().where('documentId', '=', docId).executeTakeFirstOrThrow();
    expect(att.mediaType).toBe('application/pdf');
    expect(att.extractedText).toContain('13912345678');
    const page = await ed.get(`/admin/gxj/documents/${docId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<mark class="finding" title="手机号码">13812345678');
    expect(page.body).toContain('发现 2 处疑似个人信息或敏感词');
    expect(page.body).not.toContain('<script>alert(1)');
  });

  it('goes through 保密审查 and approval over the console, and the reviewer sees the checklist refused when incomplete', async () => {
    await ed.get(`/admin/gxj/documents/${docId}`);
    expect((await ed.post(`/admin/gxj/documents/${docId}/submit`, {})).statusCode).toBe(303);
    const rev = new Agent(app, '10.2.0.2');
    await rev.login('rev', TEST_PASSWORD);
    await rev.get(`/admin/gxj/documents/${docId}`);
    const partial = await rev.post(`/admin/gxj/documents/${docId}/secrecy`, { checklist: '0' });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('请逐项确认保密审查清单');
    const body = new URLSearchParams([
      ['_csrf', rev.lastCsrf ?? ''],
      ['checklist', '0'],
      ['checklist', '1'],
      ['checklist', '2'],
      ['checklist', '3'],
    ]).toString();
    const ok = await app.inject({
      method: 'POST',
      url: `/admin/gxj/documents/${docId}/secrecy`,
      payload: body,
      headers: { cookie: rev.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(ok.statusCode).toBe(303);
    expect((await rev.get('/admin/gxj/review')).body).not.toContain('专精特新');
    const boss = new Agent(app, '10.2.0.3');
    await boss.login('boss', TEST_PASSWORD);
    expect((await boss.get('/admin/gxj/review')).body).toContain('专精特新');
    await boss.get(`/admin/gxj/documents/${docId}`);
    expect((await boss.post(`/admin/gxj/documents/${docId}/approve`, {})).statusCode).toBe(303);
    const row = await tdb.db.selectFrom('documents').select(['status', 'indexNo']).where('id', '=', docId).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
  });

  it('shows the document in the column, its page, search, feeds, the sitemap and the API', async () => {
    const column = await app.inject('/gk/gxj/');
    expect(column.statusCode).toBe(200);
    expect(column.body).toContain('专精特新');
    expect(column.body).toContain('法定主动公开内容');
    expect(column.body).toContain('本机关暂无此项需要公开的信息。');
    const page = await app.inject(`/gk/gxj/d/${docId}`);
    expect(page.statusCode).toBe(200);
    for (const s of ['索引号', `${DEMO_CREDIT_CODE}/02-`, '聊工信发〔2022〕12号', '现行有效', '成文日期', '2022-06-10', '申报表.pdf'])
      expect(page.body).toContain(s);
    expect(page.body).toContain('<link rel="canonical" href="http://localhost:80/gk/gxj/d/');
    const file = await app.inject(`/gk/gxj/d/${docId}/files/1`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const search = await app.inject(`/gk/gxj/search?q=${encodeURIComponent('聊工信发〔2022〕12号')}`);
    expect(search.body).toContain('共找到 1 条结果');
    expect(search.body).toContain('<mark>聊工信发〔2022〕12号</mark>');
    const xss = await app.inject(`/gk/gxj/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(xss.statusCode).toBe(200);
    expect(xss.body).not.toContain('<script>alert(1)');
    expect((await app.inject(`/search?q=${encodeURIComponent('专精')}`)).body).toContain('聊城市工业和信息化局');

    const rss = await app.inject('/gk/gxj/feed.xml');
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain(`/gk/gxj/d/${docId}</link>`);
    expect((await app.inject('/gk/gxj/c/normative/atom.xml')).body).toContain('<entry><title>关于开展2022年度省级“专精特新”');
    const index = await app.inject('/sitemap.xml');
    expect(index.body).toContain('/sitemaps/gxj-1.xml');
    expect((await app.inject('/sitemaps/gxj-1.xml')).body).toContain(`/gk/gxj/d/${docId}</loc>`);

    const list = await app.inject(`/api/v1/agencies/gxj/documents?q=${encodeURIComponent('专精特新')}&category=normative`);
    expect(list.json()).toMatchObject({ total: 1, page: 1, items: [{ id: docId, docNo: '聊工信发〔2022〕12号', validity: 'in_force' }] });
    const one = await app.inject(`/api/v1/documents/${docId}`);
    expect(one.json()).toMatchObject({ id: docId, attachments: [{ fileName: '申报表.pdf' }] });
    expect(JSON.stringify(one.json())).not.toMatch(/用户\d|createdBy|reviewSteps/);
    expect((await app.inject('/api/v1/openapi.json')).json().openapi).toBe('3.1.0');
    expect((await app.inject('/api/v1/documents/999999')).statusCode).toBe(404);
  });

  it('does not show drafts to the public', async () => {
    await ed.get('/admin/gxj/documents/new');
    const res = await postMultipart(ed, '/admin/gxj/documents/new', { title: '尚未公开的草稿', category: 'news', issuedOn: '2022-06-10', body: '草稿' }, []);
    const id = Number(/documents\/(\d+)/.exec(res.headers.location as string)?.[1]);
    expect((await app.inject(`/gk/gxj/d/${id}`)).statusCode).toBe(404);
    expect((await app.inject(`/api/v1/documents/${id}`)).statusCode).toBe(404);
    expect((await app.inject('/gk/gxj/list')).body).not.toContain('尚未公开的草稿');
  });

  it('withdraws a document: its page says so (410) and it leaves the feed and the column', async () => {
    const boss = new Agent(app, '10.2.0.4');
    await boss.login('boss', TEST_PASSWORD);
    await boss.get(`/admin/gxj/documents/${docId}`);
    expect((await boss.post(`/admin/gxj/documents/${docId}/withdraw`, { reason: '' })).statusCode).toBe(400);
    expect((await boss.post(`/admin/gxj/documents/${docId}/withdraw`, { reason: '内容已调整' })).statusCode).toBe(303);
    const page = await app.inject(`/gk/gxj/d/${docId}`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('该信息已撤回');
    expect(page.body).not.toContain('内容已调整');
    expect((await app.inject('/gk/gxj/feed.xml')).body).not.toContain(`/d/${docId}<`);
    expect((await app.inject('/gk/gxj/')).body).not.toContain('专精特新');
  });

  it('links an interpretation and its document both ways on their public pages', async () => {
    const other = await buildAgency(tdb.db, { code: 'gxj-two', name: '第二局' });
    const doc = await buildPublished(tdb.db, other.id, { title: '聊城市工业设计中心认定管理办法', category: 'normative' });
    const interp = await buildPublished(tdb.db, other.id, {
      title: '《聊城市工业设计中心认定管理办法》图文解读',
      category: 'interpretation',
      interpretsId: doc.id,
      interpretationForm: 'graphic',
    });
    const docPage = await app.inject(`/gk/gxj-two/d/${doc.id}`);
    expect(docPage.body).toContain('相关解读');
    expect(docPage.body).toContain(`href="/gk/gxj-two/d/${interp.id}"`);
    expect(docPage.body).toContain('图文解读');
    const interpPage = await app.inject(`/gk/gxj-two/d/${interp.id}`);
    expect(interpPage.body).toContain('解读的文件');
    expect(interpPage.body).toContain(`href="/gk/gxj-two/d/${doc.id}"`);
    // Another agency's document is not reachable under this agency's address, nor from its console.
    expect((await app.inject(`/gk/gxj/d/${doc.id}`)).statusCode).toBe(404);
    expect((await ed.get(`/admin/gxj-two/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await ed.get(`/admin/gxj/documents/${doc.id}`)).statusCode).toBe(404);
  });

  it('counted page views per document and day, written when the server stops', async () => {
    await app.close();
    closed = true;
    const views = await tdb.db.selectFrom('pageViews').selectAll().execute();
    expect(views.find((v) => v.documentId === docId)).toMatchObject({ views: 1 });
  });
});
