import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import type { Agency } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/web/access-log.ts';
import { onlineApplicationForm } from '../builders/applications.ts';
import { buildAgency } from '../builders/index.ts';
import { Agent } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2024-11-01T02:00:00Z');

/** The access log (issue 17): one line per request, the route's pattern only, nothing a person typed. */
describe('the access log', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  const lines: string[] = [];
  const access = () => lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'access');

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const config = loadConfig({ ...tdb.env, GONGKAI_LOG_LEVEL: 'info', GONGKAI_PAGE_CACHE_MS: '0' });
    app = await buildApp({ db: tdb.db, dialect: tdb.dialect, clock, config, logDestination: { write: (l) => lines.push(l) } });
    await app.ready();
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局', phone: '0635-0000000', address: '测试路 1 号' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('writes one line per request with time, method, route, status, duration, bytes and request id', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'GET', url: '/?from=newsletter' });
    expect(res.statusCode).toBe(200);
    const got = access();
    expect(got).toHaveLength(1);
    const [line] = got;
    expect(line).toMatchObject({ method: 'GET', route: '/', status: 200, bytes: Number(res.headers['content-length']) });
    expect(line.reqId).toBeTruthy();
    expect(typeof line.ms).toBe('number');
    // China time with its offset, as every date a person reads.
    expect(line.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    // Fastify's own "incoming request" / "request completed" lines are gone.
    expect(lines.filter((l) => /incoming request|request completed/.test(l))).toEqual([]);
  });

  it('never carries a query string, a tracking number, a query code or an applicant’s details', async () => {
    const form = onlineApplicationForm({ name: '李秘密', phone: '13912345678', email: 'secret-person@example.com' });
    const agent = new Agent(app);
    await agent.get(`/gk/${agency.code}/apply`);
    lines.length = 0;
    const filed = await agent.postMultipart(`/gk/${agency.code}/apply`, form, []);
    expect([200, 303]).toContain(filed.statusCode);
    await agent.post('/track', { trackingNo: '2024-0001-SECRET', queryCode: 'QC-SECRET-CODE' });
    await app.inject({ method: 'GET', url: '/track?trackingNo=2024-0001-SECRET&queryCode=QC-SECRET-CODE' });
    await app.inject({ method: 'GET', url: '/no/such/page/13912345678' });
    const text = lines.join('\n');
    for (const secret of ['李秘密', '13912345678', 'secret-person', 'SECRET', '?', agency.code]) expect(text).not.toContain(secret);
    const routes = access().map((l) => `${l.method} ${l.route} ${l.status}`);
    expect(routes).toContain('POST /gk/:code/apply 303');
    expect(routes).toContain('GET /track 200');
    expect(routes).toContain('GET - 404');
  });

  it('is left out with GONGKAI_ACCESS_LOG=off, and nothing is logged at all when silent', async () => {
    for (const [env, expected] of [
      [{ GONGKAI_LOG_LEVEL: 'info', GONGKAI_ACCESS_LOG: 'off' }, 0],
      [{ GONGKAI_LOG_LEVEL: 'warn' }, 0],
      [{ GONGKAI_LOG_LEVEL: 'silent' }, 0],
    ] as const) {
      const own: string[] = [];
      const config = loadConfig({ ...tdb.env, ...env });
      const quiet = await buildApp({ db: tdb.db, dialect: tdb.dialect, clock, config, logDestination: { write: (l) => own.push(l) } });
      await quiet.inject({ method: 'GET', url: '/' });
      await quiet.close();
      expect(own.filter((l) => l.includes('"access"'))).toHaveLength(expected);
    }
  });

  it('writes to stdout through an asynchronous, buffered destination by default', () => {
    const logger = createLogger({ logLevel: 'info' }) as unknown as pino.Logger;
    const stream = (logger as unknown as Record<symbol, { sync: boolean; minLength: number }>)[pino.symbols.streamSym];
    expect(stream?.sync).toBe(false);
    expect(stream?.minLength).toBeGreaterThan(0);
  });
});
