import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTrx } from '../../src/db/database.ts';
import { dialectOf } from '../../src/db/dialect.ts';
import { inTransaction } from '../../src/db/tx.ts';
import { importDocuments } from '../../src/documents/interchange.ts';
import { bodyText, seededRandom } from '../../src/documents/sample-text.ts';
import { bulkIndexDocuments, type IndexableDocument, searchDocuments } from '../../src/search/search.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// The bulk load of the search index (issue 17): on PostgreSQL a large load drops the GIN indexes and builds them
// (and its b-trees) again in the same transaction; the index must find the same documents after, and a rollback must keep the indexes.
const clock = fixedClock('2024-03-01T02:00:00Z');
const QUERIES = ['企业', '中小企业', '发展', '安全生产', '聊工信字〔2023〕7号', '数'];

const ginIndexes = async (db: DbOrTrx) =>
  dialectOf(db) === 'postgres'
    ? (
        await sql<{ name: string }>`select indexname as name from pg_indexes
          where schemaname = current_schema() and tablename = 'document_search' and indexname <> 'document_search_pkey' order by 1`.execute(db)
      ).rows.map((r) => r.name)
    : [];

// The indexes' identities: a rebuilt index is a new relation.
const indexOids = async (db: DbOrTrx) =>
  dialectOf(db) === 'postgres'
    ? (
        await sql<{ oid: number }>`select c.oid from pg_class c join pg_index i on i.indexrelid = c.oid
          where i.indrelid = 'document_search'::regclass and not i.indisprimary order by c.relname`.execute(db)
      ).rows.map((r) => Number(r.oid))
    : [];

describe.each(DIALECTS)('search: bulk index load on %s', (dialect) => {
  let tdb: TestDatabase;
  let docs: IndexableDocument[];
  const results = async (db: DbOrTrx) => Promise.all(QUERIES.map((q) => searchDocuments(db, q, {}, 1, 50).then((h) => [h.total, h.ids])));
  const clear = (db: DbOrTrx) => (dialectOf(db) === 'postgres' ? db.deleteFrom('documentSearch').execute() : sql`delete from document_fts`.execute(db));

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await buildAgency(tdb.db, { code: 'blk', name: '聊城市工业和信息化局' });
    const rng = seededRandom(17);
    const records = Array.from({ length: 60 }, (_, i) => ({
      line: i + 1,
      record: {
        agency: 'blk',
        ref: `K-${i}`,
        title: `关于推进中小企业发展的通知（第${i}号）`,
        docNo: i % 5 === 0 ? `聊工信字〔2023〕${i + 2}号` : null,
        category: i % 3 === 0 ? 'policy' : 'news',
        issuedOn: '2023-04-28',
        publishedOn: `2023-05-${String(1 + (i % 28)).padStart(2, '0')}`,
        body: bodyText(rng, 1),
      },
    }));
    await importDocuments({ db: tdb.db, clock }, systemActor('测试'), records, { replace: false });
    docs = (
      await tdb.db
        .selectFrom('documents')
        .select(['id', 'agencyId', 'title', 'docNo', 'indexNo', 'bodyText', 'category', 'publishedOn', 'validity', 'issuingBody'])
        .orderBy('id')
        .execute()
    ).map((d) => ({ ...d, publishedOn: d.publishedOn ?? '', attachmentText: '' }));
  });
  afterAll(async () => tdb?.cleanup());

  it('finds the same documents after a load that rebuilds the indexes, and keeps them', async () => {
    const before = await results(tdb.db);
    const indexes = await ginIndexes(tdb.db);
    // Two GIN and two b-tree indexes besides the primary key.
    if (dialect === 'postgres') expect(indexes).toHaveLength(4);
    expect((before[1] as [number, number[]])[0]).toBeGreaterThan(0);
    const oids = await indexOids(tdb.db);
    await inTransaction(tdb.db, async (trx) => {
      await clear(trx);
      await bulkIndexDocuments(trx, docs, 10);
      if (dialect === 'postgres') expect((await indexOids(trx)).some((o) => oids.includes(o))).toBe(false);
    });
    expect(await results(tdb.db)).toEqual(before);
    expect(await ginIndexes(tdb.db)).toEqual(indexes);
  });

  it('leaves index and indexes as they were when the transaction fails', async () => {
    const before = await results(tdb.db);
    const indexes = await ginIndexes(tdb.db);
    await expect(
      inTransaction(tdb.db, async (trx) => {
        await clear(trx);
        await bulkIndexDocuments(trx, docs, 10);
        expect(await ginIndexes(trx)).toEqual(indexes);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await results(tdb.db)).toEqual(before);
    expect(await ginIndexes(tdb.db)).toEqual(indexes);
  });

  it('keeps the indexes of a table larger than the load (rebuilding would sort every row already there)', async () => {
    if (dialect !== 'postgres') return;
    await sql`analyze document_search`.execute(tdb.db);
    const before = await results(tdb.db);
    const oids = await indexOids(tdb.db);
    await inTransaction(tdb.db, async (trx) => {
      await trx
        .deleteFrom('documentSearch')
        .where(
          'documentId',
          'in',
          docs.slice(0, 20).map((d) => d.id),
        )
        .execute();
      await bulkIndexDocuments(trx, docs.slice(0, 20), 10);
      expect(await indexOids(trx)).toEqual(oids);
    });
    expect(await results(tdb.db)).toEqual(before);
  });
});
