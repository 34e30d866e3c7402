/**
 * The public surface under hostile input, in one place (docs/security.md lists each control and its own tests).
 * One listening server per dialect, driven over real sockets and fetch: request targets raw and malformed, redirect
 * targets, forged headers, oversized and malformed uploads, a PDF flate bomb and a DOCX zip bomb, and hostile JSON
 * lines through `gongkai import`. Every answer must be a deliberate one (never a 500 or a dropped connection where a
 * page can be sent), in Chinese, with the security headers, and the server must still be ready at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { onlineApplicationForm } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { applicationRecord } from '../builders/records.ts';
import { buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { FetchAgent } from '../support/fetch-agent.ts';
import { minimalPdf, multipartBody } from '../support/files.ts';
import { docxZipBomb, manyEntriesZip, pdfFlateBomb } from '../support/hostile-files.ts';
import { rawRequest } from '../support/raw-http.ts';

const EVIL = 'evil.example';
/** Redirect targets an attacker tries: protocol-relative, backslashes, control characters, encoded slashes, schemes. */
const HOSTILE_TARGETS = [
  `//${EVIL}`,
  `///${EVIL}`,
  `/\\${EVIL}`,
  `\\\\${EVIL}`,
  `/\t/${EVIL}`,
  `/\n/${EVIL}`,
  `/\r\n/${EVIL}`,
  `/%09/${EVIL}`,
  `/%2F%2F${EVIL}`,
  `/%5C${EVIL}`,
  `/a/..//${EVIL}`,
  `/./..//${EVIL}`,
  `https://${EVIL}/`,
  `http:${EVIL}`,
  `javascript:alert(1)`,
  `data:text/html,<script>alert(1)</script>`,
  `/admin\r\nX-Injected: 1`,
  ` //${EVIL}`,
  `/\u3000/${EVIL}`,
  `/${'a'.repeat(5000)}`,
];

/** Targets sent over a bare socket: bad escapes, control characters, traversal, type confusion, huge numbers. */
const HOSTILE_PATHS = [
  '/gk/gxj/search?q=%E4%B8',
  '/gk/gxj/search?q=%zz',
  '/gk/gxj/search?q=%00',
  '/gk/gxj/search?q=%C0%AF',
  '/gk/%E4%B8/',
  '/gk/gxj/search?q=a&q=b',
  '/gk/gxj/search?q[]=x&q[a]=y',
  '/gk/gxj/search?__proto__[x]=1&constructor[prototype][y]=1',
  '/api/v1/documents?q=%FF',
  '/api/v1/documents?page=-1&pageSize=1000000000',
  '/gk/gxj/documents/99999999999999999999999',
  '/gk/gxj/documents/-1',
  '/gk/gxj/documents/1e3',
  '/assets/..%2F..%2Fpackage.json',
  '/assets/%2e%2e/%2e%2e/package.json',
  '/gk/gxj/track?no=%27%20OR%201%3D1--&code=x',
  `/gk/gxj/${'长'.repeat(2000)}`,
];

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy'];

describe.each(DIALECTS)('the public surface under hostile input on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let port: number;
  const count = async (table: 'applications' | 'documents' | 'attachments') =>
    Number(
      (
        await tdb.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sameSite = (location: string | null | undefined) => {
    if (location == null) return true;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a Location with a control character is the failure.
    if (/[\u0000-\u001f\u007f\\]/.test(location)) return false;
    return new URL(location, base).origin === new URL(base).origin;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const agency = await buildAgency(tdb.db, { code: 'gxj', name: '聊城市工业和信息化局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'edi' });
    app = await buildTestApp(tdb);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    base = `http://127.0.0.1:${port}`;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('answers every hostile request target deliberately: never 500, Chinese pages, security headers, nothing outside the site', async () => {
    for (const target of HOSTILE_PATHS) {
      const res = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      const summary = { target, status: res.status, headers: SECURITY_HEADERS.filter((h) => !res.headers[h]) };
      expect(summary, res.body.slice(0, 300)).toEqual({ target, status: summary.status, headers: [] });
      expect([200, 301, 302, 303, 400, 403, 404, 414, 431], target).toContain(res.status);
      if ((res.headers['content-type'] ?? '').startsWith('text/html')) expect(res.body, target).toContain('lang="zh-CN"');
      expect(res.body, target).not.toContain('"name": "gongkai"');
    }
    // Raw UTF-8 (sent unencoded by some crawlers) is read as UTF-8.
    const raw = await rawRequest(port, Buffer.from('GET /gk/gxj/search?q=工业 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'utf8'));
    expect(raw.status).toBe(200);
    expect(raw.body).toContain('工业');
    // Control characters in the target and a head larger than 16 KiB: a Chinese page, not a bare reset.
    const control = await rawRequest(port, Buffer.from('GET /gk/gxj/\u0001 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'latin1'));
    expect(control.status).toBe(400);
    expect(control.body).toContain('网址');
    const huge = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
  });

  it('never redirects off the site, whatever target a link or form carries', async () => {
    const agent = new FetchAgent(base);
    const seen: { endpoint: string; target: string; status: number; location: string | null }[] = [];
    for (const target of HOSTILE_TARGETS) {
      const res = await agent.request(`/elder?on=1&back=${encodeURIComponent(target)}`);
      seen.push({ endpoint: 'elder', target, status: res.status, location: res.headers.get('location') });
    }
    await agent.login('edi', TEST_PASSWORD);
    for (const target of HOSTILE_TARGETS) {
      const get = await agent.request(`/admin/login?next=${encodeURIComponent(target)}`);
      seen.push({ endpoint: 'login GET', target, status: get.status, location: get.headers.get('location') });
    }
    const fresh = new FetchAgent(base);
    for (const target of HOSTILE_TARGETS.slice(0, 8)) {
      await fresh.page('/admin/login');
      const post = await fresh.post('/admin/login', { username: 'edi', password: TEST_PASSWORD, next: target });
      seen.push({ endpoint: 'login POST', target, status: post.status, location: post.location });
      await fresh.page('/admin');
      await fresh.post('/admin/logout', {});
    }
    const offSite = seen.filter((s) => s.status >= 500 || !sameSite(s.location));
    expect(offSite).toEqual([]);
    // And the rule still lets same-site targets through.
    const ok = await agent.request(`/admin/login?next=${encodeURIComponent('/gk/gxj/search?q=工业#top')}`);
    expect(ok.headers.get('location')).toBe('/gk/gxj/search?q=%E5%B7%A5%E4%B8%9A#top');
  });

  it('believes no forwarded address or host from a peer that is not a configured proxy', async () => {
    const agent = new FetchAgent(base);
    await agent.page('/admin/login');
    await agent.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': EVIL, 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ username: 'edi', password: TEST_PASSWORD, _csrf: agent.csrf }).toString(),
    });
    const entry = await tdb.db.selectFrom('auditLog').select('afterJson').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.afterJson ?? '{}').ip).toBe('127.0.0.1');
    // Feeds and canonical links are built from the site's own address, never from a forwarded host.
    const feed = await fetch(`${base}/gk/gxj/feed.xml`, { headers: { 'x-forwarded-host': EVIL } });
    expect(await feed.text()).not.toContain(EVIL);
  });

  it('refuses oversized, over-counted, malformed and bomb uploads on the public form, in Chinese, storing nothing', async () => {
    const before = await count('applications');
    const agent = new FetchAgent(base);
    const apply = async (body: Buffer, contentType: string, headers: Record<string, string> = {}) => {
      const res = await agent.request('/gk/gxj/apply', { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
      return { status: res.status, body: await res.text(), headers: res.headers };
    };
    const form = async (files: { fileName: string; data: Buffer }[]) => {
      await agent.page('/gk/gxj/apply');
      const { body, contentType } = multipartBody(
        { ...onlineApplicationForm(), _csrf: agent.csrf },
        files.map((f) => ({ field: 'attachments', ...f })),
      );
      return apply(body, contentType);
    };
    const cases: { name: string; run: () => Promise<{ status: number; body: string }>; status: number[] }[] = [
      { name: 'zip bomb', run: () => form([{ fileName: '申请材料.docx', data: docxZipBomb() }]), status: [400] },
      { name: 'lying zip bomb', run: () => form([{ fileName: '申请材料.docx', data: docxZipBomb({ lying: true }) }]), status: [400] },
      { name: 'many entries', run: () => form([{ fileName: '材料.ofd', data: manyEntriesZip(60_000, 'ofd') }]), status: [400] },
      { name: 'HTML named .pdf', run: () => form([{ fileName: '身份证.pdf', data: Buffer.from('<script>alert(1)</script>') }]), status: [400] },
      {
        name: 'seven files',
        run: () => form(Array.from({ length: 7 }, (_, i) => ({ fileName: `件${i}.pdf`, data: minimalPdf(`${i}`) }))),
        status: [400, 413],
      },
      {
        name: 'declared too large',
        run: async () => {
          await agent.page('/gk/gxj/apply');
          const { contentType } = multipartBody({ _csrf: agent.csrf }, []);
          return rawRequest(
            port,
            `POST /gk/gxj/apply HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`,
          );
        },
        status: [413],
      },
      {
        name: 'truncated multipart',
        run: async () => {
          await agent.page('/gk/gxj/apply');
          const { body, contentType } = multipartBody({ ...onlineApplicationForm(), _csrf: agent.csrf }, [
            { field: 'attachments', fileName: 'a.pdf', data: minimalPdf('x') },
          ]);
          return apply(body.subarray(0, body.length - 40), contentType);
        },
        status: [400],
      },
      {
        name: 'overlong boundary',
        run: () => apply(Buffer.from(`--${'b'.repeat(300)}\r\n\r\n`), `multipart/form-data; boundary=${'b'.repeat(300)}`),
        status: [400, 403],
      },
      { name: 'empty boundary', run: () => apply(Buffer.from('--\r\n\r\n'), 'multipart/form-data; boundary='), status: [400, 403, 406] },
      { name: 'no boundary', run: () => apply(Buffer.from('--x\r\n\r\n'), 'multipart/form-data'), status: [400, 403, 406, 415] },
    ];
    for (const c of cases) {
      const res = await c.run();
      expect({ name: c.name, ok: c.status.includes(res.status) }, `${res.status} ${res.body.slice(0, 300)}`).toEqual({ name: c.name, ok: true });
      if (res.body.startsWith('<!doctype') || res.body.startsWith('<!DOCTYPE')) expect(res.body, c.name).toContain('lang="zh-CN"');
    }
    expect(await count('applications')).toBe(before);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 120_000);

  it('keeps a PDF flate bomb attached without its text, says so, and goes on serving', async () => {
    const editor = new FetchAgent(base);
    await editor.login('edi', TEST_PASSWORD);
    await editor.page('/admin/gxj/documents/new');
    const res = await editor.postMultipart(
      '/admin/gxj/documents/new',
      { title: '关于开展2022年度工作的通知', category: 'news', issuedOn: '2022-06-10', body: '<p>正文</p>' },
      [{ field: 'attachment', fileName: '炸弹.pdf', data: pdfFlateBomb() }],
    );
    expect(res.status, res.body.slice(0, 300)).toBe(303);
    const att = await tdb.db
      .selectFrom('attachments')
      .select(['fileName', 'textStatus', 'extractedText'])
      .where('fileName', '=', '炸弹.pdf')
      .executeTakeFirstOrThrow();
    expect(['too_big', 'timeout']).toContain(att.textStatus);
    expect(att.extractedText.length).toBeLessThanOrEqual(200_000);
    const page = await editor.page(res.location ?? '');
    expect(page.body).toContain('个人信息检查未覆盖此附件');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 120_000);

  it('refuses hostile JSON lines by line, exit 2, writing nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-security-'));
    const good = JSON.stringify(applicationRecord('gxj', 'S-1', '2022-03-01'));
    const hostile: [string, Buffer | string, string][] = [
      [
        'invalid UTF-8',
        Buffer.concat([Buffer.from(`${good}\n\n{"kind":"application","subject":"`), Buffer.from([0xff, 0xfe]), Buffer.from('bad"}\n')]),
        '第 3 行',
      ],
      ['prototype key', `${good}\n{"kind":"application","__proto__":{"isSuperadmin":1}}\n`, '第 2 行'],
      ['deep nesting', `${good}\n${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, '第 2 行'],
      ['NUL', `${good}\n{"kind":"application","subject":"a\\u0000b"}\n`, '第 2 行'],
      ['impossible date', `${good}\n${JSON.stringify(applicationRecord('gxj', 'S-2', '2022-02-30'))}\n`, '第 2 行'],
      ['terminal escape', `${good}\n{"kind":"\u001b[2J\u001b]0;pwned\u0007"}\n`, '第 2 行'],
    ];
    let errors = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      errors += String(c);
      return true;
    });
    try {
      for (const [name, content, line] of hostile) {
        const file = path.join(dir, `${name.replace(/\W/g, '_')}.jsonl`);
        fs.writeFileSync(file, content);
        errors = '';
        const code = await main(['node', 'gongkai', 'import', file], () => {}, { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent' });
        expect({ name, code, line: errors.includes(line) }, errors.slice(0, 400)).toEqual({ name, code: 2, line: true });
        // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw escape reaches the operator's terminal.
        expect(errors, name).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      }
    } finally {
      spy.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await count('applications')).toBe(0);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 60_000);
});
