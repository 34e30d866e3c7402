import { sha256Hex } from '../shared/ids.ts';
import { gramTokens } from './grams.ts';
import { identifierTokens } from './identifiers.ts';
import { indexTokens } from './tokenize.ts';

/** What the index needs of a published document; the same pre-tokenised rows feed FTS5 and tsvector. */
export type IndexableDocument = {
  id: number;
  agencyId: number;
  title: string;
  docNo: string | null;
  indexNo?: string | null | undefined;
  bodyText: string;
  attachmentText: string;
  category: string;
  publishedOn: string;
  validity: string | null;
  issuingBody: string;
};

export type SearchFilters = {
  agencyId?: number | undefined;
  category?: string | undefined;
  year?: number | undefined;
  validity?: string | undefined;
  issuingBody?: string | undefined;
};

export const ID_BITS = 2 ** 24;
const DAY_MS = 86_400_000;

/** Index order: publication day, then id, so "newest first" is the reverse of the index's own order. */
export function sortKeyOf(publishedOn: string, id: number): number {
  return Math.floor(Date.parse(`${publishedOn}T00:00:00Z`) / DAY_MS) * ID_BITS + id;
}

/** The sort keys of one year of publication: a range both indexes can start from instead of walking later years. */
export function yearRange(year: number): [number, number] {
  return [sortKeyOf(`${year}-01-01`, 0), sortKeyOf(`${year}-12-31`, ID_BITS - 1)];
}

const bodyHash = (issuingBody: string) => sha256Hex(issuingBody).slice(0, 10);
const compact = (s: string) => s.replace(/_/g, '');

export function metaTokens(f: SearchFilters): string[] {
  const out: string[] = [];
  if (f.agencyId !== undefined) out.push(`xa${f.agencyId}`);
  if (f.category) out.push(`xc${compact(f.category)}`);
  if (f.year) out.push(`xy${f.year}`);
  if (f.validity) out.push(`xv${compact(f.validity)}`);
  if (f.issuingBody) out.push(`xb${bodyHash(f.issuingBody)}`);
  return out;
}

export type IndexRow = { key: number; title: string[]; docNo: string[]; body: string[]; meta: string[] };

/** The pre-tokenised columns of a document's index row (also used by bulk loaders: import, reindex, benchmark). */
export function indexRow(doc: IndexableDocument): IndexRow {
  return {
    key: sortKeyOf(doc.publishedOn, doc.id),
    title: indexTokens(doc.title),
    docNo: indexTokens(doc.docNo ?? ''),
    body: indexTokens(doc.attachmentText ? `${doc.bodyText}\n${doc.attachmentText}` : doc.bodyText),
    meta: [
      ...metaTokens({
        agencyId: doc.agencyId,
        category: doc.category,
        year: Number(doc.publishedOn.slice(0, 4)),
        validity: doc.validity ?? undefined,
        issuingBody: doc.issuingBody,
      }),
      ...identifierTokens(doc.docNo, doc.indexNo),
    ],
  };
}

/** The row of the SQLite FTS5 table: rowid (the sort key) and its four columns as space-joined tokens. */
export function ftsValues(doc: IndexableDocument): [number, string, string, string, string] {
  const r = indexRow(doc);
  return [r.key, r.title.join(' '), r.body.join(' '), r.docNo.join(' '), r.meta.join(' ')];
}

const NEEDS_ESCAPE = /['\\]/;
export const quoteLexeme = (s: string) => (NEEDS_ESCAPE.test(s) ? `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${s}'`);
// PostgreSQL keeps positions up to 16383; later tokens share the last position (phrases beyond it may miss).
const MAX_PG_POS = 16383;
// Filter and identifier lexemes on PostgreSQL: '#' keeps them apart from any word of the text (xcpolicy typed in a body).
export const pgMeta = (token: string) => `#${token}`;

// The binary form of a tsvector (tsvectorrecv): PostgreSQL reads it without its text parser, which was most of the
// server's time in a bulk load. Written into one growing scratch buffer, copied out per vector.
let scratch = new Uint8Array(1 << 16);
let at = 0;
const room = (n: number) => {
  if (at + n <= scratch.length) return;
  const next = new Uint8Array(Math.max(scratch.length * 2, at + n));
  next.set(scratch.subarray(0, at));
  scratch = next;
};
function putString(s: string): void {
  room(s.length * 3 + 1);
  const b = scratch;
  let p = at;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) b[p++] = c;
    else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
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
const putU16 = (v: number) => {
  room(2);
  scratch[at++] = v >> 8;
  scratch[at++] = v & 255;
};

/**
 * A tsvector in PostgreSQL's binary format (node-postgres sends a Buffer parameter as binary): positional tokens (a
 * null leaves a gap, so that no phrase spans two fields, as none spans two FTS5 columns), then lexemes without
 * positions. PostgreSQL reads it without its text parser, which was most of the server's time in a bulk load; it
 * sorts the lexemes itself.
 */
export function tsvectorBinary(tokens: (string | null)[], bare: Iterable<string> = []): Buffer {
  const positions = new Map<string, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === null || tok === undefined) continue;
    const pos = Math.min(i + 1, MAX_PG_POS);
    const list = positions.get(tok);
    if (!list) positions.set(tok, [pos]);
    else if (list.length < 256 && list[list.length - 1] !== pos) list.push(pos);
  }
  at = 4;
  let n = 0;
  for (const [tok, pos] of positions) {
    putString(tok);
    putU16(pos.length);
    for (const p of pos) putU16(p);
    n++;
  }
  // Lexemes must be unique (tsvectorrecv sorts them but does not merge duplicates).
  const seen = new Set<string>();
  for (const tok of bare) {
    if (positions.has(tok) || seen.has(tok)) continue;
    seen.add(tok);
    putString(tok);
    putU16(0);
    n++;
  }
  scratch[0] = n >>> 24;
  scratch[1] = (n >> 16) & 255;
  scratch[2] = (n >> 8) & 255;
  scratch[3] = n & 255;
  return Buffer.from(scratch.subarray(0, at));
}

/**
 * The row of PostgreSQL's document_search: all text, and the title (and 文号) alone, each with the filter and
 * identifier lexemes, so that a tier with filters is one GIN search.
 */
export function pgValues(doc: IndexableDocument): { key: number; tsv: Buffer; titleTsv: Buffer } {
  const meta = [
    ...metaTokens({
      agencyId: doc.agencyId,
      category: doc.category,
      year: Number(doc.publishedOn.slice(0, 4)),
      validity: doc.validity ?? undefined,
      issuingBody: doc.issuingBody,
    }),
    ...identifierTokens(doc.docNo, doc.indexNo),
  ].map(pgMeta);
  const tokens = gramTokens(doc.title);
  tokens.push(null);
  gramTokens(doc.docNo ?? '', tokens);
  const titleTsv = tsvectorBinary(tokens, meta);
  tokens.push(null);
  gramTokens(doc.bodyText, tokens);
  if (doc.attachmentText) gramTokens(`\n${doc.attachmentText}`, tokens);
  return { key: sortKeyOf(doc.publishedOn, doc.id), tsv: tsvectorBinary(tokens, meta), titleTsv };
}
