import { describe, expect, it } from 'vitest';
import { safeNext } from './http.ts';

describe('safeNext: the one same-site redirect rule', () => {
  it('keeps same-site paths with their query and fragment', () => {
    expect(safeNext('/admin/lcgxj')).toBe('/admin/lcgxj');
    expect(safeNext('/gk/lcgxj/search?q=a&page=2#results')).toBe('/gk/lcgxj/search?q=a&page=2#results');
    // Non-ASCII is percent-encoded, so the Location header is always valid.
    expect(safeNext('/gk/lcgxj/search?q=工业')).toBe('/gk/lcgxj/search?q=%E5%B7%A5%E4%B8%9A');
  });

  it('refuses every target a browser could resolve off-site', () => {
    const hostile = [
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\r/evil.example',
      '/\n/evil.example',
      '\t//evil.example',
      ' //evil.example',
      '/a/..//evil.example',
      '/.//evil.example',
      'https://evil.example/admin',
      'http:evil.example',
      'javascript:alert(1)',
      'data:text/html,x',
      'evil.example',
      '/admin\r\nX: 1',
      '/admin\u0000',
      '/admin\u007f',
      '',
    ];
    for (const next of hostile) expect(safeNext(next), JSON.stringify(next)).toBe('/admin');
  });

  it('falls back for anything that is not a string', () => {
    expect(safeNext(undefined, '/')).toBe('/');
    expect(safeNext(['/admin/x'], '/')).toBe('/');
    expect(safeNext(42)).toBe('/admin');
  });
});
