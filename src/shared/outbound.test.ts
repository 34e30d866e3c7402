import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundUrl, OutboundRefused, outboundFetch, outboundPolicy } from './outbound.ts';

const config = (over: Partial<Parameters<typeof outboundPolicy>[0]> = {}) => ({
  publicUrl: undefined,
  host: '127.0.0.1',
  port: 3000,
  fetchAllowedHosts: [] as string[],
  ...over,
});

describe('the outbound policy', () => {
  it('allows the public origin, the listening address (loopback when listening everywhere) and listed hosts only', () => {
    const p = outboundPolicy(config({ publicUrl: 'https://gk.example.gov.cn', host: '0.0.0.0', fetchAllowedHosts: ['Intranet.example', '10.0.0.5:8080'] }));
    for (const ok of [
      'https://gk.example.gov.cn/gk/x',
      'http://127.0.0.1:3000/',
      'http://localhost:3000',
      'http://[::1]:3000',
      'http://intranet.example:81/',
      'http://10.0.0.5:8080/',
    ]) {
      expect(checkOutboundUrl(ok, p).href, ok).toBeTruthy();
    }
    for (const no of [
      'http://gk.example.gov.cn/', // another scheme is another origin
      'https://gk.example.gov.cn:8443/',
      'http://127.0.0.1:3001/',
      'http://10.0.0.5:8081/',
      'http://169.254.169.254/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@gk.example.gov.cn/',
      'not a url',
    ]) {
      expect(() => checkOutboundUrl(no, p), no).toThrow(OutboundRefused);
    }
  });

  it('has no own address when the port is chosen at start (PORT=0)', () => {
    expect([...outboundPolicy(config({ port: 0 })).origins]).toEqual([]);
  });
});

describe('outboundFetch', () => {
  let a: http.Server;
  let b: http.Server;
  let aUrl = '';
  let bUrl = '';
  const bHits: string[] = [];
  beforeAll(async () => {
    b = http.createServer((req, res) => {
      bHits.push(req.url ?? '');
      res.end('b');
    });
    a = http.createServer((req, res) => {
      if (req.url === '/same') res.writeHead(302, { location: '/final' }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (req.url === '/away') res.writeHead(301, { location: `${bUrl}/stolen` }).end();
      else res.end(`a ${req.method} ${req.url}`);
    });
    for (const s of [a, b]) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    aUrl = `http://127.0.0.1:${(a.address() as AddressInfo).port}`;
    bUrl = `http://127.0.0.1:${(b.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of [a, b]) await new Promise((resolve) => s.close(resolve));
  });

  const policy = () => outboundPolicy(config({ port: 0, fetchAllowedHosts: [new URL(aUrl).host, new URL(bUrl).host] }));

  it('returns a redirect as it is unless asked to follow; follows one on the same origin', async () => {
    const raw = await outboundFetch(`${aUrl}/same`, {}, policy());
    expect([raw.status, raw.headers.get('location')]).toEqual([302, '/final']);
    const followed = await outboundFetch(`${aUrl}/same`, {}, policy(), { redirects: 3 });
    expect(await followed.text()).toBe('a GET /final');
    const looping = await outboundFetch(`${aUrl}/loop`, {}, policy(), { redirects: 3 });
    expect(looping.status).toBe(302);
  });

  it('never follows a redirect to another origin, even an allowed one', async () => {
    await expect(outboundFetch(`${aUrl}/away`, {}, policy(), { redirects: 5 })).rejects.toThrow(OutboundRefused);
    expect(bHits).toEqual([]);
  });
});
