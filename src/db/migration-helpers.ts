import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run below the typed schema.
type AnyDb = Kysely<any>;

/** Adds an integer auto-increment primary key `id` that works on both dialects (serial / rowid alias). */
export function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return dialectOf(db) === 'postgres' ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey());
}

/** A foreign key to agencies that removes nothing by accident: agencies are never deleted while they hold data. */
export const agencyRef = (c: ColumnDefinitionBuilder) => c.notNull().references('agencies.id');
