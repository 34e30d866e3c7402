import { forEachRun, GRAM, wideGrams, wordToken } from './grams.ts';

/**
 * PostgreSQL's two vectors of a document in the binary format of a tsvector (tsvectorrecv), written straight from the
 * text: the grams of grams.ts (gramTokens is their definition, and a test holds this file to it byte for byte), each
 * lexeme once with its positions, then the filter lexemes without positions. An import spent most of its own time
 * here when every gram was a string in a Map of arrays (issue 17), so a gram is an offset and a length in the text, and
 * lexemes are told apart in an open-addressing table of token indexes. One call at a time (synchronous), reusing
 * every buffer.
 */

// PostgreSQL keeps positions up to 16383; later tokens share the last position (phrases beyond it may miss).
const MAX_PG_POS = 16383;
// A position without a token: no phrase spans two fields, as none spans two FTS5 columns.
const GAP = -0x40000000;

let text = '';
const strs: string[] = [];
// Per token: an offset into `text` (>= 0), -(k + 1) for strs[k], or GAP; and its length in UTF-16 units.
let off = new Int32Array(1024);
let len = new Int32Array(1024);
let n = 0;
// Per token index: the next occurrence kept (-1 ends); at a lexeme's first occurrence, the last kept and how many.
let next = new Int32Array(1024);
let last = new Int32Array(1024);
let count = new Int32Array(1024);
let firsts = new Int32Array(1024);
let table = new Int32Array(2048);
// A slot is taken only when its stamp is the current call's: nothing is cleared between calls.
let stamps = new Int32Array(2048);
let stamp = 0;

function grow(min: number): void {
  const size = Math.max(min, off.length * 2);
  const o = new Int32Array(size);
  o.set(off);
  const l = new Int32Array(size);
  l.set(len);
  off = o;
  len = l;
  next = new Int32Array(size);
  last = new Int32Array(size);
  count = new Int32Array(size);
  firsts = new Int32Array(size);
}

function push(o: number, l: number): void {
  if (n === off.length) grow(n + 1);
  off[n] = o;
  len[n] = l;
  n++;
}

function pushString(s: string): void {
  strs.push(s);
  push(-strs.length, s.length);
}

const codeAt = (i: number, k: number): number => {
  const o = off[i] as number;
  return o >= 0 ? text.charCodeAt(o + k) : (strs[-o - 1] as string).charCodeAt(k);
};

function same(a: number, b: number): boolean {
  const l = len[a] as number;
  if (len[b] !== l) return false;
  for (let k = 0; k < l; k++) if (codeAt(a, k) !== codeAt(b, k)) return false;
  return true;
}

function hash(i: number): number {
  let h = 0x811c9dc5;
  const l = len[i] as number;
  for (let k = 0; k < l; k++) h = Math.imul(h ^ codeAt(i, k), 0x01000193);
  return h ^ (h >>> 15);
}

function onRun(start: number, end: number, han: boolean, wide: boolean): void {
  if (!han) pushString(wordToken(text.slice(start, end)));
  else if (!wide) for (let j = start; j < end; j++) push(j, Math.min(GRAM, end - j));
  else for (const g of wideGrams(text.slice(start, end))) pushString(g);
}

/** The tokens of text[from, to), as gramTokens gives them for that text alone. */
const grams = (from: number, to: number) => forEachRun(text, from, to, onRun);

// Output: vectors are written into a growing scratch buffer and copied out, one Buffer each.
let out = new Uint8Array(1 << 16);
let at = 0;
function room(bytes: number): void {
  if (at + bytes <= out.length) return;
  const grown = new Uint8Array(Math.max(out.length * 2, at + bytes));
  grown.set(out.subarray(0, at));
  out = grown;
}
const putU16 = (v: number) => {
  room(2);
  out[at++] = v >> 8;
  out[at++] = v & 255;
};
function putLexeme(i: number): void {
  const l = len[i] as number;
  room(l * 3 + 1);
  const b = out;
  let p = at;
  for (let k = 0; k < l; k++) {
    let c = codeAt(i, k);
    if (c < 0x80) b[p++] = c;
    else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00 && k + 1 < l) {
      c = 0x10000 + ((c - 0xd800) << 10) + (codeAt(i, ++k) - 0xdc00);
      b[p++] = 0xf0 | (c >> 18);
      b[p++] = 0x80 | ((c >> 12) & 63);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    } else {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    }
  }
  b[p++] = 0;
  at = p;
}

const position = (i: number) => Math.min(i + 1, MAX_PG_POS);

// Lexemes are sent in PostgreSQL's order (the bytes of their UTF-8, a prefix first), so that tsvectorrecv does not sort
// them: that sort was about a third of the server's time for the search rows of an import. UTF-8 byte order is code
// point order; in UTF-16 units it is their order with the surrogates moved above the rest of the BMP.
const unit = (c: number) => (c >= 0xd800 && c < 0xe000 ? c + 0x10000 : c);
function compareLexemes(a: number, b: number): number {
  const la = len[a] as number;
  const lb = len[b] as number;
  for (let k = 0; k < la && k < lb; k++) {
    const d = unit(codeAt(a, k)) - unit(codeAt(b, k));
    if (d !== 0) return d;
  }
  return la - lb;
}
// An entry's index sits below its first unit in a 32-bit key: one native sort of integers orders by first character.
const INDEX_BITS = 15;
let keys = new Uint32Array(1024);
let original = new Int32Array(1024);

/**
 * Sorts firsts[0, entries) by lexeme: by first unit with one native sort of integer keys, then within each run sharing
 * it (a few grams). Very large vectors are sorted with the comparison alone.
 */
function sortLexemes(entries: number): void {
  if (entries >= 1 << INDEX_BITS) {
    const list = Array.from(firsts.subarray(0, entries)).sort(compareLexemes);
    firsts.set(list);
    return;
  }
  if (keys.length < entries) {
    keys = new Uint32Array(entries * 2);
    original = new Int32Array(entries * 2);
  }
  for (let k = 0; k < entries; k++) {
    const i = firsts[k] as number;
    original[k] = i;
    keys[k] = ((unit(codeAt(i, 0)) << INDEX_BITS) | k) >>> 0;
  }
  const sorted = keys.subarray(0, entries).sort();
  const low = (1 << INDEX_BITS) - 1;
  for (let k = 0; k < entries; k++) firsts[k] = original[(sorted[k] as number) & low] as number;
  // Runs sharing the first unit: an insertion sort (they are a few grams each).
  for (let k = 1; k < entries; k++) {
    if ((sorted[k] as number) >>> INDEX_BITS !== (sorted[k - 1] as number) >>> INDEX_BITS) continue;
    const v = firsts[k] as number;
    let j = k - 1;
    while (j >= 0 && (sorted[j] as number) >>> INDEX_BITS === (sorted[k] as number) >>> INDEX_BITS && compareLexemes(firsts[j] as number, v) > 0) {
      firsts[j + 1] = firsts[j] as number;
      j--;
    }
    firsts[j + 1] = v;
  }
}

/** Where token i's lexeme is in the table: its first token index, or -1 with `slot` left at the free slot. */
let slot = 0;
function find(i: number, mask: number): number {
  slot = hash(i) & mask;
  for (;;) {
    if (stamps[slot] !== stamp) return -1;
    const t = table[slot] as number;
    if (same(t, i)) return t;
    slot = (slot + 1) & mask;
  }
}

function take(i: number): void {
  table[slot] = i;
  stamps[slot] = stamp;
}

/**
 * The vector of tokens [0, upTo) and the bare lexemes (appended after upTo for the call, then dropped): each lexeme
 * once, with up to 256 positions (none for a bare one), in the order tsvectorrecv keeps them.
 */
function vector(upTo: number, bare: readonly string[]): Buffer {
  const saved = strs.length;
  n = upTo;
  for (const s of bare) pushString(s);
  const total = n;
  let size = 256;
  while (size < total * 2) size *= 2;
  if (size > table.length) {
    table = new Int32Array(size);
    stamps = new Int32Array(size);
  }
  if (++stamp === 0x7fffffff) {
    stamps.fill(0);
    stamp = 1;
  }
  const mask = size - 1;
  let lexemes = 0;
  for (let i = 0; i < upTo; i++) {
    if (off[i] === GAP) continue;
    const f = find(i, mask);
    if (f < 0) {
      take(i);
      firsts[lexemes++] = i;
      next[i] = -1;
      last[i] = i;
      count[i] = 1;
    } else if ((count[f] as number) < 256 && position(last[f] as number) !== position(i)) {
      next[last[f] as number] = i;
      next[i] = -1;
      last[f] = i;
      count[f] = (count[f] as number) + 1;
    }
  }
  // The bare lexemes not already there join the list (tsvectorrecv does not merge duplicates).
  let entries = lexemes;
  for (let i = upTo; i < total; i++) {
    if (find(i, mask) >= 0) continue;
    take(i);
    count[i] = 0;
    firsts[entries++] = i;
  }
  sortLexemes(entries);
  at = 4;
  room(4);
  for (let k = 0; k < entries; k++) {
    const i = firsts[k] as number;
    putLexeme(i);
    putU16(count[i] as number);
    if (i < upTo) for (let j = i; j !== -1; j = next[j] as number) putU16(position(j));
  }
  n = upTo;
  strs.length = saved;
  out[0] = entries >>> 24;
  out[1] = (entries >> 16) & 255;
  out[2] = (entries >> 8) & 255;
  out[3] = entries & 255;
  return Buffer.from(out.subarray(0, at));
}

/**
 * The document's two vectors: `titleTsv` of the title and 文号, `tsv` of those and the body and attachment text, both
 * with the filter and identifier lexemes `bare`.
 */
export function pgVectors(title: string, docNo: string, body: string, attachment: string, bare: readonly string[]): { tsv: Buffer; titleTsv: Buffer } {
  text = attachment ? `${title}${docNo}${body}\n${attachment}` : `${title}${docNo}${body}`;
  strs.length = 0;
  n = 0;
  grams(0, title.length);
  push(GAP, 0);
  grams(title.length, title.length + docNo.length);
  const titleTsv = vector(n, bare);
  push(GAP, 0);
  grams(title.length + docNo.length, text.length);
  const tsv = vector(n, bare);
  text = '';
  strs.length = 0;
  return { tsv, titleTsv };
}
