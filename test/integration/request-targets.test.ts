import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { RawConnection, rawRequest } from '../support/raw-http.ts';

const get = (target: string | Buffer, extra = '') =>
  Buffer.concat([
    Buffer.from('GET '),
    Buffer.isBuffer(target) ? target : Buffer.from(target, 'utf8'),
    Buffer.from(` HTTP/1.1\r\nHost: gongkai.test\r\n${extra}\r\n`),
  ]);

const BAD_URL_PAGE = '网址有误';

describe.each(DIALECTS)('request targets over a real socket on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'raw', name: '原始局' });
    await buildPublished(tdb.db, agency.id, { title: '关于支持工业互联网发展的通知' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('reads raw UTF-8 in the query as UTF-8 (as crawlers send it) and finds the document', async () => {
    const res = await rawRequest(port, get('/gk/raw/search?q=工业'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('value="工业"');
    expect(res.body).toContain('关于支持<mark>工业</mark>互联网发展的通知');
    // The same security headers as any page.
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    // Node's parser cannot continue after it refused the target: the answer closes the connection.
    expect(res.headers.connection).toBe('close');
    expect(res.closed).toBe(true);
  });

  it('reads raw UTF-8 in the path too, and answers HEAD without a body', async () => {
    const missing = await rawRequest(port, get('/gk/工业/'));
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('页面不存在');
    const c = await RawConnection.open(port);
    try {
      await c.write(Buffer.from('HEAD /gk/raw/search?q=工业 HTTP/1.1\r\nHost: gongkai.test\r\n\r\n'));
      const head = await c.read({ head: true });
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
    } finally {
      c.close();
    }
  });

  it('reads a head split over several writes', async () => {
    const c = await RawConnection.open(port);
    try {
      await c.write('GET /gk/raw/search?q=工业 HTTP/1.1\r\n');
      await new Promise((r) => setTimeout(r, 50));
      await c.write('Host: gongkai.test\r\n');
      await new Promise((r) => setTimeout(r, 50));
      await c.write('Accept: text/html\r\n\r\n');
      const res = await c.read();
      expect(res.status).toBe(200);
      expect(res.body).toContain('value="工业"');
    } finally {
      c.close();
    }
  });

  it('answers pipelined requests in order when one of them has a raw UTF-8 target', async () => {
    const c = await RawConnection.open(port);
    try {
      await c.write(Buffer.concat([get('/gk/raw/'), get('/gk/raw/search?q=工业')]));
      const first = await c.read();
      expect(first.status).toBe(200);
      expect(first.body).toContain('原始局政府信息公开');
      const second = await c.read();
      expect(second.status).toBe(200);
      expect(second.body).toContain('value="工业"');
    } finally {
      c.close();
    }
  });

  it('answers malformed percent-encoding with the Chinese 400 page and keeps the connection', async () => {
    for (const target of ['/gk/raw/search?q=%E4%B8', '/gk/raw/search?q=%zz', '/gk/raw%E4%B8/', '/gk/%zz/', '/gk/raw/search?q=%00', '/gk/raw%0a/']) {
      const c = await RawConnection.open(port);
      try {
        await c.write(get(target));
        const res = await c.read();
        expect(res.status, target).toBe(400);
        expect(res.headers['content-type'], target).toBe('text/html; charset=utf-8');
        expect(res.body, target).toContain(BAD_URL_PAGE);
        expect(res.headers['x-content-type-options'], target).toBe('nosniff');
        // The parser is still in step: the next request on the same connection is served.
        await c.write(get('/gk/raw/'));
        expect((await c.read()).status, target).toBe(200);
      } finally {
        c.close();
      }
    }
  });

  it('answers control characters and invalid UTF-8 bytes in the target with the Chinese 400 page', async () => {
    const targets = [
      Buffer.from('/gk/raw/search?q=a\u0001b'),
      Buffer.from('/gk/raw/search?q=\u007f'),
      Buffer.from([0x2f, 0x67, 0x6b, 0x2f, 0xe4, 0xb8]),
      Buffer.from([0x2f, 0xff]),
    ];
    for (const target of targets) {
      const res = await rawRequest(port, get(target));
      expect(res.status, target.toString('hex')).toBe(400);
      expect(res.body, target.toString('hex')).toContain(BAD_URL_PAGE);
    }
  });

  it('holds raw UTF-8 heads to the same size limit as any other (431, in Chinese)', async () => {
    for (const q of ['a'.repeat(20_000), '工'.repeat(7_000)]) {
      const res = await rawRequest(port, get(`/gk/raw/search?q=${q}`));
      expect(res.status).toBe(431);
      expect(res.body).toContain('请求有误');
    }
  });

  it('answers a malformed target of the JSON API in JSON', async () => {
    const res = await rawRequest(port, get('/api/v1/agencies/raw/documents?q=%E4%B8'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/json');
    expect(JSON.parse(res.body).error.code).toBe('BAD_REQUEST');
  });

  it('never answers 500 to hostile targets through inject either', async () => {
    for (const url of ['/gk/raw/search?q=%00', '/search?q=%E4%B8', '/gk/raw/search?q=%ff', '/admin/login?next=%zz', '/track?x=%C0%AF', '/gk/%E4%B8/x']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain(BAD_URL_PAGE);
    }
  });

  it('reads a repeated query parameter as its last value, never a server error', async () => {
    const page = await app.inject(`/gk/raw/search?q=x&q=${encodeURIComponent('工业')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="工业"');
    for (const url of ['/search?q=a&q=b', '/api/v1/agencies/raw/documents?q=a&q=b', '/gk/raw/search?q=a&page=1&page=x', '/admin/login?next=/a&next=/b']) {
      expect((await app.inject(url)).statusCode, url).toBeLessThan(500);
    }
  });
});
