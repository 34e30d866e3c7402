import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIndexesRebuilt } from '../../src/db/bulk-load.ts';
import type { DbOrTrx } from '../../src/db/database.ts';
import { dialectOf } from '../../src/db/dialect.ts';
import type { Agency } from '../../src/db/schema.ts';
import { inTransaction } from '../../src/db/tx.ts';
import { draftSchema } from '../../src/documents/documents.schema.ts';
import { CATEGORIES } from '../../src/documents/documents.tables.ts';
import { insertNewDocuments, type NewPlanned } from '../../src/documents/import-bulk.ts';
import { importDocuments } from '../../src/documents/interchange.ts';
import { ImportFailed, type ImportLine } from '../../src/interchange/importer.ts';
import { searchDocuments } from '../../src/search/search.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// The import writes documents in chunks, one written while the next is built (issue 17). Across several chunks
// every row must get its own id (its search row, review step and interpretation link), and a failure in a later
// chunk must undo the earlier ones without taking the process down.
const clock = fixedClock('2024-03-01T02:00:00Z');
const N = 4500;

const records = (from: number, n: number) =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      line: k + 1,
      record: {
        agency: 'chk',
        ref: `C-${i}`,
        title: `第${i}号通知`,
        category: i % 700 === 699 ? 'interpretation' : 'news',
        // An interpretation of a document written in an earlier chunk.
        ...(i % 700 === 699 ? { interprets: `C-${Math.max(0, i - 2500)}` } : {}),
        issuedOn: '2023-04-28',
        publishedOn: `2023-05-${String(1 + (i % 28)).padStart(2, '0')}`,
        body: `正文${i}。`,
      },
    };
  });

describe.each(DIALECTS)('document import across chunks on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await buildAgency(tdb.db, { code: 'chk', name: '分块导入测试局' });
    await buildAgency(tdb.db, { code: 'chk2', name: '分块导入测试二局' });
  });
  afterAll(async () => tdb?.cleanup());

  it('gives each document of every chunk its own id, search row, review step and link', async () => {
    const counts = await importDocuments({ db: tdb.db, clock }, systemActor('测试'), records(0, N), { replace: false });
    expect(counts).toBe(N);
    const rows = await tdb.db.selectFrom('documents').select(['id', 'ref', 'title', 'interpretsId']).execute();
    expect(rows).toHaveLength(N);
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    for (const r of rows) expect(r.title).toBe(`第${r.ref.slice(2)}号通知`);
    // Each interpretation points at the document its record named.
    for (const r of rows.filter((d) => d.interpretsId !== null)) {
      const i = Number(r.ref.slice(2));
      expect(r.interpretsId).toBe(byRef.get(`C-${Math.max(0, i - 2500)}`)?.id);
    }
    expect(rows.filter((d) => d.interpretsId !== null)).toHaveLength(Math.floor(N / 700));
    // Review steps name their record's line; line k is ref C-(k-1).
    const steps = await tdb.db.selectFrom('reviewSteps').select(['documentId', 'comment']).execute();
    expect(steps).toHaveLength(N);
    const refOf = new Map(rows.map((r) => [r.id, r.ref]));
    for (const s of steps) expect(s.comment).toBe(`第 ${Number(refOf.get(s.documentId)?.slice(2)) + 1} 行`);
    // The search finds a document of each chunk (2,000 rows on SQLite, 500 on PostgreSQL; the first and last of some) by
    // its own words, and only it:
    // a search row written under another document's id would find that one.
    for (const i of [0, 1999, 2000, 3999, 4000, 4321, 4499]) {
      const hit = await searchDocuments(tdb.db, `第${i}号通知`, {}, 1, 20);
      expect(hit.ids, `C-${i}`).toEqual([byRef.get(`C-${i}`)?.id]);
    }
  });

  it('gives every document its own id when the lines outnumber the count the ids were taken for', async () => {
    // PostgreSQL takes the ids first, as many as the file's new lines; should more documents come, more are taken.
    const agency = await tdb.db.selectFrom('agencies').selectAll().where('code', '=', 'chk2').executeTakeFirstOrThrow();
    const planned: NewPlanned[] = Array.from({ length: 1100 }, (_, k) => ({
      line: k + 1,
      agency,
      ref: `T-${k}`,
      interpretsRef: null,
      data: draftSchema.parse({ title: `补号测试${k}号`, category: 'news', issuedOn: '2023-04-28', publishedOn: '2023-05-02', body: `补号正文${k}。` }),
    }));
    const refIds = new Map<string, number>();
    await inTransaction(tdb.db, (trx) =>
      insertNewDocuments(
        { trx, clock, actor: systemActor('测试'), options: { replace: false } },
        {
          planned: (async function* () {
            yield planned;
          })(),
          rows: 3,
          published: 3,
          givenIndexNos: new Map(),
        },
        refIds,
      ),
    );
    const rows = await tdb.db.selectFrom('documents').select(['id', 'ref', 'title']).where('ref', 'like', 'T-%').execute();
    expect(rows).toHaveLength(1100);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1100);
    for (const r of rows) expect(r.title).toBe(`补号测试${r.ref.slice(2)}号`);
    for (const i of [0, 2, 3, 499, 500, 1099]) {
      const hit = await searchDocuments(tdb.db, `补号测试${i}号`, {}, 1, 20);
      expect(hit.ids, `T-${i}`).toEqual([refIds.get(`${agency.id}\u0000T-${i}`)]);
    }
  });

  it('writes nothing when a later chunk fails in the database, and the process lives on', async () => {
    const before = await tdb.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (dialectOf(tdb.db) === 'postgres') {
      await sql`create function refuse_d5100() returns trigger language plpgsql as $$ begin
        if new.ref = 'D-5100' then raise exception 'refused by the test'; end if; return new; end $$`.execute(tdb.db);
      await sql`create trigger refuse_d5100 before insert on documents for each row execute function refuse_d5100()`.execute(tdb.db);
    } else {
      await sql`create trigger refuse_d5100 before insert on documents when new.ref = 'D-5100'
        begin select raise(abort, 'refused by the test'); end`.execute(tdb.db);
    }
    // The failing row is in the first chunk; the second chunk's first row of another agency makes its building wait
    // on the database, so the failure arrives while the next chunk is being built.
    const more = records(5000, N).map((r, k) => ({
      ...r,
      record: { ...r.record, ref: r.record.ref.replace('C-', 'D-'), interprets: undefined, agency: k >= 2100 ? 'chk2' : 'chk' },
    }));
    await expect(importDocuments({ db: tdb.db, clock }, systemActor('测试'), more, { replace: false })).rejects.toThrow();
    const after = await tdb.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await tdb.db.selectFrom('documents').select('id').where('ref', 'like', 'D-%').execute()).toEqual([]);
  });
});

// The lines are checked in steps of 2,000, each step's documents written while the next is checked. What the checks
// find must not depend on that: every problem of the file is listed, whatever step it is in, and nothing of the steps
// already written is left; a 索引号 the file gives later is never handed out earlier.
describe.each(DIALECTS)('document import checked in steps on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { code: 'stp', name: '分步检查测试局' });
  });
  afterAll(async () => tdb?.cleanup());

  const file = (n: number, tag: string) =>
    Array.from({ length: n }, (_, k) => ({
      line: k + 1,
      record: {
        agency: 'stp',
        ref: `${tag}-${k}`,
        title: `${tag}第${k}号`,
        category: 'news',
        issuedOn: '2023-04-28',
        publishedOn: '2023-05-04',
        body: '正文',
      } as Record<string, unknown>,
    }));
  const count = async (table: 'documents' | 'reviewSteps') =>
    Number(
      (
        await tdb.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lists the problems of every step and leaves nothing of the steps written before', async () => {
    const lines = file(4500, 'P');
    (lines[4] as ImportLine).record.publishedOn = '2023-02-30';
    // A ref repeated from the first step: by then that document is in the database, yet it is a repeat in the file.
    (lines[2600] as ImportLine).record.ref = 'P-7';
    (lines[4400] as ImportLine).record.agency = 'nowhere';
    const failure = await importDocuments({ db: tdb.db, clock }, systemActor('测试'), lines, { replace: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ImportFailed);
    expect((failure as ImportFailed).problems.map((p) => [p.line, p.field])).toEqual([
      [5, 'publishedOn'],
      [2601, 'ref'],
      [4401, 'agency'],
    ]);
    expect((failure as ImportFailed).problems[1]?.message).toBe(t.documents.import.refRepeated('stp', 'P-7'));
    expect(await count('documents')).toBe(0);
    expect(await count('reviewSteps')).toBe(0);
    expect((await searchDocuments(tdb.db, 'P第7号', {}, 1, 20)).total).toBe(0);
  });

  it('rolls back the steps written when only the last step has a problem', async () => {
    const lines = file(4500, 'Q');
    (lines[4499] as ImportLine).record.title = '';
    await expect(importDocuments({ db: tdb.db, clock }, systemActor('测试'), lines, { replace: false })).rejects.toBeInstanceOf(ImportFailed);
    expect(await count('documents')).toBe(0);
  });

  it('never numbers a document with a 索引号 that a later line gives', async () => {
    const lines = file(2600, 'N');
    // What the first line would be numbered, given by a line of the second step.
    const first = `${agency.creditCode ?? agency.code.toUpperCase()}/${String(CATEGORIES.indexOf('news') + 1).padStart(2, '0')}-2023-0001`;
    (lines[2500] as ImportLine).record.indexNo = first;
    expect(await importDocuments({ db: tdb.db, clock }, systemActor('测试'), lines, { replace: false })).toBe(2600);
    const numbers = await tdb.db.selectFrom('documents').select(['ref', 'indexNo']).where('ref', 'in', ['N-0', 'N-1', 'N-2500']).orderBy('ref').execute();
    expect(numbers).toEqual([
      { ref: 'N-0', indexNo: first.replace(/0001$/, '0002') },
      { ref: 'N-1', indexNo: first.replace(/0001$/, '0003') },
      { ref: 'N-2500', indexNo: first },
    ]);
  });

  it('writes replacements of any step after the new documents, which they may follow', async () => {
    // Every 20th line, in both steps, replaces a document imported above; the others are new.
    const lines = file(4200, 'R').map((l, k) => (k % 20 === 1 ? { ...l, record: { ...l.record, ref: `N-${(k - 1) / 20}`, title: `替换${k}` } } : l));
    expect(await importDocuments({ db: tdb.db, clock }, systemActor('测试'), lines, { replace: true })).toBe(4200);
    const replaced = await tdb.db.selectFrom('documents').select(['ref', 'title']).where('ref', 'in', ['N-0', 'N-209']).orderBy('ref').execute();
    expect(replaced).toEqual([
      { ref: 'N-0', title: '替换1' },
      { ref: 'N-209', title: '替换4181' },
    ]);
    expect(await count('documents')).toBe(2600 + 4200 - 210);
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('the documents table’s list indexes and keys around a large load on postgres', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
  });
  afterAll(async () => tdb?.cleanup());

  const indexes = async (db: DbOrTrx) =>
    (
      await sql<{ name: string; oid: number }>`select c.relname as name, c.oid from pg_class c join pg_index i on i.indexrelid = c.oid
        where i.indrelid = 'documents'::regclass order by c.relname`.execute(db)
    ).rows;

  it('builds the list indexes again after the load, keeps the unique ones checking, and rolls back whole', async () => {
    const before = await indexes(tdb.db);
    const agency = await buildAgency(tdb.db, { code: 'idx' });
    const row = (ref: string) => ({
      agencyId: agency.id,
      ref,
      title: ref,
      issuingBody: '局',
      category: 'news' as const,
      issuedOn: '2023-01-01',
      bodyHtml: '',
      bodyText: '',
      status: 'draft' as const,
      version: 1,
      createdBy: '测试',
      createdAt: 'x',
      updatedAt: 'x',
    });
    await inTransaction(tdb.db, async (trx) => {
      await withIndexesRebuilt(trx, 'documents', 1000, 1, async () => {
        // The list indexes are gone during the load; the primary key and the unique constraints stay and check.
        const during = (await indexes(trx)).map((i) => i.name);
        expect(during).toEqual(['documents_agency_index_no', 'documents_agency_ref', 'documents_pkey']);
        await trx.insertInto('documents').values(row('A')).execute();
      });
      const after = await indexes(trx);
      expect(after.map((i) => i.name)).toEqual(before.map((i) => i.name));
      // The list indexes are new relations; the constraint ones are the same.
      const kept = after.filter((i) => before.some((b) => b.oid === i.oid)).map((i) => i.name);
      expect(kept).toEqual(['documents_agency_index_no', 'documents_agency_ref', 'documents_pkey']);
    });
    await expect(
      inTransaction(tdb.db, (trx) =>
        withIndexesRebuilt(trx, 'documents', 1000, 1, async () => {
          await trx.insertInto('documents').values(row('A')).execute();
        }),
      ),
    ).rejects.toThrow();
    expect((await indexes(tdb.db)).map((i) => i.name)).toEqual(before.map((i) => i.name));
  });

  it('drops the named tables’ foreign keys into the table for the load, checks them all again after, and rolls back whole', async () => {
    const keys = async (db: DbOrTrx) =>
      (
        await sql<{ name: string; def: string }>`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
          where contype = 'f' and confrelid = 'documents'::regclass order by conname`.execute(db)
      ).rows;
    const before = await keys(tdb.db);
    expect(before.map((k) => k.name)).toEqual(expect.arrayContaining(['document_search_document_id_fkey', 'review_steps_document_id_fkey']));
    const agency = await buildAgency(tdb.db, { code: 'fk' });
    const step = (documentId: number) => ({
      agencyId: agency.id,
      documentId,
      step: 'import' as const,
      fromStatus: 'draft' as const,
      toStatus: 'draft' as const,
      actorName: '测试',
      comment: null,
      checklistJson: null,
      at: 'x',
    });
    await inTransaction(tdb.db, async (trx) => {
      await withIndexesRebuilt(
        trx,
        'documents',
        1000,
        1,
        async () => {
          // Only the keys of the named tables are gone (answer_documents keeps its own).
          const during = (await keys(trx)).map((k) => k.name);
          expect(during).not.toContain('review_steps_document_id_fkey');
          expect(during).not.toContain('document_search_document_id_fkey');
          expect(during).toContain('answer_documents_document_id_fkey');
        },
        ['review_steps', 'document_search'],
      );
      expect(await keys(trx)).toEqual(before);
    });
    // A row written during the load that breaks the key fails the whole load when the key is added again.
    await expect(
      inTransaction(tdb.db, (trx) =>
        withIndexesRebuilt(
          trx,
          'documents',
          1000,
          1,
          async () => {
            await trx.insertInto('reviewSteps').values(step(987654)).execute();
          },
          ['review_steps'],
        ),
      ),
    ).rejects.toThrow(/review_steps_document_id_fkey/);
    expect(await keys(tdb.db)).toEqual(before);
    expect(await tdb.db.selectFrom('reviewSteps').select('id').where('documentId', '=', 987654).execute()).toEqual([]);
  });
});
