import { sha256Hex } from '../shared/ids.ts';
import { identifierTokens } from './identifiers.ts';
import { indexTokens, ngramLexemes } from './tokenize.ts';

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

/**
 * A tsvector literal with positions, built without PostgreSQL's text parser (whose idea of a word depends on locale),
 * followed by position-less lexemes (n-grams, filters, identifiers). A null leaves a gap, so that no phrase spans
 * two fields (as none spans two FTS5 columns).
 */
export function tsvectorLiteral(tokens: (string | null)[], bare: Iterable<string> = []): string {
  const positions = new Map<string, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === null || tok === undefined) continue;
    const pos = Math.min(i + 1, MAX_PG_POS);
    const list = positions.get(tok);
    if (!list) positions.set(tok, [pos]);
    else if (list.length < 256 && list[list.length - 1] !== pos) list.push(pos);
  }
  const parts: string[] = [];
  for (const [tok, pos] of positions) parts.push(`${quoteLexeme(tok)}:${pos.join(',')}`);
  for (const tok of bare) if (!positions.has(tok)) parts.push(quoteLexeme(tok));
  return parts.join(' ');
}

/** The row of PostgreSQL's document_search: all text with filters and n-grams, and the title (and 文号) alone. */
export function pgValues(doc: IndexableDocument): { key: number; tsv: string; titleTsv: string } {
  const r = indexRow(doc);
  const titleText = `${doc.title}\n${doc.docNo ?? ''}`;
  const bodyText = doc.attachmentText ? `${doc.bodyText}\n${doc.attachmentText}` : doc.bodyText;
  const titleGrams = ngramLexemes(titleText);
  const allGrams = ngramLexemes(bodyText, new Set(titleGrams));
  return {
    key: r.key,
    tsv: tsvectorLiteral([...r.title, null, ...r.docNo, null, ...r.body], [...r.meta, ...allGrams]),
    titleTsv: tsvectorLiteral([...r.title, null, ...r.docNo], titleGrams),
  };
}
