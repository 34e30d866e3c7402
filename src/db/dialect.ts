import { type Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from './database.ts';

/** Which dialect a handle (or transaction) talks to, for the few places where SQL really differs. */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema, including migrations' Kysely<any>.
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
