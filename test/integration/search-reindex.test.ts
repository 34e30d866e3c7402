import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { dialectOf } from '../../src/db/dialect.ts';
import { inTransaction } from '../../src/db/tx.ts';
import { correctDocument, withdrawDocument } from '../../src/documents/published.service.ts';
import { reindexSearch } from '../../src/documents/reindex.ts';
import { searchDocuments } from '../../src/search/search.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2022-06-13T02:00:00Z');
const leader = systemActor('测试领导');

describe.each(DIALECTS)('search index upkeep on %s', (dialect) => {
  let tdb: TestDatabase;
  let agencyId: number;
  const found = async (q: string) => (await searchDocuments(tdb.db, q, { agencyId }, 1, 20)).ids;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agencyId = (await buildAgency(tdb.db, { code: 'rix' })).id;
  });
  afterAll(async () => tdb?.cleanup());

  it('corrects and withdraws in the same transaction as the index: a rollback leaves the index as it was', async () => {
    const doc = await buildPublished(tdb.db, agencyId, { title: '关于绿色制造示范单位的公示' });
    expect(await found('绿色制造')).toEqual([doc.id]);
    const rollback = new Error('rollback');
    await expect(
      inTransaction(tdb.db, async (trx) => {
        await correctDocument({ db: trx, clock }, leader, agencyId, doc.id, { title: '关于首台套产品的公示', body: '<p>更正</p>', reason: '标题有误' });
        // Inside the transaction the index already holds the new text …
        expect((await searchDocuments(trx, '首台套', { agencyId }, 1, 20)).ids).toEqual([doc.id]);
        expect((await searchDocuments(trx, '绿色制造', { agencyId }, 1, 20)).ids).toEqual([]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    // … and after the rollback neither the document nor its index row changed.
    expect(await found('绿色制造')).toEqual([doc.id]);
    expect(await found('首台套')).toEqual([]);
    await expect(
      inTransaction(tdb.db, async (trx) => {
        await withdrawDocument({ db: trx, clock }, leader, agencyId, doc.id, { reason: '撤回' });
        expect((await searchDocuments(trx, '绿色制造', { agencyId }, 1, 20)).ids).toEqual([]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await found('绿色制造')).toEqual([doc.id]);
    await withdrawDocument({ db: tdb.db, clock }, leader, agencyId, doc.id, { reason: '撤回' });
    expect(await found('绿色制造')).toEqual([]);
  });

  it('rebuilds the index in batches and goes on after an interruption from its cursor', async () => {
    const docs = [];
    for (let i = 0; i < 5; i++) docs.push(await buildPublished(tdb.db, agencyId, { title: `工业互联网平台第${i}批名单` }));
    if (dialectOf(tdb.db) === 'postgres') await sql`delete from document_search`.execute(tdb.db);
    else await sql`insert into document_fts(document_fts) values('delete-all')`.execute(tdb.db);
    expect(await found('互联网')).toEqual([]);
    const stop = new Error('interrupted');
    await expect(
      reindexSearch(
        { db: tdb.db, clock },
        {
          batch: 2,
          onProgress: (p) => {
            if (p.done >= 2) throw stop;
          },
        },
      ),
    ).rejects.toBe(stop);
    const cursor = await tdb.db.selectFrom('searchReindex').selectAll().where('scope', '=', '*').executeTakeFirstOrThrow();
    expect(cursor).toMatchObject({ done: 2, finishedAt: null });
    expect(await found('互联网')).toHaveLength(2);
    const seen: number[] = [];
    const result = await reindexSearch({ db: tdb.db, clock }, { batch: 2, onProgress: (p) => seen.push(p.done) });
    expect(result).toMatchObject({ resumed: true, done: result.total });
    expect(seen).toEqual([2, 4, result.total]);
    expect(new Set(await found('互联网'))).toEqual(new Set(docs.map((d) => d.id).reverse()));

    // The command line: one agency, a final line with the count; an unknown agency exits 2.
    const lines: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'gongkai', 'search', 'reindex', '--agency', 'rix', '--batch', '2'], (l) => lines.push(l), tdb.env)).toBe(0);
      expect(await main(['node', 'gongkai', 'search', 'reindex', '--agency', 'nope'], (l) => lines.push(l), tdb.env)).toBe(2);
    } finally {
      stderr.mockRestore();
    }
    expect(lines[0]).toBe('检索索引重建完成：共 5 篇已发布文件。');
    expect(new Set(await found('互联网'))).toEqual(new Set(docs.map((d) => d.id)));
  });
});
