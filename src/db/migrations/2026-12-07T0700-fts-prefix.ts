import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

// Search on SQLite (issue 17): a one-character word is a prefix query over the bigrams (企 → 企*), which FTS5 answered
// by merging the posting list of every bigram beginning with the character: 1.4 s at p95 at a million documents. A
// prefix index of one character answers it from one list. FTS5 cannot add one to an existing table, and a
// contentless table cannot be copied, so the table is created afresh and a full reindex is recorded as unfinished
// (search_reindex, scope '*'): the server resumes it in the background on start, `gongkai search reindex` at once.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await recreate(db, ", prefix='1'");
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await recreate(db, '');
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function recreate(db: Kysely<any>, options: string): Promise<void> {
  await sql`drop table document_fts`.execute(db);
  await sql
    .raw(
      `create virtual table document_fts using fts5(title, body, docno, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'${options})`,
    )
    .execute(db);
  const published = await sql<{ n: number }>`select count(*) as n from documents where status = 'published'`.execute(db);
  const total = Number(published.rows[0]?.n ?? 0);
  if (total === 0) return;
  await sql`insert into search_reindex (scope, last_id, done, total, started_at, finished_at)
    values ('*', 0, 0, ${total}, ${new Date().toISOString()}, null)
    on conflict (scope) do update set last_id = 0, done = 0, total = excluded.total, started_at = excluded.started_at, finished_at = null`.execute(db);
}
