import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DbOrTrx } from '../../src/db/database.ts';
import { dialectOf } from '../../src/db/dialect.ts';
import { queryIdentifier } from '../../src/search/identifiers.ts';
import { pgTuning } from '../../src/search/search.query.ts';
import { type IndexableDocument, indexDocuments, indexRow, searchDocuments } from '../../src/search/search.service.ts';
import { type Phrase, parseQuery } from '../../src/search/tokenize.ts';
import { insertPublishedRows } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Issue 17: for the same corpus and query, SQLite (FTS5) and PostgreSQL (tsvector, grams) give the same
// documents in the same order, and both agree with a model that matches token phrases in plain code.

const HAN = [...'中小企业认定工作通知发展管理'];
const docArb = fc.record({
  // Some titles of three characters only, so that a title tier can hold several pages.
  title: fc.oneof(
    fc.string({ unit: fc.constantFrom(...HAN, '，', ' '), minLength: 1, maxLength: 12 }),
    fc.string({ unit: fc.constantFrom('中', '小', '企'), minLength: 1, maxLength: 6 }),
  ),
  body: fc.string({ unit: fc.constantFrom(...HAN, '。', '2', 'a', ' '), maxLength: 40 }),
  docNo: fc.option(fc.tuple(fc.constantFrom('聊工信发', '聊工信字'), fc.integer({ min: 2020, max: 2022 }), fc.integer({ min: 1, max: 3 }))),
  day: fc.integer({ min: 0, max: 1000 }),
  agency: fc.integer({ min: 0, max: 1 }),
  category: fc.constantFrom('policy', 'news'),
});
const queryArb = fc.record({
  // A piece of one of the documents (most queries), or typed at random.
  piece: fc.option(fc.record({ doc: fc.nat(), at: fc.nat(), len: fc.integer({ min: 1, max: 5 }), inTitle: fc.boolean() }), { freq: 4 }),
  text: fc.oneof(
    fc.string({ unit: fc.constantFrom(...HAN), minLength: 1, maxLength: 6 }),
    fc.string({ unit: fc.constantFrom(...HAN, ' ', '2', '，'), minLength: 1, maxLength: 8 }),
    fc
      .tuple(
        fc.constantFrom('聊工信发', '聊工信字'),
        fc.integer({ min: 2020, max: 2022 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('〔〕', '[]', '()', '﹝﹞'),
      )
      .map(([p, y, n, b]) => `${p}${b[0]}${y}${b[1]}${n}号`),
  ),
  agency: fc.option(fc.integer({ min: 0, max: 1 })),
  category: fc.option(fc.constantFrom('policy', 'news')),
  year: fc.option(fc.integer({ min: 2020, max: 2022 })),
  page: fc.integer({ min: 1, max: 3 }),
});

// Small pages, so that pages 2 and 3 often lie inside the title tier (PostgreSQL then reads them without its count).
const PAGE = 3;

type RawDoc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;
const denseTitles: RawDoc[] = Array.from({ length: 14 }, (_, i) => ({
  title: i < 12 ? '中小企业' : '通知',
  body: '企业发展',
  docNo: null,
  day: i * 20,
  agency: i % 2,
  category: 'policy',
}));

/** True when the phrase occurs in the tokens as an FTS phrase query finds it. */
function phraseIn(tokens: string[], p: Phrase): boolean {
  for (let i = 0; i + p.tokens.length <= tokens.length; i++) {
    if (p.tokens.every((t, j) => (p.prefix && j === p.tokens.length - 1 ? tokens[i + j]?.startsWith(t) : tokens[i + j] === t))) return true;
  }
  return false;
}

/** The model: exact identifier, then title/文号 matches, then the rest; newest first in each; PAGE to a page. */
function model(docs: IndexableDocument[], q: string, filters: { agencyId?: number; category?: string; year?: number }, page: number) {
  const phrases = parseQuery(q);
  if (phrases.length === 0) return { total: 0, ids: [] as number[] };
  const id = queryIdentifier(q.trim());
  const tiers: [number, number][] = [];
  for (const d of docs) {
    if (filters.agencyId !== undefined && d.agencyId !== filters.agencyId) continue;
    if (filters.category && d.category !== filters.category) continue;
    if (filters.year && !d.publishedOn.startsWith(String(filters.year))) continue;
    const r = indexRow(d);
    const inTitle = phrases.every((p) => phraseIn(r.title, p) || phraseIn(r.docNo, p));
    const inAll = phrases.every((p) => phraseIn(r.title, p) || phraseIn(r.docNo, p) || phraseIn(r.body, p));
    const exact = id !== null && r.meta.includes(id);
    if (exact || inAll) tiers.push([exact ? 0 : inTitle ? 1 : 2, r.key]);
  }
  tiers.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const ids = tiers.map(([, key]) => key % 2 ** 24);
  return { total: ids.length, ids: ids.slice((page - 1) * PAGE, page * PAGE) };
}

async function replaceCorpus(db: DbOrTrx, docs: IndexableDocument[]): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`delete from document_search`.execute(db);
  else await sql`insert into document_fts(document_fts) values('delete-all')`.execute(db);
  await sql`delete from documents`.execute(db);
  await insertPublishedRows(db, docs);
  await indexDocuments(db, docs);
}

describe('search: SQLite and PostgreSQL agree with each other and with the model', () => {
  const dbs: TestDatabase[] = [];
  const agencies: number[] = [];
  beforeAll(async () => {
    for (const dialect of DIALECTS) dbs.push(await createTestDatabase(dialect));
    for (const [k, code] of ['da', 'db'].entries()) {
      for (const tdb of dbs) {
        const a = await buildAgency(tdb.db, { code });
        agencies[k] = a.id;
      }
    }
  });
  afterAll(async () => {
    for (const tdb of dbs) await tdb.cleanup();
  });

  // PostgreSQL reads a tier's page by the bitmap alone (as tuned, a small corpus; prefixes in the index or not), by walking the newest rows alone
  // (the walk covers the corpus), or by a walk too short for the page and then the bitmap below it.
  it.each([
    ['as tuned: the bitmap, prefixes tested on the rows of the exact lexemes and filters', { ...pgTuning }],
    ['the bitmap with prefixes in the index', { ...pgTuning, recheckRows: 0 }],
    ['every page walked', { walkFrom: 1, walkRows: 1_000 }],
    ['every page walked for two rows, then read from the bitmap', { walkFrom: 1, walkRows: 2 }],
    ['every page walked for seven rows, then read from the bitmap when the walk found too few', { walkFrom: 1, walkRows: 7 }],
  ])('gives the same page and total for generated documents and random queries (%s)', async (_, tuning) => {
    const saved = { ...pgTuning };
    Object.assign(pgTuning, tuning);
    onTestFinished(() => {
      Object.assign(pgTuning, saved);
    });
    await fc.assert(
      fc.asyncProperty(fc.array(docArb, { minLength: 1, maxLength: 20 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }), async (raw, queries) => {
        const docs: IndexableDocument[] = raw.map((r, i) => ({
          id: i + 1,
          agencyId: agencies[r.agency] as number,
          title: r.title,
          docNo: r.docNo ? `${r.docNo[0]}〔${r.docNo[1]}〕${r.docNo[2]}号` : null,
          indexNo: null,
          bodyText: r.body,
          attachmentText: '',
          category: r.category,
          publishedOn: new Date(Date.UTC(2020, 0, 1) + r.day * 86_400_000).toISOString().slice(0, 10),
          validity: null,
          issuingBody: '测试局',
        }));
        for (const tdb of dbs) await replaceCorpus(tdb.db, docs);
        for (const q of queries) {
          if (q.piece) {
            const d = docs[q.piece.doc % docs.length] as IndexableDocument;
            const chars = [...(q.piece.inTitle ? d.title : d.bodyText)];
            const at = q.piece.at % Math.max(1, chars.length);
            q.text = chars.slice(at, at + q.piece.len).join('') || q.text;
          }
          const filters = {
            ...(q.agency !== null ? { agencyId: agencies[q.agency] as number } : {}),
            ...(q.category ? { category: q.category } : {}),
            ...(q.year ? { year: q.year } : {}),
          };
          const expected = model(docs, q.text, filters, q.page);
          for (const tdb of dbs) {
            const got = await searchDocuments(tdb.db, q.text, filters, q.page, PAGE);
            expect({ dialect: dialectOf(tdb.db), q: q.text, total: got.total, ids: got.ids }).toEqual({ dialect: dialectOf(tdb.db), q: q.text, ...expected });
          }
        }
      }),
      // Besides the random runs: twelve titles holding 企, read on pages 1–3 (the title tier fills every page).
      { numRuns: 25, examples: [[denseTitles, [1, 2, 3].map((page) => ({ piece: null, text: '企', agency: null, category: null, year: null, page }))]] },
    );
  });
});

describe.each(DIALECTS)('search on %s: 文号 and 索引号 as exact identifiers', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await tdb.cleanup();
  });

  it('finds a full 索引号, and a 文号 typed with any brackets, the exact document first', async () => {
    const agency = await buildAgency(tdb.db, { code: 'idx' });
    const base = { agencyId: agency.id, attachmentText: '', category: 'normative', validity: 'in_force', issuingBody: '聊城市工业和信息化局' };
    const docs: IndexableDocument[] = [
      // Newer documents that quote the 文号 in their title and body, so only the exact tier can put the right one first.
      {
        ...base,
        id: 1,
        title: '关于印发《管理办法》的通知',
        docNo: '聊工信发〔2022〕12号',
        indexNo: '11371500MB2856218K/2022-00012',
        bodyText: '全文',
        publishedOn: '2022-06-13',
      },
      {
        ...base,
        id: 2,
        title: '《聊工信发〔2022〕12号》政策解读',
        docNo: null,
        indexNo: '11371500MB2856218K/2022-00013',
        bodyText: '解读',
        publishedOn: '2022-06-20',
      },
      {
        ...base,
        id: 3,
        title: '通知',
        docNo: '聊工信发〔2022〕120号',
        indexNo: '11371500MB2856218K/2022-00014',
        bodyText: '依据聊工信发〔2022〕12号',
        publishedOn: '2022-07-01',
      },
    ];
    await replaceCorpus(tdb.db, docs);
    const search = (q: string) => searchDocuments(tdb.db, q, { agencyId: agency.id }, 1, 10);
    expect((await search('11371500MB2856218K/2022-00012')).ids).toEqual([1]);
    expect((await search('11371500mb2856218k／2022-00012')).ids).toEqual([1]);
    for (const q of ['聊工信发〔2022〕12号', '聊工信发[2022]12号', '聊工信发(2022)12号', '聊工信发﹝2022﹞12号', '聊工信发（2022）12号']) {
      expect((await search(q)).ids, q).toEqual([1, 2, 3]);
    }
  });
});
