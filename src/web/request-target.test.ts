import { describe, expect, it } from 'vitest';
import { encodeRawTarget, isWellFormedTarget, parseRawHead, requestLineStart } from './request-target.ts';

describe('isWellFormedTarget', () => {
  it('accepts plain and properly encoded targets', () => {
    for (const url of ['/', '/gk/lcgxj/search?q=%E5%B7%A5%E4%B8%9A&page=2', '/gk/lcgxj/search?q=工业', '/a%2Fb?x=%25', '/search?q=a%0D%0Ab%09c']) {
      expect(isWellFormedTarget(url), url).toBe(true);
    }
  });

  it('refuses broken escapes, invalid UTF-8 and control characters', () => {
    for (const url of [
      '/search?q=%E4%B8',
      '/search?q=%zz',
      '/x%',
      '/x%4',
      '/search?q=%C0%AF',
      '/search?q=%ff',
      '/search?q=%00',
      '/search?q=%7F',
      '/a%0Ab',
      '/a%09b',
      '/a\u0001b',
      '/search?q=\u0000',
    ]) {
      expect(isWellFormedTarget(url), url).toBe(false);
    }
  });
});

describe('raw request heads', () => {
  it('percent-encodes the UTF-8 of a raw target and refuses anything else', () => {
    expect(encodeRawTarget(Buffer.from('/gk/lcgxj/search?q=工业'))).toBe('/gk/lcgxj/search?q=%E5%B7%A5%E4%B8%9A');
    expect(encodeRawTarget(Buffer.from([0x2f, 0xe4, 0xb8]))).toBeNull();
    expect(encodeRawTarget(Buffer.from('/a\u0001'))).toBeNull();
    expect(encodeRawTarget(Buffer.from('/a b'))).toBeNull();
    expect(encodeRawTarget(Buffer.from('http://evil.example/工'))).toBeNull();
  });

  it('finds the failed request in a packet and parses its head', () => {
    const packet = Buffer.from('GET /ok HTTP/1.1\r\nHost: x\r\n\r\nGET /s?q=工业 HTTP/1.1\r\nHost: x\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n');
    const start = requestLineStart(packet, packet.indexOf(Buffer.from('工')));
    const head = parseRawHead(packet.subarray(start));
    expect(head?.method).toBe('GET');
    expect(head?.target.toString()).toBe('/s?q=工业');
    expect(head?.headers).toEqual({ host: 'x', cookie: 'a=1; b=2' });
    expect(parseRawHead(Buffer.from('工业 HTTP/1.1\r\n\r\n'))).toBeNull();
    expect(parseRawHead(Buffer.from('GET /x HTTP/1.1\r\nBad Header\r\n\r\n'))).toBeNull();
  });
});
