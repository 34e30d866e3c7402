import { describe, expect, it } from 'vitest';
import { classifyLink, extractLinks, type LinkRecords, listsAttachments, matchRoute, routeProblem } from './links.ts';

describe('extractLinks', () => {
  it('finds every href and src, whatever the quoting, with entities decoded', () => {
    const html =
      '<p>见<a href="/gk/a/d/1" title="x">文件</a>、<a title=\'y\' href=\'../d/2?x=1&amp;y=2\'>二</a>、<a href=https://www.gov.cn/>国务院</a>' +
      '<img alt="" src="/gk/a/d/1/files/3"><A HREF="mailto:gk@example.cn">信箱</A><a name="top">锚</a></p>';
    expect(extractLinks(html)).toEqual([
      { tag: 'a', url: '/gk/a/d/1' },
      { tag: 'a', url: '../d/2?x=1&y=2' },
      { tag: 'a', url: 'https://www.gov.cn/' },
      { tag: 'img', url: '/gk/a/d/1/files/3' },
      { tag: 'a', url: 'mailto:gk@example.cn' },
    ]);
  });
  it('does not mistake other attributes or tags for links', () => {
    expect(extractLinks('<abbr href="/x">x</abbr><area href="/y"><a data-href="/z">z</a><p>href="/w"</p>')).toEqual([]);
  });
});

describe('matchRoute', () => {
  it('knows the public pages of the platform and of an agency', () => {
    for (const p of ['/', '/search', '/track', '/workdays', '/assets/site.css', '/api/v1/openapi.json', '/sitemap.xml'])
      expect(matchRoute(p)).toEqual({ kind: 'page' });
    for (const p of [
      '/gk/a',
      '/gk/a/',
      '/gk/a/guide',
      '/gk/a/list',
      '/gk/a/c/normative',
      '/gk/a/c/news/feed.xml',
      '/gk/a/apply',
      '/gk/a/reports',
      '/sitemaps/a1-1.xml',
    ])
      expect(matchRoute(p.replace('a1', 'ab'))).toMatchObject({ kind: 'agency' });
    expect(matchRoute('/gk/lcgxj/d/12')).toEqual({ kind: 'document', code: 'lcgxj', id: 12 });
    expect(matchRoute('/gk/lcgxj/d/12/files/7')).toEqual({ kind: 'attachment', code: 'lcgxj', id: 12, attachmentId: 7 });
    expect(matchRoute('/gk/lcgxj/cleanup/3')).toEqual({ kind: 'cleanup', code: 'lcgxj', id: 3 });
    expect(matchRoute('/gk/lcgxj/reports/2022/download/docx')).toEqual({ kind: 'report', code: 'lcgxj', year: 2022 });
    expect(matchRoute('/api/v1/documents/5')).toEqual({ kind: 'api-document', id: 5 });
    expect(matchRoute('/admin/lcgxj/documents/5')).toEqual({ kind: 'admin' });
  });
  it('answers null where the platform answers 404', () => {
    for (const p of [
      '/gk',
      '/gk/a/guide/',
      '/gk/a/c/nonsense',
      '/gk/a/d/0',
      '/gk/a/d/x',
      '/gk/a/d/1/files',
      '/gk/a/reports/22',
      '/gk/a/reports/2022/download/pdf',
      '/nothing',
    ])
      expect(matchRoute(p)).toBeNull();
  });
});

describe('classifyLink', () => {
  const self = '/gk/a/d/10';
  it('resolves relative links against the document page', () => {
    expect(classifyLink('../d/2', self)).toMatchObject({ kind: 'internal', path: '/gk/a/d/2', route: { kind: 'document', id: 2 } });
    expect(classifyLink('11', self)).toMatchObject({ kind: 'internal', path: '/gk/a/d/11' });
    expect(classifyLink('/gk/a/c/news?page=2#top', self)).toMatchObject({ kind: 'internal', path: '/gk/a/c/news', route: { kind: 'agency' } });
  });
  it('counts the configured public address (either scheme, any path prefix) as internal', () => {
    expect(classifyLink('http://gk.example.gov.cn/gk/a/d/2', self, 'https://gk.example.gov.cn')).toMatchObject({ kind: 'internal', path: '/gk/a/d/2' });
    expect(classifyLink('https://gk.example.gov.cn/gk/a/d/2', self)).toEqual({
      kind: 'external',
      url: 'https://gk.example.gov.cn/gk/a/d/2',
      host: 'gk.example.gov.cn',
    });
    expect(classifyLink('https://x.cn/gongkai/gk/a/guide', self, 'https://x.cn/gongkai')).toMatchObject({ kind: 'internal', path: '/gk/a/guide' });
    expect(classifyLink('https://x.cn/other', self, 'https://x.cn/gongkai')).toMatchObject({ kind: 'internal', route: null });
  });
  it('lists other sites and ignores fragments, mail and data links', () => {
    expect(classifyLink('https://www.gov.cn/zhengce/', self)).toEqual({ kind: 'external', url: 'https://www.gov.cn/zhengce/', host: 'www.gov.cn' });
    for (const u of ['', '#p2', 'mailto:a@b.cn', 'tel:0635', 'data:image/png;base64,AAAA']) expect(classifyLink(u, self)).toEqual({ kind: 'ignored' });
    expect(classifyLink('http://[bad', self)).toEqual({ kind: 'invalid', url: 'http://[bad' });
  });
});

describe('routeProblem', () => {
  const records: LinkRecords = {
    agencies: new Map([
      ['a', 1],
      ['b', 2],
    ]),
    documents: new Map([
      [1, { agencyId: 1, status: 'published' }],
      [2, { agencyId: 1, status: 'withdrawn' }],
      [3, { agencyId: 1, status: 'draft' }],
      [4, { agencyId: 2, status: 'published' }],
    ]),
    attachments: new Map([
      [7, { documentId: 1, size: 100 }],
      [8, { documentId: 1, size: 0 }],
      [9, { documentId: 4, size: 10 }],
    ]),
    cleanupRounds: new Set(['1:5']),
    reports: new Set(['1:2022']),
  };
  const problem = (path: string) => routeProblem(matchRoute(path), records);
  it('passes what exists and is public', () => {
    for (const p of ['/gk/a/', '/gk/a/d/1', '/gk/b/d/4', '/gk/a/d/1/files/7', '/gk/a/cleanup/5', '/gk/a/reports/2022', '/api/v1/documents/4', '/search'])
      expect(problem(p)).toBeNull();
  });
  it('names what is broken', () => {
    expect(problem('/gk/zz/')).toBe('not_found');
    expect(problem('/gk/a/d/2')).toBe('withdrawn');
    expect(problem('/gk/a/d/3')).toBe('not_found');
    expect(problem('/gk/a/d/4')).toBe('not_found'); // another agency's document under this agency's code
    expect(problem('/gk/a/d/99')).toBe('not_found');
    expect(problem('/gk/a/d/1/files/8')).toBe('attachment_empty');
    expect(problem('/gk/a/d/1/files/9')).toBe('attachment_missing');
    expect(problem('/gk/a/d/1/files/99')).toBe('attachment_missing');
    expect(problem('/gk/a/d/2/files/7')).toBe('withdrawn');
    expect(problem('/gk/a/cleanup/6')).toBe('not_found');
    expect(problem('/gk/a/reports/2021')).toBe('not_found');
    expect(problem('/admin/a/documents')).toBe('admin');
    expect(problem('/gk/a/nothing')).toBe('not_found');
  });
});

describe('listsAttachments', () => {
  it('sees the 附件说明 of GB/T 9704, not a mention of 附件 in a sentence', () => {
    expect(listsAttachments('正文。\n附件：1．申报表\n2．承诺书')).toBe(true);
    expect(listsAttachments('正文。\n\u3000\u3000附件:申报表')).toBe(true);
    expect(listsAttachments('附件1：申报表')).toBe(true);
    expect(listsAttachments('<p>正文。</p><p>\u3000\u3000<strong>附件：</strong>1．申报表</p>')).toBe(true);
    expect(listsAttachments('请按附件要求填写申报表。\n联系人：办公室')).toBe(false);
    expect(listsAttachments('<p>请按附件：申报表填写。</p>')).toBe(false);
  });
});
