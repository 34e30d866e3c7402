/**
 * The only URL the platform fetches is the channel probe's `--probe-url`: http(s) only, only the platform's own
 * address (GONGKAI_PUBLIC_URL, or the HOST:PORT it listens on) unless the operator lists the host in
 * GONGKAI_FETCH_ALLOWED_HOSTS, and no redirect is followed to another host. Real HTTP servers on loopback record what
 * reaches them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

type Recorder = { url: string; port: number; hits: string[]; close(): Promise<void> };

/** A loopback HTTP server that records each request and answers with `answer`. */
async function recorder(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_q, r) => r.end('ok')): Promise<Recorder> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(DIALECTS)('what `gongkai check --probe-url` may fetch, on %s', (dialect) => {
  let tdb: TestDatabase;
  let target: Recorder;
  let elsewhere: Recorder;
  let lines: string[];
  let errors: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await buildAgency(tdb.db, { code: 'outb', name: '外联局' });
    target = await recorder();
    elsewhere = await recorder();
  });
  afterAll(async () => {
    await target?.close();
    await elsewhere?.close();
    await tdb?.cleanup();
  });

  const run = async (env: Record<string, string>, url: string) => {
    lines = [];
    errors = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors += String(chunk);
      return true;
    });
    try {
      return await main(['node', 'gongkai', 'check', 'outb', '--probe-url', url], (l) => lines.push(l), { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent', ...env });
    } finally {
      spy.mockRestore();
    }
  };
  const probes = async () => (await tdb.db.selectFrom('channelProbes').select('target').execute()).map((r) => r.target);

  it('refuses, before any request, a URL that is not the platform’s own address', async () => {
    const env = { GONGKAI_PUBLIC_URL: 'https://gk.example.gov.cn', HOST: '127.0.0.1', PORT: '3000' };
    const said: string[] = [];
    for (const url of [
      target.url, // a loopback server on another port than the platform's
      'http://169.254.169.254/latest/meta-data/',
      'http://example.com/',
      'https://gk.example.gov.cn.evil.example/',
      `http://gk.example.gov.cn@127.0.0.1:${target.port}/`,
      'ftp://gk.example.gov.cn/',
    ]) {
      expect(await run(env, url), url).toBe(2);
      expect(errors, url).toMatch(/不是本平台的地址|地址无效|只能访问 http|用户名或密码/);
      said.push(errors);
    }
    expect(said[0]).toContain('GONGKAI_FETCH_ALLOWED_HOSTS');
    expect(target.hits).toEqual([]);
    expect(await probes()).toEqual([]);
  });

  it('probes the platform’s public address, or a host the operator allows', async () => {
    expect(await run({ GONGKAI_PUBLIC_URL: target.url }, `${target.url}/`)).toBe(0);
    expect(target.hits[0]).toBe('GET /gk/outb/apply');
    target.hits.length = 0;
    expect(await run({ GONGKAI_FETCH_ALLOWED_HOSTS: `intranet.example, 127.0.0.1:${target.port}` }, target.url)).toBe(0);
    expect(target.hits[0]).toBe('GET /gk/outb/apply');
    // The fake server is no platform: the probe ran and failed at the form.
    expect(lines[0]).toMatch(/^在线申请渠道检测：未通过/);
    expect(await probes()).toEqual([target.url, target.url]);
  });

  it('follows no redirect to another host', async () => {
    const redirecting = await recorder((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/gk/outb/apply` });
      res.end();
    });
    try {
      expect(await run({ GONGKAI_PUBLIC_URL: redirecting.url }, redirecting.url)).toBe(0);
      expect(redirecting.hits).toEqual(['GET /gk/outb/apply']);
      expect(elsewhere.hits).toEqual([]);
      expect(lines[0]).toMatch(/^在线申请渠道检测：未通过，打开申请页面 — .*302/);
    } finally {
      await redirecting.close();
    }
  });
});
