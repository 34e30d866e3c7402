import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../src/db/migrations/2026-12-07T0700-fts-prefix.ts';
import { resumeReindexInBackground } from '../../src/documents/reindex.ts';
import { type IndexableDocument, indexDocuments, searchDocuments } from '../../src/search/search.service.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { insertPublishedRows } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

// SQLite answered a one-character word by merging the posting list of every bigram beginning with it (1.4 s at p95
// at a million documents). Migration 2026-12-07T0700 gives the index a one-character prefix index: the table is
// created afresh, and the rebuild it needs is recorded and resumed by the server in the background.
const clock = fixedClock('2024-03-01T02:00:00Z');

describe('SQLite search index with a one-character prefix index', () => {
  let tdb: TestDatabase;
  let docs: IndexableDocument[];
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agencyId = (await buildAgency(tdb.db)).id;
    docs = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      agencyId,
      title: i % 3 === 0 ? `关于企业第${i}批项目的通知` : `第${i}批项目的通知`,
      docNo: null,
      indexNo: null,
      bodyText: i % 2 === 0 ? '推进中小企业发展。' : '推进工业经济平稳运行。',
      attachmentText: '',
      category: 'policy',
      publishedOn: new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      validity: null,
      issuingBody: '测试局',
    }));
    await insertPublishedRows(tdb.db, docs);
  });
  afterAll(async () => tdb?.cleanup());

  const definition = async () => (await sql<{ sql: string }>`select sql from sqlite_master where name = 'document_fts'`.execute(tdb.db)).rows[0]?.sql ?? '';
  const cursor = () => tdb.db.selectFrom('searchReindex').selectAll().where('scope', '=', '*').executeTakeFirst();

  it('is created afresh by the migration, which records the rebuild; the server finishes it in the background', async () => {
    // The index as it was before the migration, filled.
    await down(tdb.db);
    expect(await definition()).not.toContain('prefix');
    await indexDocuments(tdb.db, docs);
    const before = await searchDocuments(tdb.db, '企', {}, 1, 50);
    expect(before.total).toBe(20);

    await up(tdb.db);
    expect(await definition()).toContain("prefix='1'");
    expect(await cursor()).toMatchObject({ lastId: 0, done: 0, total: 30, finishedAt: null });
    // Empty until rebuilt: the migration cannot tokenise.
    expect((await searchDocuments(tdb.db, '企', {}, 1, 50)).total).toBe(0);

    const lines: string[] = [];
    await resumeReindexInBackground({ db: tdb.db, clock }, (l) => lines.push(l)).finished;
    expect(lines).toEqual([expect.stringContaining('正在后台继续'), expect.stringContaining('共 30 篇')]);
    expect((await cursor())?.finishedAt).not.toBeNull();
    // The same documents in the same order, for one character and for longer words.
    expect(await searchDocuments(tdb.db, '企', {}, 1, 50)).toEqual(before);
    for (const q of ['企业', '中小企业', '经济', '通']) {
      const got = await searchDocuments(tdb.db, q, {}, 1, 50);
      expect(got.total).toBeGreaterThan(0);
    }
  });

  it('has nothing to resume once the rebuild finished', async () => {
    const lines: string[] = [];
    await resumeReindexInBackground({ db: tdb.db, clock }, (l) => lines.push(l)).finished;
    expect(lines).toEqual([]);
  });
});
