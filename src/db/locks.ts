import { sql } from 'kysely';
import type { Db, DbOrTrx } from './database.ts';
import { dialectOf } from './dialect.ts';
import { inTransaction } from './tx.ts';

/** A stable 31-bit key for a lock name (PostgreSQL advisory locks take integers). */
function lockKey(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return (h >>> 1) & 0x7fffffff;
}

/**
 * Runs `fn` in a transaction holding the named lock, or returns `{ ran: false }` at once when another process holds
 * it. For periodic jobs run by every server on PostgreSQL: exactly one does the work. On SQLite (one process, one
 * writer) the transaction itself serialises.
 */
export async function withExclusiveLock<T>(
  db: Db,
  name: string,
  fn: Parameters<typeof inTransaction<T>>[1],
): Promise<{ ran: true; value: T } | { ran: false }> {
  return inTransaction(db, async (trx) => {
    if (dialectOf(trx) === 'postgres') {
      const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${lockKey(name)}) as ok`.execute(trx);
      if (!rows[0]?.ok) return { ran: false } as const;
    }
    return { ran: true, value: await fn(trx) } as const;
  });
}

/**
 * Serialises numbering within one agency until the transaction ends (PostgreSQL): the next number is read as the
 * largest taken plus one, so two transactions numbering at once would both take the same one and the second would
 * fail on the unique index: a 409 for something the person did not choose. SQLite's one writer already serialises.
 * Order: a transaction takes its numbering locks before the audit chain's (recordAudit), and several agencies' in id
 * order; taken the other way round, two transactions can wait for each other (PostgreSQL then refuses one).
 */
export async function lockNumbering(trx: DbOrTrx, kind: string, agencyId: number): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${lockKey(`numbering:${kind}`)}, ${agencyId})`.execute(trx);
}
