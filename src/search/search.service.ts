import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { sha256Hex } from '../shared/ids.ts';
import { indexTokens, type Phrase, parseQuery } from './tokenize.ts';

/**
 * The full-text index of published documents, one implementation per dialect: an FTS5 table on SQLite and tsvector
 * columns with GIN indexes on PostgreSQL, both over the same pre-tokenised text (tokenize.ts). Results come in two
 * tiers, title (and 文号) matches first, newest first within each tier: both tiers are read in index order with a
 * LIMIT, so a common two-character query over a million documents never ranks every match.
 */

export type IndexableDocument = {
  id: number;
  agencyId: number;
  title: string;
  docNo: string | null;
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

export type SearchHits = { total: number; capped: boolean; ids: number[]; phrases: Phrase[] };

/**
 * Matches are counted up to this many: counting every match of a common word among a million documents costs more
 * than the page itself (on PostgreSQL, ten times the cap cost ten times the time); beyond it the total reads
 * "more than 1,000" and paging stops at page 50.
 */
export const SEARCH_COUNT_CAP = 1_000;
// How far above the cap the planner's estimate must be before PostgreSQL skips counting (its estimates for the
// common lexemes that the column statistics track are rarely off by more than 2×).
const PG_ESTIMATE_FACTOR = 4;

const ID_BITS = 2 ** 24;
const DAY_MS = 86_400_000;

/** Index order: publication day, then id, so "newest first" is the reverse of the index's own order. */
export function sortKeyOf(publishedOn: string, id: number): number {
  return Math.floor(Date.parse(`${publishedOn}T00:00:00Z`) / DAY_MS) * ID_BITS + id;
}

const bodyHash = (issuingBody: string) => sha256Hex(issuingBody).slice(0, 10);
const compact = (s: string) => s.replace(/_/g, '');

function metaTokens(f: SearchFilters): string[] {
  const out: string[] = [];
  if (f.agencyId !== undefined) out.push(`xa${f.agencyId}`);
  if (f.category) out.push(`xc${compact(f.category)}`);
  if (f.year) out.push(`xy${f.year}`);
  if (f.validity) out.push(`xv${compact(f.validity)}`);
  if (f.issuingBody) out.push(`xb${bodyHash(f.issuingBody)}`);
  return out;
}

/** The pre-tokenised columns of a document's index row (also used by bulk loaders such as the benchmark). */
export function indexRow(doc: IndexableDocument): { key: number; title: string[]; docNo: string[]; body: string[]; meta: string[] } {
  return {
    key: sortKeyOf(doc.publishedOn, doc.id),
    title: indexTokens(doc.title),
    docNo: indexTokens(doc.docNo ?? ''),
    body: indexTokens(doc.attachmentText ? `${doc.bodyText}\n${doc.attachmentText}` : doc.bodyText),
    meta: metaTokens({
      agencyId: doc.agencyId,
      category: doc.category,
      year: Number(doc.publishedOn.slice(0, 4)),
      validity: doc.validity ?? undefined,
      issuingBody: doc.issuingBody,
    }),
  };
}

/** Adds (or replaces) a published document in the index, inside the caller's transaction. */
export async function indexDocument(db: DbOrTrx, doc: IndexableDocument): Promise<void> {
  await unindexDocument(db, doc);
  const { key, title, docNo, body, meta } = indexRow(doc);
  if (dialectOf(db) === 'postgres') {
    await sql`insert into document_search (document_id, agency_id, sort_key, tsv, title_tsv)
      values (${doc.id}, ${doc.agencyId}, ${key}, ${tsvectorLiteral([...title, ...docNo, ...body, ...meta])}::tsvector, ${tsvectorLiteral([...title, ...docNo])}::tsvector)`.execute(
      db,
    );
  } else {
    await sql`insert into document_fts (rowid, title, body, docno, meta) values (${key}, ${title.join(' ')}, ${body.join(' ')}, ${docNo.join(' ')}, ${meta.join(' ')})`.execute(
      db,
    );
  }
}

/** Removes a document from the index (withdrawn, or about to be re-indexed). */
export async function unindexDocument(db: DbOrTrx, doc: { id: number; publishedOn: string | null }): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`delete from document_search where document_id = ${doc.id}`.execute(db);
  } else if (doc.publishedOn) {
    await sql`delete from document_fts where rowid = ${sortKeyOf(doc.publishedOn, doc.id)}`.execute(db);
  }
}

const quoteLexeme = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
// PostgreSQL keeps positions up to 16383; later tokens share the last position (phrases beyond it may miss).
const MAX_PG_POS = 16383;

/** A tsvector literal with positions, built without PostgreSQL's text parser (whose idea of a word depends on locale). */
export function tsvectorLiteral(tokens: string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((tok, i) => {
    const list = positions.get(tok) ?? [];
    if (list.length < 256) list.push(Math.min(i + 1, MAX_PG_POS));
    positions.set(tok, list);
  });
  return [...positions].map(([tok, pos]) => `${quoteLexeme(tok)}:${[...new Set(pos)].join(',')}`).join(' ');
}

function tsqueryOf(phrases: Phrase[]): string {
  return phrases
    .map((p) => {
      const parts = p.tokens.map((tok, i) => (p.prefix && i === p.tokens.length - 1 ? `${quoteLexeme(tok)}:*` : quoteLexeme(tok)));
      return parts.length === 1 ? parts[0] : `(${parts.join(' <-> ')})`;
    })
    .join(' & ');
}

function ftsPhrases(phrases: Phrase[]): string {
  return phrases.map((p) => `"${p.tokens.join(' ').replace(/"/g, '')}"${p.prefix ? ' *' : ''}`).join(' AND ');
}

/** Searches published documents; `q` is what a person typed. Returns the ids of one page and the total. */
export async function searchDocuments(db: DbOrTrx, q: string, filters: SearchFilters, page: number, pageSize: number): Promise<SearchHits> {
  const phrases = parseQuery(q);
  if (phrases.length === 0) return { total: 0, capped: false, ids: [], phrases };
  const offset = (page - 1) * pageSize;
  return dialectOf(db) === 'postgres' ? searchPg(db, phrases, filters, offset, pageSize) : searchSqlite(db, phrases, filters, offset, pageSize);
}

async function tiered(
  offset: number,
  limit: number,
  count: (tier: 'all' | 'title') => Promise<number>,
  rows: (tier: 'title' | 'rest', limit: number, offset: number, tierCount: number) => Promise<number[]>,
): Promise<{ total: number; capped: boolean; ids: number[] }> {
  const total = await count('all');
  if (total === 0 || offset >= SEARCH_COUNT_CAP) return { total, capped: total >= SEARCH_COUNT_CAP, ids: [] };
  const inTitle = await count('title');
  const ids = offset < inTitle ? await rows('title', limit, offset, inTitle) : [];
  if (ids.length < limit && offset + ids.length < total) ids.push(...(await rows('rest', limit - ids.length, Math.max(0, offset - inTitle), total - inTitle)));
  return { total, capped: total >= SEARCH_COUNT_CAP, ids };
}

async function searchSqlite(db: DbOrTrx, phrases: Phrase[], filters: SearchFilters, offset: number, limit: number): Promise<SearchHits> {
  const terms = ftsPhrases(phrases);
  const meta = metaTokens(filters);
  const withMeta = (e: string) => (meta.length ? `(${e}) AND (meta : (${meta.join(' AND ')}))` : e);
  const all = `{title body docno} : (${terms})`;
  const title = `{title docno} : (${terms})`;
  const expr = { all: withMeta(all), title: withMeta(title), rest: withMeta(`(${all}) NOT (${title})`) };
  const result = await tiered(
    offset,
    limit,
    async (tier) => {
      const r = await sql<{
        n: number;
      }>`select count(*) as n from (select rowid from document_fts where document_fts match ${expr[tier]} limit ${SEARCH_COUNT_CAP})`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async (tier, n, off) => {
      const r = await sql<{
        k: number;
      }>`select rowid as k from document_fts where document_fts match ${expr[tier]} order by rowid desc limit ${n} offset ${off}`.execute(db);
      return r.rows.map((row) => Number(row.k) % ID_BITS);
    },
  );
  return { ...result, phrases };
}

async function searchPg(db: DbOrTrx, phrases: Phrase[], filters: SearchFilters, offset: number, limit: number): Promise<SearchHits> {
  const q = tsqueryOf(phrases);
  // Filters are lexemes of the same tsvector (as in SQLite's meta column): GIN intersects them, no join needed.
  const { agencyId, ...rest } = filters;
  const meta = metaTokens(rest);
  const full = meta.length ? `${q} & ${meta.map(quoteLexeme).join(' & ')}` : q;
  const where = [sql`s.tsv @@ ${full}::tsquery`];
  if (agencyId !== undefined) where.push(sql`s.agency_id = ${agencyId}`);
  const base = sql.join(where, sql` and `);
  const tierCond = { all: sql`true`, title: sql`s.title_tsv @@ ${q}::tsquery`, rest: sql`not (s.title_tsv @@ ${q}::tsquery)` };
  const result = await tiered(
    offset,
    limit,
    async (tier) => {
      // A GIN bitmap of a common word costs as much as the corpus is large; when the planner's estimate (from the
      // column statistics of the tsvector) is far above the cap, the count is taken to be at the cap without scanning.
      const plan = await sql<{
        'QUERY PLAN': { Plan: { 'Plan Rows': number } }[];
      }>`explain (format json) select 1 from document_search s where ${base} and ${tierCond[tier]}`.execute(db);
      const estimate = plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
      if (estimate > PG_ESTIMATE_FACTOR * SEARCH_COUNT_CAP) return SEARCH_COUNT_CAP;
      const r = await sql<{
        n: number;
      }>`select count(*) as n from (select 1 from document_search s where ${base} and ${tierCond[tier]} limit ${SEARCH_COUNT_CAP}) c`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async (tier, n, off, tierCount) => {
      // Title matches are a subset of all matches: for them only the short title vector is tested.
      const titleOnly = [...where.slice(1), tierCond.title, ...(meta.length ? [sql`s.tsv @@ ${meta.map(quoteLexeme).join(' & ')}::tsquery`] : [])];
      const cond = tier === 'title' ? sql.join(titleOnly, sql` and `) : sql`${base} and ${tierCond.rest}`;
      const query = sql<{ id: number }>`select s.document_id as id from document_search s where ${cond} order by s.sort_key desc limit ${n} offset ${off}`;
      // For a common word the newest matches are found by walking the sort index; the planner's phrase estimates are
      // too low to see that, and it would rather build and sort a bitmap of every match.
      if (tierCount >= SEARCH_COUNT_CAP && !db.isTransaction) {
        return db.transaction().execute(async (trx) => {
          await sql`set local enable_bitmapscan = off`.execute(trx);
          return (await query.execute(trx)).rows.map((row) => Number(row.id));
        });
      }
      return (await query.execute(db)).rows.map((row) => Number(row.id));
    },
  );
  return { ...result, phrases };
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
