import type { DbOrTrx } from '../db/database.ts';

/** Login throttling limits: after `maxFailures` failures within `windowMs`, the key is locked for `lockMs`. */
export type ThrottleRule = { maxFailures: number; windowMs: number; lockMs: number };

export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds the key stays locked from `now`, or 0 when it may try. State lives in the database, shared by all servers. */
export async function lockedFor(db: DbOrTrx, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('loginThrottle').select('lockedUntil').where('key', '=', key).executeTakeFirst();
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Date.parse(row.lockedUntil) - now.getTime());
}

/** Counts a failure for the key; on reaching the rule's limit, locks it. Returns the lock length (0 if none). */
export async function recordFailure(db: DbOrTrx, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  // Atomic upsert so concurrent failures on several servers are all counted.
  await db
    .insertInto('loginThrottle')
    .values({ key, failures: 1, windowStartedAt: nowIso, lockedUntil: null })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb(eb.ref('loginThrottle.failures'), '+', 1) })))
    .execute();
  const row = await db.selectFrom('loginThrottle').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
  if (now.getTime() - Date.parse(row.windowStartedAt) > rule.windowMs) {
    await db.updateTable('loginThrottle').set({ failures: 1, windowStartedAt: nowIso, lockedUntil: null }).where('key', '=', key).execute();
    return 0;
  }
  if (row.failures >= rule.maxFailures) {
    const until = new Date(now.getTime() + rule.lockMs).toISOString();
    await db.updateTable('loginThrottle').set({ lockedUntil: until, failures: 0, windowStartedAt: nowIso }).where('key', '=', key).execute();
    return rule.lockMs;
  }
  return 0;
}

/** Forgets the failures of a key after a successful login. */
export async function clearFailures(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}
