import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

// Search at a million documents (issue 17). PostgreSQL's index rows become grams of up to four characters per position
// (src/search/grams.ts) with the filters in both vectors: run `gongkai search reindex` once after upgrading. The
// vectors (2–4 kB) stay in the row, uncompressed, up to a full page: a walk of the newest documents tests each row's
// vector, which from TOAST meant an index lookup, a second read and decompressing for every row.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`alter table document_search set (toast_tuple_target = 8160)`.execute(db);
  await sql`alter table document_search alter column tsv set storage main`.execute(db);
  await sql`alter table document_search alter column title_tsv set storage main`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`alter table document_search reset (toast_tuple_target)`.execute(db);
  await sql`alter table document_search alter column tsv set storage extended`.execute(db);
  await sql`alter table document_search alter column title_tsv set storage extended`.execute(db);
}
