import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gramPieces, gramTokens } from './grams.ts';
import { indexTokens, phraseOf } from './tokenize.ts';

/** The bigram phrase as FTS5 finds it (the reference: SQLite's index). */
function ftsMatches(text: string, query: string): boolean {
  const doc = indexTokens(text);
  const p = phraseOf(query);
  if (!p) return false;
  for (let i = 0; i + p.tokens.length <= doc.length; i++) {
    if (p.tokens.every((t, j) => (p.prefix && j === p.tokens.length - 1 ? doc[i + j]?.startsWith(t) : doc[i + j] === t))) return true;
  }
  return false;
}

/** The gram pieces as a tsquery phrase finds them in PostgreSQL's tsvector. */
function gramMatches(text: string, query: string): boolean {
  const doc = gramTokens(text);
  const p = phraseOf(query);
  if (!p) return false;
  const pieces = gramPieces(p);
  for (let i = 0; i < doc.length; i++) {
    if (pieces.every((x) => (x.prefix ? doc[i + x.at]?.startsWith(x.lexeme) : doc[i + x.at] === x.lexeme))) return true;
  }
  return false;
}

describe('PostgreSQL grams', () => {
  it('indexes at every Han character the gram of up to four characters starting there, at the bigrams’ positions', () => {
    expect(gramTokens('聊工信发〔2022〕12号 PDF')).toEqual(['聊工信发', '工信发', '信发', '发', '2022', '12', '号', 'pdf']);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'中小企业，2a 𠀀'), maxLength: 30 }), (text) => {
        const grams = gramTokens(text);
        const bigrams = indexTokens(text);
        expect(grams.length).toBe(bigrams.length);
        expect(grams.map((g) => (/^[a-z0-9]/.test(g as string) ? g : [...(g as string)].slice(0, 2).join('')))).toEqual(bigrams);
      }),
    );
  });

  it('turns a word of up to four Han characters into one lexeme', () => {
    expect(gramPieces(phraseOf('企业') as NonNullable<ReturnType<typeof phraseOf>>)).toEqual([{ at: 0, lexeme: '企业', prefix: true }]);
    expect(gramPieces(phraseOf('中小企业') as NonNullable<ReturnType<typeof phraseOf>>)).toEqual([{ at: 0, lexeme: '中小企业', prefix: false }]);
  });

  it('finds exactly what the bigram phrase finds (property)', () => {
    for (const [text, q] of [
      ['中小企业认定', '中小企业。'],
      ['中小企业认定', '中小企业认定'],
      ['中小企业认定', '企业2'],
      ['中小企业2', '企业2'],
      ['认定，中小企业', '定，中小企业'],
    ] as const) {
      expect(gramMatches(text, q), `${text} / ${q}`).toBe(ftsMatches(text, q));
    }
    const unit = fc.constantFrom(...'中小企业认定中小企业，工作 通知2a𠀀');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.string({ unit, minLength: 1, maxLength: 9 }), fc.nat(), (text, typed, at) => {
        // Half the queries are pieces of the text, so that matches are common.
        const chars = [...text];
        const q = at % 2 && chars.length ? chars.slice(at % chars.length, (at % chars.length) + 1 + (typed.length % 7)).join('') : typed;
        expect(gramMatches(text, q), `${text} / ${q}`).toBe(ftsMatches(text, q));
      }),
      { numRuns: 2000 },
    );
  });
});
