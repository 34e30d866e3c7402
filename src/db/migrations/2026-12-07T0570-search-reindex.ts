import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

// Search at city scale (issue 17): the cursor of `gongkai search reindex` (one row per scope, so an interrupted run
// goes on where it stopped), and on PostgreSQL an (agency_id, sort_key) index, so an agency's newest matches are read
// from its own part of the order instead of every agency's. The index rows themselves change shape (n-gram lexemes,
// 文号/索引号 tokens): `gongkai search reindex` rebuilds them; a migration cannot, as it must not import the tokenizer.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_reindex')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  if (dialectOf(db) === 'postgres') {
    await sql`create index document_search_agency_sort on document_search (agency_id, sort_key)`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`drop index document_search_agency_sort`.execute(db);
  await db.schema.dropTable('search_reindex').execute();
}
