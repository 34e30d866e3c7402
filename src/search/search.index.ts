import { sha256Hex } from '../shared/ids.ts';
import { identifierTokens } from './identifiers.ts';
import { indexTokens } from './tokenize.ts';
import { pgVectors } from './tsvector.ts';

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

// Memoised: an import would otherwise hash the same few issuing bodies once per document.
const bodyHashes = new Map<string, string>();
const bodyHash = (issuingBody: string) => {
  let h = bodyHashes.get(issuingBody);
  if (h === undefined) {
    h = sha256Hex(issuingBody).slice(0, 10);
    if (bodyHashes.size >= 1000) bodyHashes.clear();
    bodyHashes.set(issuingBody, h);
  }
  return h;
};
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
// Filter and identifier lexemes on PostgreSQL: '#' keeps them apart from any word of the text (xcpolicy typed in a body).
export const pgMeta = (token: string) => `#${token}`;

/**
 * The row of PostgreSQL's document_search: all text, and the title (and 文号) alone, each with the filter and
 * identifier lexemes, so that a tier with filters is one GIN search.
 */
export function pgValues(doc: IndexableDocument): { key: number; tsv: Buffer; titleTsv: Buffer } {
  return { key: sortKeyOf(doc.publishedOn, doc.id), ...pgVectorsOf(doc) };
}

/** The two vectors of pgValues, which do not depend on the document's id (an import computes them before it has one). */
export function pgVectorsOf(doc: Omit<IndexableDocument, 'id'>): { tsv: Buffer; titleTsv: Buffer } {
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
  return pgVectors(doc.title, doc.docNo ?? '', doc.bodyText, doc.attachmentText, meta);
}
