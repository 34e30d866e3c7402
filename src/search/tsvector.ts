import { forEachRun, GRAM, wideGrams, wordToken } from './grams.ts';

/**
 * PostgreSQL's two vectors of a document in the binary format of a tsvector (tsvectorrecv), written straight from the
 * text: the grams of grams.ts (gramTokens is their definition, and a test holds this file to it byte for byte), each
 * lexeme once with its positions, then the filter lexemes without positions. An import spent most of its own time
 * here when every gram was a string in a Map of arrays (issue 17), so a gram is an offset and a length in the text's
 * UTF-16 units, and lexemes are told apart in an open-addressing table of token indexes. The title's vector is taken
 * from the whole one, already sorted. One call at a time (synchronous), reusing every buffer.
 */

// PostgreSQL keeps positions up to 16383; later tokens share the last position (phrases beyond it may miss).
const MAX_PG_POS = 16383;
// A position without a token: no phrase spans two fields, as none spans two FTS5 columns.
const GAP = -0x40000000;

let text = '';
// The UTF-16 units of the text, then of the tokens that are not a slice of it (word tokens, wide grams, bare lexemes):
// every token is read from this one array, not through strings of several kinds (slower where one site sees them all).
let units = new Uint16Array(1 << 12);
let unitBytes = Buffer.from(units.buffer);
let used = 0;
// A long string (the text) is copied natively as UTF-16LE, lone surrogates included, where that is the array's order.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// Per token: an offset into `units` (>= 0) or GAP; and its length in UTF-16 units.
let off = new Int32Array(1024);
let len = new Int32Array(1024);
let n = 0;
// Per token index: the next occurrence kept (-1 ends); at a lexeme's first occurrence, the last kept and how many.
let next = new Int32Array(1024);
let last = new Int32Array(1024);
let count = new Int32Array(1024);
let firsts = new Int32Array(1024);
// The entries of the last vector (in firsts), and per token index whether its entry holds a bare lexeme (the stamp).
let entryCount = 0;
let bared = new Int32Array(1024);
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
  bared = new Int32Array(size);
}

function push(o: number, l: number): void {
  if (n === off.length) grow(n + 1);
  off[n] = o;
  len[n] = l;
  n++;
}

/** Appends the units of s to `units`, returning where they start. */
function append(s: string): number {
  const start = used;
  const end = start + s.length;
  if (end > units.length) {
    const grown = new Uint16Array(Math.max(units.length * 2, end));
    grown.set(units.subarray(0, start));
    units = grown;
    unitBytes = Buffer.from(units.buffer);
  }
  if (LITTLE_ENDIAN && s.length > 32) unitBytes.write(s, start * 2, 'utf16le');
  else {
    const u = units;
    for (let k = start; k < end; k++) u[k] = s.charCodeAt(k - start);
  }
  used = end;
  return start;
}

const pushString = (s: string) => push(append(s), s.length);

function same(a: number, b: number): boolean {
  const l = len[a] as number;
  if (len[b] !== l) return false;
  const oa = off[a] as number;
  const ob = off[b] as number;
  for (let k = 0; k < l; k++) if (units[oa + k] !== units[ob + k]) return false;
  return true;
}

function hash(i: number): number {
  let h = 0x811c9dc5;
  const o = off[i] as number;
  const end = o + (len[i] as number);
  for (let k = o; k < end; k++) h = Math.imul(h ^ (units[k] as number), 0x01000193);
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

const position = (i: number) => Math.min(i + 1, MAX_PG_POS);

/**
 * Writes entry i: its lexeme in UTF-8 and a zero byte, its count and its positions before `limit` (none when i >= limit:
 * a bare lexeme, which in the title's vector may also be a gram of the body).
 */
function putEntry(i: number, limit: number): void {
  const l = len[i] as number;
  room(l * 3 + 3 + (count[i] as number) * 2);
  const b = out;
  let p = at;
  const u = units;
  const from = off[i] as number;
  const end = from + l;
  for (let k = from; k < end; k++) {
    let c = u[k] as number;
    if (c < 0x80) b[p++] = c;
    else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00 && k + 1 < end) {
      c = 0x10000 + ((c - 0xd800) << 10) + ((u[++k] as number) - 0xdc00);
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
  const counted = p;
  p += 2;
  let positions = 0;
  // Positions increase along the list: those before `limit` are a prefix of it.
  for (let j = i < limit ? i : -1; j !== -1 && j < limit; j = next[j] as number) {
    const v = position(j);
    b[p++] = v >> 8;
    b[p++] = v & 255;
    positions++;
  }
  b[counted] = positions >> 8;
  b[counted + 1] = positions & 255;
  at = p;
}

// Lexemes are sent in PostgreSQL's order (the bytes of their UTF-8, a prefix first), so that tsvectorrecv does not sort
// them: that sort was about a third of the server's time for the search rows of an import. UTF-8 byte order is code
// point order; in UTF-16 units it is their order with the surrogates moved above the rest of the BMP.
const unit = (c: number) => (c >= 0xd800 && c < 0xe000 ? c + 0x10000 : c);
/** The order of lexemes a and b, whose first `from` units are equal. */
function compareLexemes(a: number, b: number, from: number): number {
  const la = len[a] as number;
  const lb = len[b] as number;
  const pa = off[a] as number;
  const pb = off[b] as number;
  for (let k = from; k < la && k < lb; k++) {
    const d = unit(units[pa + k] as number) - unit(units[pb + k] as number);
    if (d !== 0) return d;
  }
  return la - lb;
}
// An entry's first unit (its head) and its next three are numbers, 17 bits each: 0 where the lexeme is shorter (a
// prefix first), else unit + 1, at most 0x1e000; the three in one double (51 bits, exact), which orders the Han grams
// (up to four units) without reading them again. A radix sort by head, then an insertion sort of the runs sharing one:
// the native sort of a typed array costs several times more for a document's vector (mispredicted branches; a
// Float64Array's more again), and below RADIX_MIN entries clearing and summing the bins costs more than it does.
const UNIT = 1 << 17;
const RADIX_MIN = 48;
const INDEX_BITS = 15;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
let heads = new Int32Array(1024);
let rests = new Float64Array(1024);
let original = new Int32Array(1024);
let order = new Int32Array(1024);
let spare = new Uint32Array(1024);
// Bins of the radix sort: the low 8 bits of the head, then the high 9.
const bins = new Int32Array(256 + 512);
const unitAt = (k: number, end: number) => (k < end ? unit(units[k] as number) + 1 : 0);

/** Entry x's next three units as a number (computed when first needed: most entries share their head with none). */
function restOf(x: number): number {
  const r = rests[x] as number;
  if (r >= 0) return r;
  const i = original[x] as number;
  const p = off[i] as number;
  const end = p + (len[i] as number);
  const v = (unitAt(p + 1, end) * UNIT + unitAt(p + 2, end)) * UNIT + unitAt(p + 3, end);
  rests[x] = v;
  return v;
}

/** Whether entry x comes after entry y, of the same head (both indexes into original). */
function after(x: number, y: number): boolean {
  const rx = restOf(x);
  const ry = restOf(y);
  if (rx !== ry) return rx > ry;
  return compareLexemes(original[x] as number, original[y] as number, 4) > 0;
}

/** Sorts order[0, entries) by head, stably: two counting passes, its low 8 bits then its high 9. */
function radixByHead(entries: number): void {
  bins.fill(0);
  for (let k = 0; k < entries; k++) {
    const h = heads[k] as number;
    bins[h & 255] = (bins[h & 255] as number) + 1;
    bins[256 + (h >>> 8)] = (bins[256 + (h >>> 8)] as number) + 1;
  }
  let sum = 0;
  for (let b = 0; b < 256; b++) {
    const c = bins[b] as number;
    bins[b] = sum;
    sum += c;
  }
  sum = 0;
  for (let b = 256; b < 768; b++) {
    const c = bins[b] as number;
    bins[b] = sum;
    sum += c;
  }
  for (let k = 0; k < entries; k++) {
    const b = (heads[k] as number) & 255;
    const q = bins[b] as number;
    bins[b] = q + 1;
    spare[q] = k;
  }
  for (let j = 0; j < entries; j++) {
    const k = spare[j] as number;
    const b = 256 + ((heads[k] as number) >>> 8);
    const q = bins[b] as number;
    bins[b] = q + 1;
    order[q] = k;
  }
}

/**
 * Sorts firsts[0, entries) by lexeme: by head (a radix sort, or a native one of a few entries), then each run sharing a
 * head by an insertion sort on the next three units and (rarely) the rest. Very large vectors, whose runs could be long,
 * are sorted with the comparison alone.
 */
function sortLexemes(entries: number): void {
  if (entries > INDEX_MASK) {
    const list = Array.from(firsts.subarray(0, entries)).sort((a, b) => compareLexemes(a, b, 0));
    firsts.set(list);
    return;
  }
  if (heads.length < entries) {
    heads = new Int32Array(entries * 2);
    rests = new Float64Array(entries * 2);
    original = new Int32Array(entries * 2);
    order = new Int32Array(entries * 2);
    spare = new Uint32Array(entries * 2);
  }
  for (let k = 0; k < entries; k++) {
    const i = firsts[k] as number;
    original[k] = i;
    const p = off[i] as number;
    const end = p + (len[i] as number);
    heads[k] = unitAt(p, end);
    rests[k] = -1;
  }
  if (entries >= RADIX_MIN) radixByHead(entries);
  else {
    // A few entries: one native sort of 32-bit keys, the head above the entry's index (15 bits).
    for (let k = 0; k < entries; k++) spare[k] = ((heads[k] as number) << INDEX_BITS) | k;
    const sorted = spare.subarray(0, entries).sort();
    for (let k = 0; k < entries; k++) order[k] = (sorted[k] as number) & INDEX_MASK;
  }
  // Runs sharing a head (a few grams each): an insertion sort.
  let run = 0;
  for (let k = 1; k < entries; k++) {
    const v = order[k] as number;
    if (heads[v] !== heads[order[k - 1] as number]) {
      run = k;
      continue;
    }
    let j = k - 1;
    for (; j >= run && after(order[j] as number, v); j--) order[j + 1] = order[j] as number;
    order[j + 1] = v;
  }
  for (let k = 0; k < entries; k++) firsts[k] = original[order[k] as number] as number;
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
 * The vector of tokens [0, upTo) and the bare lexemes (appended after upTo): each lexeme once, with up to 256 positions
 * (none for a bare one), in the order tsvectorrecv keeps them. Leaves the sorted entries in firsts[0, entryCount) and
 * the entries holding a bare lexeme stamped in `bared`, for prefixVector.
 */
function vector(upTo: number, bare: readonly string[]): Buffer {
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
    bared.fill(0);
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
    const f = find(i, mask);
    if (f >= 0) {
      bared[f] = stamp;
      continue;
    }
    take(i);
    bared[i] = stamp;
    count[i] = 0;
    firsts[entries++] = i;
  }
  sortLexemes(entries);
  entryCount = entries;
  at = 4;
  for (let k = 0; k < entries; k++) putEntry(firsts[k] as number, upTo);
  return written(entries);
}

/**
 * The vector of tokens [0, limit) and the bare lexemes, taken from the last vector (of more tokens, the same first
 * ones): its lexemes occurring before `limit` with the positions there (the first occurrence, the cap of 256 and the
 * shared last position all fall alike on a prefix), and its bare ones. Already in order: no table, no sort.
 */
function prefixVector(limit: number): Buffer {
  at = 4;
  let kept = 0;
  for (let k = 0; k < entryCount; k++) {
    const i = firsts[k] as number;
    if (i >= limit && bared[i] !== stamp) continue;
    putEntry(i, limit);
    kept++;
  }
  return written(kept);
}

/** The vector in out[0, at) with its number of entries, as a Buffer of its own. */
function written(entries: number): Buffer {
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
  used = 0;
  append(text);
  n = 0;
  grams(0, title.length);
  push(GAP, 0);
  grams(title.length, title.length + docNo.length);
  const titleEnd = n;
  push(GAP, 0);
  grams(title.length + docNo.length, text.length);
  const tsv = vector(n, bare);
  const titleTsv = prefixVector(titleEnd);
  text = '';
  return { tsv, titleTsv };
}
