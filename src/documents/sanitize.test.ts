import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyHtmlAndText, bodyToHtml, htmlToText, sanitizeBody, textToHtml } from './sanitize.ts';

describe('body sanitising', () => {
  it('strips scripts, event handlers, styles, frames and unsafe links, keeping the text structure', () => {
    const out = sanitizeBody(
      '<h2>标题</h2><p style="color:red" onclick="x()">正文<script>alert(1)</script><iframe src="https://evil"></iframe><a href="javascript:alert(1)">坏链接</a><a href="https://www.gov.cn/">好链接</a></p><style>p{}</style>',
    );
    expect(out).toBe('<h2>标题</h2><p>正文<a>坏链接</a><a href="https://www.gov.cn/">好链接</a></p>');
  });

  it('gives every image an alt attribute', () => {
    expect(sanitizeBody('<img src="https://example.gov.cn/a.png" onerror="x()">')).toBe('<img src="https://example.gov.cn/a.png" alt="" />');
  });

  it('turns HTML into plain text and typed text into paragraphs, escaping it', () => {
    expect(htmlToText('<p>第一段&amp;</p><p>第二段</p>')).toBe('第一段&\n第二段');
    expect(textToHtml('第一段\n\n<b>第二段</b>')).toBe('<p>第一段</p><p>&lt;b&gt;第二段&lt;/b&gt;</p>');
  });
});

describe('the plain-text fast path of bulk import', () => {
  const old = (body: string) => {
    const html = bodyToHtml(body);
    return { html, text: htmlToText(html) };
  };
  // Text a person types, with the characters that matter to HTML and whitespace made likely.
  const piece = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.constantFrom('&', '&amp;', '&lt;', '&nbsp;', '&#39;', '<', '>', '< b', '"', "'", '\n', '\n\n\n', ' ', '\t', '\u3000', '\r', '\0', '\u00a0', '企业'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );
  const body = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''));

  it('gives the same HTML and text as sanitizing, for any text', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(bodyHtmlAndText(b)).toEqual(old(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('sanitizes markup as before', () => {
    const b = '<p onclick="x()">正文<script>1</script></p><p>二</p>';
    expect(bodyHtmlAndText(b)).toEqual(old(b));
    expect(bodyHtmlAndText(b).html).toBe('<p>正文</p><p>二</p>');
  });
});
