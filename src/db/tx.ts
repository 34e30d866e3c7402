import type { Transaction } from 'kysely';
import type { DbOrTrx } from './database.ts';
import type { Database } from './schema.ts';

/** Runs `fn` in a transaction, joining the caller's when one is open, so use cases compose into one commit. */
export function inTransaction<T>(db: DbOrTrx, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}
