import { classOf, MAX_ALNUM, type Phrase, runs } from './tokenize.ts';

/**
 * PostgreSQL's tokens (issue 17). Where FTS5 indexes at every Han character the bigram starting there (the unigram at
 * the end of a run), PostgreSQL indexes the gram of up to four characters starting there, shorter only where the run
 * ends: 中小企业 gives 中小企业 小企业 企业 业. The positions are the same as indexTokens' (one per Han character,
 * one per Latin/digit run), so a query phrase maps onto these grams exactly:
 * - a word of up to four characters is ONE lexeme (中小企业 exact; 企业 as the prefix 企业:*), which GIN answers
 *   from the index alone, without reading rows;
 * - a longer word is a phrase of exact four-character grams at their distances (<4>), rechecked on few candidates;
 * - "the run ends here" (a query word followed by a digit run) is a gram that is exactly the run's last characters.
 * One lexeme per character (the n-gram lexemes of before were four) keeps imports and the GIN build cheap.
 */

export const GRAM = 4;

/**
 * Calls `onRun` for each run of text[from, to) that is indexed: code points of one class, Han (`han`) or word
 * characters; `wide` when it holds a character beyond the BMP. Shared by gramTokens and the vector writer
 * (tsvector.ts), which must cut the same runs.
 */
export function forEachRun(text: string, from: number, to: number, onRun: (start: number, end: number, han: boolean, wide: boolean) => void): void {
  let i = from;
  while (i < to) {
    const start = i;
    let cls = 0;
    let wide = false;
    // Finds the run starting at i: code points of the same class (0 = neither Han nor a word character).
    while (i < to) {
      const c = text.charCodeAt(i);
      const low = c >= 0xd800 && c < 0xdc00 && i + 1 < to ? text.charCodeAt(i + 1) : 0;
      const w = low >= 0xdc00 && low < 0xe000 ? 2 : 1;
      const k = classAt(text, i, c, w);
      if (i === start) {
        cls = k;
        if (k === 0) {
          i += w;
          break;
        }
      } else if (k !== cls) break;
      if (w === 2) wide = true;
      i += w;
    }
    if (cls !== 0) onRun(start, i, cls === 1, wide);
  }
}

/** The one token of a run of word characters. */
export const wordToken = (run: string) => run.toLowerCase().slice(0, MAX_ALNUM);

/** The grams of a Han run holding characters beyond the BMP (counted in code points). */
export function wideGrams(run: string): string[] {
  const chars = [...run];
  return chars.map((_, j) => chars.slice(j, j + GRAM).join(''));
}

/** Pushes the grams of a text (see above) onto `out`, in position order. */
export function gramTokens(text: string, out: (string | null)[] = []): (string | null)[] {
  forEachRun(text, 0, text.length, (start, end, han, wide) => {
    if (!han) out.push(wordToken(text.slice(start, end)));
    else if (!wide) for (let j = start; j < end; j++) out.push(text.slice(j, Math.min(j + GRAM, end)));
    else out.push(...wideGrams(text.slice(start, end)));
  });
  return out;
}

function classAt(text: string, i: number, c: number, w: number): 0 | 1 | 2 {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : 0;
  if (c >= 0x4e00 && c <= 0x9fff) return 1;
  return classOf(text.slice(i, i + w));
}

/** One lexeme of a query: its position within the phrase, and whether it matches as a prefix. */
export type Piece = { at: number; lexeme: string; prefix: boolean };

/**
 * The grams a phrase must find at given distances, exactly the documents whose FTS tokens hold the phrase (tested as
 * a property against the bigram model). Mirrors phraseOf: a Han run of the query that is not its last word must end
 * where the document's run ends.
 */
export function gramPieces(p: Phrase): Piece[] {
  const { runs: rs, endsWithRun } = runs(p.text);
  const out: Piece[] = [];
  let at = 0;
  rs.forEach((r, i) => {
    if (!r.han) {
      out.push({ at: at++, lexeme: r.text.toLowerCase().slice(0, MAX_ALNUM), prefix: false });
      return;
    }
    const chars = [...r.text];
    const k = chars.length;
    const mustEnd = !(i === rs.length - 1 && endsWithRun);
    if (k < GRAM) out.push({ at, lexeme: r.text, prefix: !mustEnd });
    else {
      // Exact four-character grams covering the word (the last one may overlap), then the run's end if required: the
      // gram that is exactly the last three characters exists only where the run ends.
      for (let o = 0; o < k; o += GRAM) {
        const from = Math.min(o, k - GRAM);
        out.push({ at: at + from, lexeme: chars.slice(from, from + GRAM).join(''), prefix: false });
      }
      if (mustEnd) out.push({ at: at + k - 3, lexeme: chars.slice(k - 3).join(''), prefix: false });
    }
    at += k;
  });
  return out;
}
