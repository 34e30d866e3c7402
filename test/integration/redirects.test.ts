import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

/** Where a Location header sends a browser that is on the platform's own site. */
const resolved = (location: string | undefined) => new URL(location ?? '', 'https://gongkai.example').origin;

describe.each(DIALECTS)('redirect targets from input stay on the site on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'redir', name: '跳转局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'redir-admin' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  const hostile = [
    '/%09/evil.example',
    '/%0d/evil.example',
    '/%0a/evil.example',
    '/%5Cevil.example',
    '//evil.example',
    '/a/..//evil.example',
    'https://evil.example/',
  ];

  it('the 适老化 switch returns only to same-site pages', async () => {
    for (const back of hostile) {
      const res = await app.inject(`/elder?on=1&back=${back}`);
      expect(res.statusCode, back).toBe(302);
      expect(res.headers.location, back).toBe('/');
    }
    const ok = await app.inject(`/elder?on=1&back=${encodeURIComponent('/gk/redir/search?q=工业#top')}`);
    expect(ok.headers.location).toBe('/gk/redir/search?q=%E5%B7%A5%E4%B8%9A#top');
  });

  it('the column address without its slash redirects within the site whatever the code', async () => {
    expect((await app.inject('/gk/redir')).headers.location).toBe('/gk/redir/');
    for (const code of ['%2F%2Fevil.example', '%5Cevil.example', '..%2F..%2F%2Fevil.example']) {
      const res = await app.inject(`/gk/${code}`);
      expect(res.statusCode, code).toBe(301);
      expect(resolved(res.headers.location), code).toBe('https://gongkai.example');
    }
  });

  it('login sends a signed-in user only to same-site pages (GET while signed in, and POST)', async () => {
    const agent = new Agent(app, '10.7.0.1');
    await agent.get('/admin/login');
    for (const next of hostile) {
      const post = await agent.post('/admin/login', { username: 'redir-admin', password: TEST_PASSWORD, next: decodeURIComponent(next) });
      expect(post.statusCode, next).toBe(303);
      expect(post.headers.location, next).toBe('/admin');
      expect(resolved(post.headers.location)).toBe('https://gongkai.example');
      const get = await agent.get(`/admin/login?next=${next}`);
      expect(get.statusCode, next).toBe(302);
      expect(get.headers.location, next).toBe('/admin');
    }
    const kept = await agent.get(`/admin/login?next=${encodeURIComponent('/admin/redir/audit')}`);
    expect(kept.headers.location).toBe('/admin/redir/audit');
  });

  it('a target with CR/LF is refused, not a server error', async () => {
    const page = await app.inject('/admin/login?next=/admin%0d%0aX:%201');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('X: 1');
    const agent = new Agent(app, '10.7.0.2');
    await agent.get('/admin/login');
    const post = await agent.post('/admin/login', { username: 'redir-admin', password: TEST_PASSWORD, next: '/admin\r\nX: 1' });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/admin');
    expect(post.headers.x).toBeUndefined();
    const signedIn = await agent.get('/admin/login?next=/admin%0d%0aX:%201');
    expect(signedIn.statusCode).toBe(302);
    expect(signedIn.headers.location).toBe('/admin');
  });
});
