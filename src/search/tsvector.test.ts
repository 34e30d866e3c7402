import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gramTokens } from './grams.ts';
import { pgVectors } from './tsvector.ts';

type Entry = [lexeme: string, positions: number[]];

/** Reads a tsvector in the binary format tsvectorrecv reads: a count, then each lexeme, its position count, positions. */
function decode(b: Buffer): Entry[] {
  const n = b.readUInt32BE(0);
  const out: Entry[] = [];
  let p = 4;
  for (let k = 0; k < n; k++) {
    const end = b.indexOf(0, p);
    const lexeme = b.toString('utf8', p, end);
    p = end + 1;
    const count = b.readUInt16BE(p);
    p += 2;
    const positions: number[] = [];
    for (let j = 0; j < count; j++, p += 2) positions.push(b.readUInt16BE(p));
    out.push([lexeme, positions]);
  }
  expect(p).toBe(b.length);
  return out;
}

/** The model: the tokens of grams.ts with a gap between fields, each lexeme with its positions (at most 256). */
function model(fields: string[], bare: string[]): Entry[] {
  const tokens: (string | null)[] = [];
  fields.forEach((f, i) => {
    if (i > 0) tokens.push(null);
    gramTokens(f, tokens);
  });
  const lexemes = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    if (t === null) return;
    const pos = Math.min(i + 1, 16383);
    const list = lexemes.get(t) ?? [];
    if (list.length < 256 && list.at(-1) !== pos) list.push(pos);
    lexemes.set(t, list);
  });
  for (const b of bare) if (!lexemes.has(b)) lexemes.set(b, []);
  return byBytes([...lexemes]);
}

/** PostgreSQL's order of lexemes: by the bytes of their UTF-8, a prefix before the longer lexeme. */
const byBytes = (entries: Entry[]) => entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

describe('PostgreSQL vectors in the binary format', () => {
  it('writes each gram once with its positions, a gap between fields, then the filter lexemes', () => {
    const { titleTsv, tsv } = pgVectors('企业通知', '聊工信发〔2022〕12号', '中小企业，企业', '', ['#xa1', '2022']);
    expect(decode(titleTsv)).toEqual(
      byBytes([
        ['企业通知', [1]],
        ['业通知', [2]],
        ['通知', [3]],
        ['知', [4]],
        ['聊工信发', [6]],
        ['工信发', [7]],
        ['信发', [8]],
        ['发', [9]],
        ['2022', [10]],
        ['12', [11]],
        ['号', [12]],
        ['#xa1', []],
      ]),
    );
    const body = decode(tsv).filter(([, positions]) => positions.some((p) => p > 13));
    expect(body).toEqual(
      byBytes([
        ['中小企业', [14]],
        ['小企业', [15]],
        ['企业', [16, 18]],
        ['业', [17, 19]],
      ]),
    );
    // In PostgreSQL's order as sent, so that the server does not sort them: '#' 0x23, '1', '2', then 业 U+4E1A …
    expect(
      decode(tsv)
        .map(([l]) => l)
        .slice(0, 5),
    ).toEqual(['#xa1', '12', '2022', '业', '业通知']);
  });

  it('gives what the model gives for any text, surrogate pairs, lone surrogates and long repeats included (property)', () => {
    // 豈 (U+F900, Han) and Ａ (U+FF21) come after 中 and before 𠀀 (U+20000) in UTF-8, after 𠀀 in UTF-16.
    const unit = fc.constantFrom(...'中小企业企业，2a A 𠀀\né豈Ａ𠀁', '\uD800', '\uDC00');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 30 }),
        fc.string({ unit, maxLength: 10 }),
        fc.string({ unit, maxLength: 300 }),
        fc.string({ unit, maxLength: 30 }),
        fc.array(fc.constantFrom('#xa1', '#xy2024', '2022', 'a', '企业'), { maxLength: 4 }),
        (title, docNo, body, attachment, bare) => {
          const v = pgVectors(title, docNo, body, attachment, bare);
          expect(decode(v.titleTsv)).toEqual(model([title, docNo], bare));
          expect(decode(v.tsv)).toEqual(model([title, docNo, attachment ? `${body}\n${attachment}` : body], bare));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('orders vectors of many lexemes as the model does: first characters from many blocks, prefixes, surrogates (property)', () => {
    // Han characters whose UTF-16 units differ in the low and the high byte (㐀 U+3400 … 豈 U+F900), words, surrogates.
    const unit = fc.constantFrom(...'一丁丈人企业中小乙通知鼎㐀豈𠀀𠀁𪜀aZ9é', 'Ａ', ' ', '\uD800', '\uDC00', '\uDBFF');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 40 }),
        fc.string({ unit, minLength: 100, maxLength: 1500 }),
        fc.array(fc.constantFrom('#xa1', '一丁', '𠀀', 'aZ9', 'é'), { maxLength: 4 }),
        (title, body, bare) => {
          const v = pgVectors(title, '', body, '', bare);
          expect(decode(v.titleTsv)).toEqual(model([title, ''], bare));
          expect(decode(v.tsv)).toEqual(model([title, '', body], bare));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('orders a vector of more than 32767 lexemes (sorted by comparison alone) as the model does', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 48271) % 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const chars = Array.from({ length: 40000 }, (_, k) => (k % 997 === 0 ? ' word𠀀𠀁 ' : String.fromCharCode(0x4e00 + Math.floor(random() * 0x5200))));
    const body = chars.join('');
    const v = pgVectors('企业通知', '', body, '', ['#xa1']);
    const entries = decode(v.tsv);
    expect(entries.length).toBeGreaterThan(32767);
    expect(entries).toEqual(model(['企业通知', '', body], ['#xa1']));
    expect(decode(v.titleTsv)).toEqual(model(['企业通知', ''], ['#xa1']));
  });

  it('keeps 256 positions of a lexeme and the last position for tokens beyond it', () => {
    const body = '企业'.repeat(9000);
    const entries = decode(pgVectors('', '', body, '', []).tsv);
    expect(entries).toEqual(model(['', '', body], []));
    expect(entries.find(([l]) => l === '企业企业')?.[1]).toHaveLength(256);
    // The same in the title, whose vector is taken from the whole one.
    const long = pgVectors(body, '聊工信发', '企业企业通知', '', ['#xa1']);
    expect(decode(long.titleTsv)).toEqual(model([body, '聊工信发'], ['#xa1']));
    expect(decode(long.tsv)).toEqual(model([body, '聊工信发', '企业企业通知'], ['#xa1']));
    // A large document first, then a small one: the reused buffers hold nothing of the first.
    expect(decode(pgVectors('通知', '', '企业', '', []).tsv)).toEqual(model(['通知', '', '企业'], []));
  });
});
