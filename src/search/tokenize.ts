import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese full-text tokens. Documents are indexed as overlapping character bigrams of each Han run (plus the run's
 * last character), and every Latin/digit run as one lower-cased token. A query is segmented with jieba into words;
 * each word is matched as an exact phrase of the same bigrams. Why bigrams rather than jieba tokens in the index:
 * jieba cuts the same word differently in different contexts (专精特新 → 专精/特/新), so an index of its tokens
 * misses documents that a person sees contain the word; a bigram phrase never does, and it makes one- and
 * two-character queries and 文号 like 聊工信发〔2022〕12号 work without special cases.
 */

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
export const MAX_ALNUM = 40;

type Run = { han: boolean; text: string };

// Fast character classes for the common cases; the Unicode regexes decide the rest.
export function classOf(ch: string): 0 | 1 | 2 {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : 0;
  if (c >= 0x4e00 && c <= 0x9fff) return 1;
  if (c >= 0x3000 && c <= 0x303f) return 0; // CJK punctuation: 、。〔〕「」…
  if (c >= 0xff00 && c <= 0xff0f) return 0; // fullwidth ！（），．／
  return HAN.test(ch) ? 1 : WORD.test(ch) ? 2 : 0;
}

export function runs(text: string): { runs: Run[]; endsWithRun: boolean } {
  const out: Run[] = [];
  let current: Run | null = null;
  let endsWithRun = false;
  for (const ch of text) {
    const cls = classOf(ch);
    if (cls !== 0) {
      const han = cls === 1;
      if (current && current.han === han) current.text += ch;
      else {
        current = { han, text: ch };
        out.push(current);
      }
      endsWithRun = true;
    } else {
      current = null;
      endsWithRun = false;
    }
  }
  return { runs: out, endsWithRun };
}

function hanTokens(run: string, withLast: boolean): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  if (withLast || chars.length === 1) out.push(chars[chars.length - 1] as string);
  return out;
}

/** The index tokens of a text, in order (positions matter for phrase matching). */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const r of runs(text).runs) {
    if (r.han) out.push(...hanTokens(r.text, true));
    else out.push(r.text.toLowerCase().slice(0, MAX_ALNUM));
  }
  return out;
}

/** One query term: a phrase of tokens; `prefix` when its last token is a single character matched as a prefix. */
export type Phrase = { text: string; tokens: string[]; prefix: boolean };

/** The phrase that matches `text` as an exact substring of an indexed text (case-insensitive for Latin letters). */
export function phraseOf(text: string): Phrase | null {
  const { runs: rs, endsWithRun } = runs(text);
  if (rs.length === 0) return null;
  const tokens: string[] = [];
  let prefix = false;
  rs.forEach((r, i) => {
    const isLast = i === rs.length - 1 && endsWithRun;
    if (!r.han) {
      tokens.push(r.text.toLowerCase().slice(0, MAX_ALNUM));
      return;
    }
    // At the end of the query the document's run may go on, so the run's final unigram is not required; a run of one
    // character there matches any token that starts with it.
    if (isLast && [...r.text].length === 1) {
      tokens.push(r.text);
      prefix = true;
    } else tokens.push(...hanTokens(r.text, !isLast));
  });
  return { text, tokens, prefix };
}

let jieba: Jieba | null = null;
const STOP = new Set(['的', '和', '与', '及', '在', '了', '是', '对', '或', '等']);

/**
 * Turns what a person typed into phrases that must all match: whitespace separates parts; a part with anything but
 * Han characters (文号, years) or of at most four characters is matched whole; a longer Han part is cut into words
 * with jieba, so 中小企业认定通知 finds documents holding 中小企业, 认定 and 通知 anywhere.
 */
export function parseQuery(q: string): Phrase[] {
  const phrases: Phrase[] = [];
  for (const part of q.trim().slice(0, 100).split(/\s+/)) {
    if (!part) continue;
    const chars = [...part];
    const allHan = chars.every((c) => HAN.test(c));
    if (!allHan || chars.length <= 4) {
      const p = phraseOf(part);
      if (p) phrases.push(p);
      continue;
    }
    jieba ??= Jieba.withDict(dict);
    for (const word of jieba.cut(part, false)) {
      if (STOP.has(word)) continue;
      const p = phraseOf(word);
      if (p && !phrases.some((x) => x.text === p.text)) phrases.push(p);
    }
  }
  return phrases.slice(0, 8);
}

/**
 * The words of a text as jieba cuts it (Han words and Latin/digit runs, lower-cased), without one-character words
 * and the stop words: what two texts share when they ask for the same thing (依申请公开转主动公开).
 */
export function contentWords(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  const out: string[] = [];
  for (const word of jieba.cut(text.slice(0, 2000), false)) {
    const w = word.trim().toLowerCase();
    if ([...w].length < 2 || STOP.has(w) || ![...w].every((c) => classOf(c) !== 0)) continue;
    out.push(w);
  }
  return out;
}
