import { sql } from 'kysely';
import type { DbOrTrx } from './database.ts';
import { dialectOf } from './dialect.ts';

/** A B-tree build sorts its entries: in memory with this much. */
const SORT_MEMORY = '256MB';
/**
 * A GIN build gathers entries in a tree of this size and merges it into the index whenever it is full. A small tree,
 * which stays in the processor's cache, built the search vectors' indexes faster than a large one: 100,000 documents
 * (13.9 million entries) in 4.7–6.6 s at 8 MB against 5.9–9.0 s at 256 MB, interleaved, and 400,000 in 18 s against
 * 22–27 s (docs/search.md).
 */
const GIN_BUILD_MEMORY = '8MB';

/**
 * Runs a large load into `table` with its secondary indexes dropped and built again after (PostgreSQL, inside the
 * caller's transaction): building an index sorts every entry once instead of inserting each row's entries one by
 * one. Only when the load is at least `from` rows and at least the table's size (rebuilding also sorts the rows
 * already there). The primary key and indexes behind constraints (unique checks) stay. DROP and CREATE INDEX are
 * transactional, so a failed load leaves the indexes as they were; the table is locked against readers until the
 * commit. The definitions are read from the catalogue, so they stay whatever the migrations made them.
 *
 * `foreignKeysFrom`: tables whose foreign keys into `table` are dropped for the load too and added again after it,
 * which checks every row at once (one join) instead of one query per row written. Only these: with `table` locked
 * for the load anyway, nobody else can write a row that would need the check. Keys into other tables stay.
 */
export async function withIndexesRebuilt<T>(
  db: DbOrTrx,
  table: string,
  rows: number,
  from: number,
  load: () => Promise<T>,
  foreignKeysFrom: readonly string[] = [],
): Promise<T> {
  if (dialectOf(db) !== 'postgres' || !db.isTransaction || rows < from) return load();
  const size = await sql<{ rows: number }>`select reltuples as rows from pg_class where oid = ${table}::regclass`.execute(db);
  if (rows < Number(size.rows[0]?.rows ?? 0)) return load();
  const indexes = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(db);
  for (const i of indexes.rows) await sql`drop index ${sql.id(i.name)}`.execute(db);
  const keys =
    foreignKeysFrom.length === 0
      ? []
      : (
          await sql<{ child: string; name: string; def: string }>`
            select c.conrelid::regclass::text as child, c.conname as name, pg_get_constraintdef(c.oid) as def from pg_constraint c
            where c.contype = 'f' and c.confrelid = ${table}::regclass
              and c.conrelid = any (select (quote_ident(current_schema()) || '.' || quote_ident(t))::regclass from unnest(${foreignKeysFrom as string[]}::text[]) as t)
            order by c.conname`.execute(db)
        ).rows;
  for (const k of keys) await sql`alter table ${sql.raw(k.child)} drop constraint ${sql.id(k.name)}`.execute(db);
  const result = await load();
  // Nothing is durable before the load's one commit anyway.
  await sql`set local synchronous_commit = off`.execute(db);
  for (const i of indexes.rows) {
    await sql.raw(`set local maintenance_work_mem = '${/ using gin /i.test(i.def) ? GIN_BUILD_MEMORY : SORT_MEMORY}'`).execute(db);
    await sql.raw(i.def).execute(db);
  }
  for (const k of keys) await sql`alter table ${sql.raw(k.child)} add constraint ${sql.id(k.name)} ${sql.raw(k.def)}`.execute(db);
  return result;
}
