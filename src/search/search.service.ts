import { CompiledQuery, sql } from 'kysely';
import { withIndexesRebuilt } from '../db/bulk-load.ts';
import type { DbOrTrx } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { unnestInsert } from '../db/pg-arrays.ts';
import { queryIdentifier } from './identifiers.ts';
import { ftsValues, type IndexableDocument, pgVectorsOf, type SearchFilters, sortKeyOf } from './search.index.ts';
import { type PgPlan, searchPg, searchSqlite } from './search.query.ts';
import { type Phrase, parseQuery } from './tokenize.ts';

/**
 * The full-text index of published documents, one implementation per dialect: an FTS5 table on SQLite and tsvector
 * columns with GIN indexes on PostgreSQL, both over the same pre-tokenised text (tokenize.ts, search.index.ts), so
 * both find the same documents in the same order (test/integration/search-differential.test.ts). docs/search.md
 * explains the choices and the figures.
 */

export type { IndexableDocument, SearchFilters } from './search.index.ts';
export { ftsValues, indexRow, pgValues, sortKeyOf } from './search.index.ts';
export { SEARCH_COUNT_CAP } from './search.query.ts';

export type SearchHits = { total: number; capped: boolean; ids: number[]; phrases: Phrase[] };

/** Adds (or replaces) a published document in the index, inside the caller's transaction. */
export async function indexDocument(db: DbOrTrx, doc: IndexableDocument): Promise<void> {
  await unindexDocument(db, doc);
  await indexDocuments(db, [doc]);
}

// Rows per INSERT: on SQLite far under its 32,766 parameters. On PostgreSQL the server's CPU per 10,000 rows was 0.16 s
// at 250 and 500 (0.22 s for VALUES of 500), 0.46 s at 2,000: arrays of a few MB cost more than their size.
const ROWS_PER_INSERT = 500;

/** A document's index row tokenised before its id is known (an import tokenises while the database writes). */
export type PreparedIndexRow =
  | { publishedOn: string; agencyId: number; tsv: Buffer; titleTsv: Buffer }
  | { publishedOn: string; fts: [title: string, body: string, docNo: string, meta: string] };

export function prepareIndexRow(db: DbOrTrx, doc: Omit<IndexableDocument, 'id'>): PreparedIndexRow {
  if (dialectOf(db) === 'postgres') return { publishedOn: doc.publishedOn, agencyId: doc.agencyId, ...pgVectorsOf(doc) };
  const [, title, body, docNo, meta] = ftsValues({ ...doc, id: 0 });
  return { publishedOn: doc.publishedOn, fts: [title, body, docNo, meta] };
}

/**
 * PostgreSQL's INSERT of prepared rows with their documents' ids (null on SQLite, or without rows): an unnest of binary
 * arrays, planned at once whatever the rows, the vectors not copied into a text literal. Parameters from `first` on
 * (an import writes it in one statement with the documents rows).
 */
export function pgIndexInsert(ids: readonly number[], rows: readonly PreparedIndexRow[], first = 1): { text: string; params: unknown[] } | null {
  const pg = rows.filter((r): r is Extract<PreparedIndexRow, { tsv: Buffer }> => 'tsv' in r);
  if (pg.length === 0 || pg.length !== rows.length) return null;
  return unnestInsert(
    'document_search',
    [
      { name: 'document_id', type: 'int4', values: ids },
      { name: 'agency_id', type: 'int4', values: pg.map((r) => r.agencyId) },
      { name: 'sort_key', type: 'int8', values: pg.map((r, k) => sortKeyOf(r.publishedOn, ids[k] as number)) },
      { name: 'tsv', type: 'tsvector', values: pg.map((r) => r.tsv) },
      { name: 'title_tsv', type: 'tsvector', values: pg.map((r) => r.titleTsv) },
    ],
    first,
  );
}

/** One INSERT of prepared rows with their documents' ids: pgIndexInsert on PostgreSQL, a multi-row VALUES on SQLite. */
function insertPrepared(ids: readonly number[], rows: readonly PreparedIndexRow[]): CompiledQuery {
  const pg = pgIndexInsert(ids, rows);
  if (pg) return CompiledQuery.raw(pg.text, pg.params);
  const params: unknown[] = [];
  const tuples: string[] = [];
  rows.forEach((r, k) => {
    if ('tsv' in r) throw new Error('a PostgreSQL index row among SQLite ones');
    params.push(sortKeyOf(r.publishedOn, ids[k] as number), ...r.fts);
    tuples.push('(?, ?, ?, ?, ?)');
  });
  return CompiledQuery.raw(`insert into document_fts (rowid, title, body, docno, meta) values ${tuples.join(', ')}`, params);
}

/** Writes prepared index rows, ids[k] being rows[k]'s document; the caller has removed any earlier row of these. */
export async function writeIndexRows(db: DbOrTrx, ids: readonly number[], rows: readonly PreparedIndexRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db.executeQuery(insertPrepared(ids.slice(i, i + ROWS_PER_INSERT), rows.slice(i, i + ROWS_PER_INSERT)));
  }
}

/**
 * Inserts many documents into the index with multi-row INSERTs (reindex, tests). The caller has removed any earlier
 * row of these documents; the tokens are computed here, off the database's path: the next chunk's while the database
 * writes the last one (one statement in flight, the order kept).
 */
export async function indexDocuments(db: DbOrTrx, docs: readonly IndexableDocument[]): Promise<void> {
  let inFlight: Promise<unknown> | null = null;
  for (let i = 0; i < docs.length; i += ROWS_PER_INSERT) {
    const chunk = docs.slice(i, i + ROWS_PER_INSERT);
    const query = insertPrepared(
      chunk.map((d) => d.id),
      chunk.map((d) => prepareIndexRow(db, d)),
    );
    if (inFlight) await inFlight;
    inFlight = db.executeQuery(query);
    // Awaited below; marked handled so a failure is not reported as unhandled while the next chunk is built.
    inFlight.catch(() => undefined);
  }
  if (inFlight) await inFlight;
}

// From this many documents on, a bulk load on PostgreSQL drops the GIN indexes and builds them afresh (issue 17).
const GIN_REBUILD_FROM = 20_000;

/**
 * Runs `load`, which writes index rows for `rows` documents inside the caller's transaction (import): on PostgreSQL,
 * from `rebuildFrom` documents on (tests pass less), the indexes of document_search are built again after the rows
 * (db/bulk-load.ts), and the table is locked against searches until the import commits.
 */
export async function withBulkIndexing<T>(db: DbOrTrx, rows: number, load: () => Promise<T>, rebuildFrom = GIN_REBUILD_FROM): Promise<T> {
  return withIndexesRebuilt(db, 'document_search', rows, rebuildFrom, load);
}

/** indexDocuments for a large load (see withBulkIndexing). */
export async function bulkIndexDocuments(db: DbOrTrx, docs: readonly IndexableDocument[], rebuildFrom = GIN_REBUILD_FROM): Promise<void> {
  return withBulkIndexing(db, docs.length, () => indexDocuments(db, docs), rebuildFrom);
}

/** Removes a document from the index (withdrawn, or about to be re-indexed). */
export async function unindexDocument(db: DbOrTrx, doc: { id: number; publishedOn: string | null }): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`delete from document_search where document_id = ${doc.id}`.execute(db);
  } else if (doc.publishedOn) {
    await sql`delete from document_fts where rowid = ${sortKeyOf(doc.publishedOn, doc.id)}`.execute(db);
  }
}

/**
 * Searches published documents; `q` is what a person typed. Returns the ids of one page and the total. A query that
 * is exactly a 文号 or 索引号 finds that document first (identifiers.ts). `pgPlan` exists for the benchmark.
 */
export async function searchDocuments(
  db: DbOrTrx,
  q: string,
  filters: SearchFilters,
  page: number,
  pageSize: number,
  pgPlan: PgPlan = 'adaptive',
): Promise<SearchHits> {
  const phrases = parseQuery(q);
  if (phrases.length === 0) return { total: 0, capped: false, ids: [], phrases };
  const query = { phrases, identifier: queryIdentifier(q.trim().slice(0, 100)), filters, offset: (page - 1) * pageSize, limit: pageSize };
  const hits = dialectOf(db) === 'postgres' ? await searchPg(db, query, pgPlan) : await searchSqlite(db, query);
  return { ...hits, phrases };
}

export type Highlighted = { text: string; mark: boolean }[];

/** Marks every occurrence of the query's phrases in a text (case-insensitive); the caller renders, escaping each part. */
export function highlight(text: string, phrases: Phrase[]): Highlighted {
  const needles = phrases.map((p) => p.text.toLowerCase()).filter(Boolean);
  const lower = text.toLowerCase();
  const out: Highlighted = [];
  let pos = 0;
  while (pos < text.length) {
    let best = -1;
    let len = 0;
    for (const n of needles) {
      const at = lower.indexOf(n, pos);
      if (at >= 0 && (best < 0 || at < best || (at === best && n.length > len))) {
        best = at;
        len = n.length;
      }
    }
    if (best < 0) break;
    if (best > pos) out.push({ text: text.slice(pos, best), mark: false });
    out.push({ text: text.slice(best, best + len), mark: true });
    pos = best + len;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: false });
  return out;
}

/** A window of the text around the first match, highlighted; the start of the text when nothing matches. */
export function snippet(text: string, phrases: Phrase[], width = 120): Highlighted {
  const lower = text.toLowerCase();
  let first = -1;
  for (const p of phrases) {
    const at = lower.indexOf(p.text.toLowerCase());
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const piece = text.slice(start, start + width).replace(/\s+/g, ' ');
  const parts = highlight(piece, phrases);
  if (start > 0) parts.unshift({ text: '…', mark: false });
  if (start + width < text.length) parts.push({ text: '…', mark: false });
  return parts;
}
