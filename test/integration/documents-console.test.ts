import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('the 主动公开 console pages on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let normId = 0;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'cons', name: '测试局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'boss-admin' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'boss-leader' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'plain-editor' });
    normId = (
      await buildPublished(tdb.db, agency.id, { title: '测试规范性文件管理办法', category: 'normative', issuedOn: '2022-01-04', publishedOn: '2022-02-09' })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('shows every console page of the module', async () => {
    const admin = new Agent(app, '10.3.0.1');
    await admin.login('boss-admin', TEST_PASSWORD);
    for (const path of [
      'documents',
      'documents?status=published',
      'documents/new',
      'review',
      'interpretations',
      'timeliness?year=2022',
      'cleanup',
      'sensitive-words',
      'disclosure-settings',
    ]) {
      const res = await admin.get(`/admin/cons/${path}`);
      expect(res.statusCode, path).toBe(200);
    }
    expect((await admin.get('/admin/cons/timeliness?year=2022')).body).toContain('测试规范性文件管理办法');
    expect((await admin.get('/admin/cons/interpretations')).body).toContain('测试规范性文件管理办法');
  });

  it('saves the column settings and the guide shows the text with its date; bad input is refused with messages', async () => {
    const admin = new Agent(app, '10.3.0.2');
    await admin.login('boss-admin', TEST_PASSWORD);
    await admin.get('/admin/cons/disclosure-settings');
    const bad = await admin.post('/admin/cons/disclosure-settings', { interpretationLagDays: '99' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('应在 0 到 60 之间');
    const ok = await admin.post('/admin/cons/disclosure-settings', {
      interpretationLagDays: '5',
      guideText: '本机关的公开指南。\n第二段。',
      rulesText: '公开制度正文',
    });
    expect(ok.statusCode).toBe(303);
    const guide = await app.inject('/gk/cons/guide');
    expect(guide.body).toContain('<p>本机关的公开指南。</p><p>第二段。</p>');
    expect(guide.body).toContain('更新日期：');
    expect((await app.inject('/gk/cons/rules')).body).toContain('公开制度正文');
    const editor = new Agent(app, '10.3.0.3');
    await editor.login('plain-editor', TEST_PASSWORD);
    expect((await editor.get('/admin/cons/disclosure-settings')).statusCode).toBe(403);
  });

  it('manages sensitive words', async () => {
    const admin = new Agent(app, '10.3.0.4');
    await admin.login('boss-admin', TEST_PASSWORD);
    await admin.get('/admin/cons/sensitive-words');
    expect((await admin.post('/admin/cons/sensitive-words', { word: '内部资料' })).statusCode).toBe(303);
    const dup = await admin.post('/admin/cons/sensitive-words', { word: '内部资料' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('该敏感词已存在');
    const page = await admin.get('/admin/cons/sensitive-words');
    const id = /sensitive-words\/(\d+)\/delete/.exec(page.body)?.[1];
    expect((await admin.post(`/admin/cons/sensitive-words/${id}/delete`, {})).statusCode).toBe(303);
    expect((await admin.get('/admin/cons/sensitive-words')).body).not.toContain('<span>内部资料</span>');
  });

  it('runs a cleanup round through the console and publishes its result list', async () => {
    const leader = new Agent(app, '10.3.0.5');
    await leader.login('boss-leader', TEST_PASSWORD);
    await leader.get('/admin/cons/cleanup');
    const created = await leader.post('/admin/cons/cleanup', { title: '2022年度规范性文件清理' });
    expect(created.statusCode).toBe(303);
    const base = created.headers.location as string;
    expect((await leader.get(base)).body).toContain('测试规范性文件管理办法');
    const early = await leader.post(`${base}/apply`, { effectiveOn: '2022-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('还有文件未作出清理决定');
    await leader.get(base);
    expect((await leader.post(`${base}/decisions`, { [`decision_${normId}`]: 'repeal', [`note_${normId}`]: '已被新办法替代' })).statusCode).toBe(303);
    await leader.get(base);
    expect((await leader.post(`${base}/apply`, { effectiveOn: '2022-12-31' })).statusCode).toBe(303);
    await leader.get(base);
    expect((await leader.post(`${base}/publish`, {})).statusCode).toBe(303);
    const roundId = base.split('/').pop();
    const page = await app.inject(`/gk/cons/cleanup/${roundId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('废止');
    expect(page.body).toContain('已被新办法替代');
    expect((await app.inject(`/gk/cons/d/${normId}`)).body).toContain('已废止');
  });
  it('answers an address that names nothing as it always did: sign in first, then a Chinese 404', async () => {
    const visitor = new Agent(app, '10.3.0.6');
    const signedOut = await visitor.get('/admin/cons/documents/abc');
    expect(signedOut.statusCode).toBe(302);
    expect(signedOut.headers.location).toBe('/admin/login?next=%2Fadmin%2Fcons%2Fdocuments%2Fabc');
    // A POST without its CSRF token is refused for that before anything else.
    expect((await visitor.post('/admin/cons/documents/abc/submit', {}, { csrf: false })).statusCode).toBe(403);
    const admin = new Agent(app, '10.3.0.7');
    await admin.login('boss-admin', TEST_PASSWORD);
    for (const path of ['documents/abc', 'documents/0/edit', 'documents/1.5', `documents/${normId}/files/x`, 'cleanup/-1']) {
      const res = await admin.get(`/admin/cons/${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.body, path).toContain('页面不存在');
    }
    // `Number()` reads the id, as the routes always did: 1e3 is document 1000 (absent here).
    expect((await admin.get('/admin/cons/documents/1e3')).body).toContain('该信息不存在或尚未公开');
    const publicPage = await app.inject('/gk/cons/d/abc');
    expect([publicPage.statusCode, publicPage.body.includes('该信息不存在或尚未公开')]).toEqual([404, true]);
    expect((await app.inject('/api/v1/documents/abc')).json()).toEqual({ error: { code: 'NOT_FOUND', message: '该信息不存在或尚未公开。', fields: {} } });
  });
});
