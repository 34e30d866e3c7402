import type { DbOrTrx } from '../db/database.ts';

/** Throttling limits (addresses, tracking): after `maxFailures` failures within `windowMs`, the key is locked for `lockMs`. */
export type ThrottleRule = { maxFailures: number; windowMs: number; lockMs: number };

/**
 * Accounts lock progressively: the first `freeFailures` failures of a streak cost nothing, then each failure locks
 * the account for twice as long as the one before, from `firstLockMs` up to `maxLockMs`. A streak ends with a
 * successful sign-in, an administrator's unlock, or `streakMs` after it began. A typing slip costs a minute, not a
 * quarter of an hour, while guessing gets about fifty tries a day; a stranger who locks a known name out is undone
 * by an administrator (unlockAccount), and the user is told afterwards.
 */
export type AccountPolicy = { freeFailures: number; firstLockMs: number; maxLockMs: number; streakMs: number };
export const ACCOUNT_POLICY: AccountPolicy = { freeFailures: 4, firstLockMs: 60_000, maxLockMs: 30 * 60_000, streakMs: 24 * 3600_000 };

/** How long the account locks after the `failures`-th failure of a streak (0: not at all). */
export function accountLockMs(failures: number, policy: AccountPolicy = ACCOUNT_POLICY): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(30, failures - policy.freeFailures - 1));
}

/** The throttle key of an account: the typed name, so an unknown name throttles (and reads) exactly like a known one. */
export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;

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

/**
 * Counts a failed sign-in of an account and locks it as ACCOUNT_POLICY says; returns the end of the lock, or null.
 * Also counts the failure since the last successful sign-in, with its time and address, to tell the user.
 */
export async function recordAccountFailure(db: DbOrTrx, key: string, now: Date, ip: string, policy: AccountPolicy = ACCOUNT_POLICY): Promise<Date | null> {
  const nowIso = now.toISOString();
  // Atomic upsert so concurrent failures on several servers are all counted.
  await db
    .insertInto('loginThrottle')
    .values({ key, failures: 1, windowStartedAt: nowIso, lockedUntil: null, sinceSuccess: 1, lastFailureAt: nowIso, lastFailureIp: ip })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb(eb.ref('loginThrottle.failures'), '+', 1),
        sinceSuccess: eb(eb.ref('loginThrottle.sinceSuccess'), '+', 1),
        lastFailureAt: nowIso,
        lastFailureIp: ip,
      })),
    )
    .execute();
  const row = await db.selectFrom('loginThrottle').select(['failures', 'windowStartedAt']).where('key', '=', key).executeTakeFirstOrThrow();
  if (now.getTime() - Date.parse(row.windowStartedAt) > policy.streakMs) {
    await db.updateTable('loginThrottle').set({ failures: 1, windowStartedAt: nowIso, lockedUntil: null }).where('key', '=', key).execute();
    return null;
  }
  const lockMs = accountLockMs(row.failures, policy);
  if (lockMs === 0) return null;
  const until = new Date(now.getTime() + lockMs);
  await db.updateTable('loginThrottle').set({ lockedUntil: until.toISOString() }).where('key', '=', key).execute();
  return until;
}

export type FailuresSinceSuccess = { count: number; lastAt: string | null; lastIp: string | null };

/** Ends an account's streak after a successful sign-in; returns the failures since the previous one. */
export async function takeAccountFailures(db: DbOrTrx, key: string): Promise<FailuresSinceSuccess> {
  const row = await db.selectFrom('loginThrottle').select(['sinceSuccess', 'lastFailureAt', 'lastFailureIp']).where('key', '=', key).executeTakeFirst();
  if (row) await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
  return { count: row?.sinceSuccess ?? 0, lastAt: row?.lastFailureAt ?? null, lastIp: row?.lastFailureIp ?? null };
}

/** The accounts among `usernames` locked at `now`, with the end of each lock. */
export async function lockedAccounts(db: DbOrTrx, usernames: readonly string[], now: Date): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await db
    .selectFrom('loginThrottle')
    .select(['key', 'lockedUntil'])
    .where('key', 'in', usernames.map(accountKey))
    .where('lockedUntil', '>', now.toISOString())
    .execute();
  return new Map(rows.map((r) => [r.key.slice('account:'.length), r.lockedUntil ?? '']));
}

/** Forgets the failures of a key after a successful login. */
export async function clearFailures(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}
