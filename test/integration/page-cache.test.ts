import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { saveSiteFrame } from '../../src/portal/site-frame.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2024-11-01T02:00:00Z');

/**
 * The page cache as `npm start` runs it (issue 17): a cached public page is sent before routing's later steps, so
 * what a hit sends must be what the route itself sent: headers, footer, the 适老化 variant, the access line.
 */
describe('public pages from the page cache', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const config = loadConfig({ ...tdb.env, GONGKAI_LOG_LEVEL: 'info', GONGKAI_PAGE_CACHE_MS: '60000' });
    app = await buildApp({ db: tdb.db, dialect: tdb.dialect, clock, config, logDestination: { write: (l) => lines.push(l) } });
    await app.ready();
    await saveSiteFrame({ db: tdb.db, clock }, systemActor(), null, { sponsor: '测试市人民政府办公室' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('a hit sends the same page with the same headers and footer as the first answer', async () => {
    const first = await app.inject({ method: 'GET', url: '/' });
    const hit = await app.inject({ method: 'GET', url: '/' });
    expect(first.statusCode).toBe(200);
    expect(hit.statusCode).toBe(200);
    expect(hit.body).toBe(first.body);
    expect(hit.body).toContain('测试市人民政府办公室');
    for (const h of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'content-type', 'content-length']) {
      expect(hit.headers[h], h).toBe(first.headers[h]);
    }
  });

  it('keeps the 适老化 page apart from the standard one', async () => {
    const standard = await app.inject({ method: 'GET', url: '/' });
    const elder = await app.inject({ method: 'GET', url: '/', cookies: { gk_elder: '1' } });
    const elderHit = await app.inject({ method: 'GET', url: '/', cookies: { gk_elder: '1' } });
    expect(elder.body).not.toBe(standard.body);
    expect(elder.body).toContain(t.site.elderModeOff);
    expect(elderHit.body).toBe(elder.body);
    expect(standard.body).not.toContain(t.site.elderModeOff);
  });

  it('writes the access line of a hit with its route', async () => {
    await app.inject({ method: 'GET', url: '/' });
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/' });
    const access = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'access');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: 'GET', route: '/', status: 200 });
  });

  it('never answers a page that is not cacheable from the cache, nor another method', async () => {
    const login = await app.inject({ method: 'GET', url: '/admin/login' });
    const again = await app.inject({ method: 'GET', url: '/admin/login' });
    // The login form carries a fresh CSRF token each time.
    expect(login.statusCode).toBe(200);
    expect(again.body).not.toBe(login.body);
    const head = await app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });
});
