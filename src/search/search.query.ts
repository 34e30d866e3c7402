import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import { gramPieces } from './grams.ts';
import { ID_BITS, metaTokens, pgMeta, quoteLexeme, type SearchFilters, yearRange } from './search.index.ts';
import type { Phrase } from './tokenize.ts';

/**
 * The two implementations of one search: results come in tiers, an exact 文号/索引号 first, then title (and 文号)
 * matches, then the rest, newest first within each tier. Every tier is read in index order with a LIMIT, so a common
 * two-character query over a million documents never ranks every match.
 */

/**
 * Matches are counted up to this many: counting every match of a common word among a million documents costs more
 * than the page itself; beyond it the total reads "more than 1,000" and paging stops at page 50.
 */
export const SEARCH_COUNT_CAP = 1_000;
// How far above the cap the planner's estimate must be before PostgreSQL skips counting (its estimates for the
// common lexemes that the column statistics track are rarely off by more than 2×), and how far above its estimate for
// a lexeme that no document holds: for a lexeme the statistics do not track, the planner assumes min(0.5 %, half
// the least tracked frequency), 5,000 rows at a million documents, although the word may occur nowhere.
const PG_ESTIMATE_FACTOR = 4;
const PG_ABSENT_FACTOR = 2;

/**
 * How PostgreSQL reads a tier's page: 'adaptive' (a short walk of the newest documents, then the GIN bitmap below it)
 * or 'planner' (the planner's choice, the sort index forced for common words: before issue 17's measurements).
 */
export type PgPlan = 'adaptive' | 'planner';
/**
 * From how many matches of a tier a page is first looked for by walking the newest documents, and how many rows that
 * walk reads before the bitmap takes over. Mutable for tests, which make both small to exercise every path.
 */
export const pgTuning = { walkFrom: SEARCH_COUNT_CAP, walkRows: 4_000, recheckRows: 6_000, countWalkRows: 8_000 };
/*
 * recheckRows: a prefix lexeme (a word of one to three characters, 企:*, or the 号 ending a 文号) makes GIN read the
 * posting list of every gram it begins, up to the whole corpus for a common character (350 ms at a million documents)
 * however few documents the rest of the query leaves. When the exact lexemes and filters alone leave at most this
 * many documents (the planner's estimate), GIN is asked only for those and the full query is tested on each row.
 */

export type SearchQuery = { phrases: Phrase[]; identifier: string | null; filters: SearchFilters; offset: number; limit: number };
export type TierHits = { total: number; capped: boolean; ids: number[] };

/** `peek`: the newest `need` of the tier when they are found cheaply without its count, else fewer (or null). */
type Tier = {
  count(): Promise<number>;
  rows(limit: number, offset: number, tierCount: number): Promise<number[]>;
  peek?(need: number): Promise<number[] | null>;
};

/** Reads one page across disjoint tiers; the last tier's size is what the total leaves. */
async function tiered(q: SearchQuery, total: number, tiers: Tier[]): Promise<TierHits> {
  const capped = total >= SEARCH_COUNT_CAP;
  if (total === 0 || q.offset >= SEARCH_COUNT_CAP) return { total, capped, ids: [] };
  const ids: number[] = [];
  let skip = q.offset;
  let before = 0;
  for (const [i, tier] of tiers.entries()) {
    if (ids.length >= q.limit || before >= total) break;
    // A tier whose newest matches fill the page needs no count (only the tiers after it would).
    if (tier.peek && i < tiers.length - 1) {
      const need = q.limit - ids.length + skip;
      const early = await tier.peek(need);
      if (early && early.length >= need) {
        ids.push(...early.slice(skip, need));
        break;
      }
    }
    const size = i === tiers.length - 1 ? total - before : await tier.count();
    if (skip < size) ids.push(...(await tier.rows(q.limit - ids.length, skip, size)));
    skip = Math.max(0, skip - size);
    before += size;
  }
  return { total, capped, ids };
}

const ftsPhrases = (phrases: Phrase[]) => phrases.map((p) => `"${p.tokens.join(' ').replace(/"/g, '')}"${p.prefix ? ' *' : ''}`).join(' AND ');

export async function searchSqlite(db: DbOrTrx, q: SearchQuery): Promise<TierHits> {
  const terms = ftsPhrases(q.phrases);
  const meta = metaTokens(q.filters);
  const withMeta = (e: string) => (meta.length ? `(${e}) AND (meta : (${meta.join(' AND ')}))` : e);
  const all = `{title body docno} : (${terms})`;
  const title = `{title docno} : (${terms})`;
  const id = q.identifier ? `meta : ${q.identifier}` : null;
  const not = (e: string) => (id ? `(${e}) NOT (${id})` : e);
  const expr = {
    all: withMeta(id ? `(${all}) OR (${id})` : all),
    exact: withMeta(id ?? ''),
    title: withMeta(not(title)),
    rest: withMeta(not(`(${all}) NOT (${title})`)),
  };
  const [lo, hi] = q.filters.year ? yearRange(q.filters.year) : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  const count = async (e: string) => {
    const r = await sql<{ n: number }>`select count(*) as n from (select rowid from document_fts
      where document_fts match ${e} and rowid between ${lo} and ${hi} limit ${SEARCH_COUNT_CAP})`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  };
  const tier = (e: string): Tier => ({
    count: () => count(e),
    rows: async (n, off) => {
      const r = await sql<{ k: number }>`select rowid as k from document_fts where document_fts match ${e} and rowid between ${lo} and ${hi}
        order by rowid desc limit ${n} offset ${off}`.execute(db);
      return r.rows.map((row) => Number(row.k) % ID_BITS);
    },
  });
  const tiers = [...(id ? [tier(expr.exact)] : []), tier(expr.title), tier(expr.rest)];
  return tiered(q, await count(expr.all), tiers);
}

/** The tsquery of the phrases over PostgreSQL's grams: one lexeme per short word, a phrase at distances otherwise. */
function tsqueryOf(phrases: Phrase[]): string {
  return phrases
    .map((p) => {
      const pieces = gramPieces(p);
      let out = '';
      let last = 0;
      for (const x of pieces) {
        const lexeme = `${quoteLexeme(x.lexeme)}${x.prefix ? ':*' : ''}`;
        out = out ? `${out} <${x.at - last}> ${lexeme}` : lexeme;
        last = x.at;
      }
      return pieces.length === 1 ? out : `(${out})`;
    })
    .join(' & ');
}

/**
 * The exact (non-prefix) lexemes of the phrases, ANDed without positions: a condition every match meets, for the
 * index alone. Null when no phrase has one.
 */
function exactTsqueryOf(phrases: Phrase[]): string | null {
  const parts = phrases.flatMap((p) =>
    gramPieces(p)
      .filter((x) => !x.prefix)
      .map((x) => quoteLexeme(x.lexeme)),
  );
  return parts.length ? parts.join(' & ') : null;
}

/** Plan Rows of a condition on document_search, the planner's estimate. */
async function estimate(db: DbOrTrx, cond: RawBuilder<unknown>): Promise<number> {
  const plan = await sql<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>`explain (format json) select 1 from document_search s
    where ${cond}`.execute(db);
  return plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
}

export async function searchPg(db: DbOrTrx, q: SearchQuery, plan: PgPlan = 'adaptive'): Promise<TierHits> {
  const terms = tsqueryOf(q.phrases);
  // Every filter is a lexeme of the same tsvector (as in SQLite's meta column), so a count or a bitmap is GIN alone,
  // never a test on rows. The agency is also a column with an (agency_id, sort_key) index and a year a range of sort
  // keys: where a newest-first walk starts.
  const { agencyId, year } = q.filters;
  const filters = metaTokens(q.filters).map((m) => quoteLexeme(pgMeta(m)));
  const scope: RawBuilder<unknown>[] = [];
  if (agencyId !== undefined) scope.push(sql`s.agency_id = ${agencyId}`);
  if (year) {
    const [lo, hi] = yearRange(year);
    scope.push(sql`s.sort_key between ${lo} and ${hi}`);
  }
  const filtered = (tsq: string) => (filters.length ? `(${tsq}) & ${filters.join(' & ')}` : tsq);
  const id = q.identifier ? quoteLexeme(pgMeta(q.identifier)) : null;
  // The index's part of a query over the terms (see pgTuning.recheckRows): its exact lexemes and the filters.
  const exactTerms = exactTsqueryOf(q.phrases);
  const narrow = (t: string | null) => {
    const parts = [...(t ? [`(${t})`] : []), ...filters];
    return parts.length ? parts.join(' & ') : null;
  };
  const narrowAll = narrow(id ? (exactTerms ? `(${exactTerms}) | ${id}` : null) : exactTerms);
  const hasPrefix = q.phrases.some((p) => gramPieces(p).some((x) => x.prefix));
  const recheck = plan === 'adaptive' && hasPrefix && narrowAll !== null && (await estimate(db, sql`s.tsv @@ ${narrowAll}::tsquery`)) <= pgTuning.recheckRows;
  const match = (col: RawBuilder<unknown>, full: string, index: string | null) =>
    recheck && index ? sql`${col} @@ ${index}::tsquery and ts_match_vq(${col}, ${full}::tsquery)` : sql`${col} @@ ${full}::tsquery`;
  const tsv = sql`s.tsv`;
  const titleTsv = sql`s.title_tsv`;
  const inTitle = sql`s.title_tsv @@ ${terms}::tsquery`;
  const notExact = id ? [sql`not (s.tsv @@ ${id}::tsquery)`] : [];
  const and = (conds: RawBuilder<unknown>[]) => sql.join(conds, sql` and `);
  const where = {
    all: match(tsv, filtered(id ? `(${terms}) | ${id}` : terms), narrowAll),
    exact: sql`s.tsv @@ ${filtered(id ?? "''")}::tsquery`,
    // Title matches are a subset of all matches: for them only the short title vector (with the filters) is tested.
    title: and([match(titleTsv, filtered(terms), narrow(exactTerms)), ...notExact]),
    rest: and([match(tsv, filtered(terms), narrow(exactTerms)), sql`not (${inTitle})`, ...notExact]),
  };
  const singleLexemes = !id && q.phrases.every((p) => gramPieces(p).length === 1);
  // The same filters with a lexeme no document holds ('#' alone: filters are '#x…'): the planner's floor.
  const absent = (col: RawBuilder<unknown>) => sql`${col} @@ ${filtered("'#'")}::tsquery`;
  const ids = (rows: { id: number }[]) => rows.map((row) => Number(row.id));
  // With `newest`, the count also returns that many of the newest matches when there are fewer than the cap (all
  // were read): a tier's page then costs no second GIN search.
  const count = async (cond: RawBuilder<unknown>, floor: RawBuilder<unknown>, newest = 0): Promise<{ n: number; newest: number[] | null }> => {
    // A GIN bitmap of a common word costs as much as the corpus is large. For one-lexeme queries the planner's
    // estimate is reliable when the statistics track the lexeme, so far above the cap (and above the floor, where an
    // untracked lexeme lands) the count is taken to be at the cap without scanning. A phrase's estimate is not: its
    // grams may each be common while the phrase never occurs, so phrases are counted.
    if (singleLexemes) {
      const e = await estimate(db, cond);
      if (e > PG_ESTIMATE_FACTOR * SEARCH_COUNT_CAP && e > PG_ABSENT_FACTOR * (await estimate(db, floor))) {
        return { n: SEARCH_COUNT_CAP, newest: null };
      }
      if (hasPrefix && plan === 'adaptive' && e >= SEARCH_COUNT_CAP && (await walkReachesCap(cond, e))) return { n: SEARCH_COUNT_CAP, newest: null };
    }
    if (newest === 0) {
      const r = await sql<{ n: number }>`select count(*) as n from (select 1 from document_search s where ${cond} limit ${SEARCH_COUNT_CAP}) c`.execute(db);
      return { n: Number(r.rows[0]?.n ?? 0), newest: null };
    }
    const r = await sql<{ id: number; n: number }>`select x.id, count(*) over () as n from (select s.document_id as id, s.sort_key as k
        from document_search s where ${cond} limit ${SEARCH_COUNT_CAP}) x order by x.k desc limit ${newest}`.execute(db);
    const n = Number(r.rows[0]?.n ?? 0);
    return { n, newest: n < SEARCH_COUNT_CAP ? ids(r.rows) : null };
  };
  const scoped = scope.length ? sql`where ${sql.join(scope, sql` and `)}` : sql``;
  /**
   * A prefix lexeme common in the scope but under the estimate's shortcut (e.g. 互联网:* in one agency: 4,483 of its
   * 20,000 documents, 150 ms of GIN for the count): the newest countWalkRows documents of the scope are tested row by
   * row, a few ms. When they hold the cap, the count is at the cap (a true count of at least that many, not a guess).
   * Tried only when the estimate says the walk should find half as many again as the cap; else GIN counts.
   */
  const walkReachesCap = async (cond: RawBuilder<unknown>, e: number): Promise<boolean> => {
    const scopeRows = await estimate(db, scope.length ? sql.join(scope, sql` and `) : sql`true`);
    if (pgTuning.countWalkRows * e < 1.5 * SEARCH_COUNT_CAP * scopeRows) return false;
    const r = await sql<{ n: number }>`select count(*) as n from (select 1 from (select sort_key, agency_id, tsv, title_tsv
        from document_search s ${scoped} order by s.sort_key desc limit ${pgTuning.countWalkRows}) s
      where ${cond} limit ${SEARCH_COUNT_CAP}) c`.execute(db);
    return Number(r.rows[0]?.n ?? 0) >= SEARCH_COUNT_CAP;
  };
  const tier = (cond: RawBuilder<unknown>, floor: RawBuilder<unknown>, peek = false): Tier => {
    let newest: number[] | null = null;
    // What the peek's walk found, so that reading the tier after its count does not walk again.
    const walked = new Map<number, number[]>();
    return {
      // A word common in the scope: the title tier's count (a GIN search, its prefix reading every gram it begins)
      // is skipped when the walk of the newest documents fills the page.
      ...(peek && plan === 'adaptive' && total >= pgTuning.walkFrom
        ? {
            peek: async (need: number) => {
              const found = await walk(cond, need);
              walked.set(need, found);
              return found;
            },
          }
        : {}),
      count: async () => {
        const c = await count(cond, floor, q.offset + q.limit);
        newest = c.newest;
        return c.n;
      },
      rows: (n, off, tierCount) => tierRows(cond, newest, n, off, tierCount, walked.get(n + off)),
    };
  };
  const walk = async (cond: RawBuilder<unknown>, need: number) => {
    const walked = await sql<{ id: number }>`select s.document_id as id from (select document_id, sort_key, agency_id, tsv, title_tsv
        from document_search s ${scoped} order by s.sort_key desc limit ${pgTuning.walkRows}) s
      where ${cond} order by s.sort_key desc limit ${need}`.execute(db);
    return ids(walked.rows);
  };
  const tierRows = async (
    cond: RawBuilder<unknown>,
    newest: number[] | null,
    n: number,
    off: number,
    tierCount: number,
    walkedBefore?: number[],
  ): Promise<number[]> => {
    if (plan === 'planner') return plannerRows(db, cond, n, off, tierCount);
    const need = n + off;
    // Fewer than walkFrom (the cap): the GIN bitmap has at most that many rows to fetch and sort ("+ 0" keeps the planner
    // from walking the sort index instead, which for a rare word reads most of the table).
    const bitmap = (below: RawBuilder<unknown>, limit: number) =>
      sql<{ id: number }>`select s.document_id as id from document_search s where ${cond} ${below}
        order by s.sort_key + 0 desc limit ${limit}`.execute(db);
    if (tierCount < pgTuning.walkFrom) {
      if (newest && newest.length >= Math.min(need, tierCount)) return newest.slice(off, need);
      return ids((await bitmap(sql``, need)).rows).slice(off);
    }
    // A common word: walk the newest walkRows documents of the scope in index order, testing each, which stops
    // as soon as the page is full; what the walk does not find is fetched from the bitmap below where it stopped.
    const found = walkedBefore ?? (await walk(cond, need));
    if (found.length >= need) return found.slice(off);
    const edge = await sql<{ k: string | null }>`select min(k) as k from (select s.sort_key as k from document_search s ${scoped}
      order by s.sort_key desc limit ${pgTuning.walkRows}) w`.execute(db);
    const k = edge.rows[0]?.k;
    if (k === null || k === undefined) return found.slice(off);
    const more = await bitmap(sql`and s.sort_key < ${Number(k)}`, need - found.length);
    return [...found, ...ids(more.rows)].slice(off);
  };
  const total = (await count(where.all, absent(tsv))).n;
  const tiers = [...(id ? [tier(where.exact, absent(tsv))] : []), tier(where.title, absent(titleTsv), true), tier(where.rest, absent(tsv))];
  return tiered(q, total, tiers);
}

/** The plan of before: the planner's choice, with the bitmap scan disabled for a common word. */
async function plannerRows(db: DbOrTrx, cond: RawBuilder<unknown>, n: number, off: number, tierCount: number): Promise<number[]> {
  const query = sql<{ id: number }>`select s.document_id as id from document_search s where ${cond} order by s.sort_key desc limit ${n} offset ${off}`;
  if (tierCount >= SEARCH_COUNT_CAP && !db.isTransaction) {
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await query.execute(trx)).rows.map((row) => Number(row.id));
    });
  }
  return (await query.execute(db)).rows.map((row) => Number(row.id));
}
