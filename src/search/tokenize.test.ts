import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTokens, parseQuery, phraseOf } from './tokenize.ts';

/** True when the phrase occurs in the token list the way an FTS phrase query would find it. */
function matches(text: string, query: string): boolean {
  const doc = indexTokens(text);
  const p = phraseOf(query);
  if (!p) return false;
  for (let i = 0; i + p.tokens.length <= doc.length; i++) {
    const ok = p.tokens.every((t, j) => (p.prefix && j === p.tokens.length - 1 ? doc[i + j]?.startsWith(t) : doc[i + j] === t));
    if (ok) return true;
  }
  return false;
}

describe('search tokens', () => {
  it('indexes Han runs as bigrams plus the last character, and Latin/digit runs whole', () => {
    expect(indexTokens('聊工信发〔2022〕12号 PDF')).toEqual(['聊工', '工信', '信发', '发', '2022', '12', '号', 'pdf']);
  });

  it('matches one- and two-character queries and document numbers', () => {
    const text = '关于开展2022年度省级“专精特新”中小企业认定工作的通知（聊工信发〔2022〕12号）';
    for (const q of ['企', '企业', '专精特新', '中小企业', '聊工信发〔2022〕12号', '信发〔2022〕', '2022年度', '通知']) {
      expect(matches(text, q), q).toBe(true);
    }
    for (const q of ['企划', '聊工信发〔2022〕13号', '2021年度', '工作通知']) expect(matches(text, q), q).toBe(false);
  });

  it('finds every substring of a Han text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'中小企业认定工作通知关于开展'), minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), (s, a, b) => {
        const chars = [...s];
        const i = a % chars.length;
        const j = i + 1 + (b % (chars.length - i));
        expect(matches(s, chars.slice(i, j).join(''))).toBe(true);
      }),
    );
  });

  it('cuts long Han queries into words with jieba and keeps mixed queries whole', () => {
    expect(parseQuery('中小企业认定通知').map((p) => p.text)).toEqual(['中小企业', '认定', '通知']);
    expect(parseQuery('聊工信发〔2022〕12号').map((p) => p.text)).toEqual(['聊工信发〔2022〕12号']);
    expect(parseQuery('  预算   2022 ').map((p) => p.text)).toEqual(['预算', '2022']);
    expect(parseQuery('〔〕')).toEqual([]);
  });
});
