import { recordAudit } from '../audit/audit.service.ts';
import type { Db, DbOrTrx } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { type Clock, chinaTime } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { randomToken, sha256Hex } from '../shared/ids.ts';
import { burnVerification, hashPassword, verifyPassword } from './passwords.ts';
import { ADDRESS_RULE, accountKey, type FailuresSinceSuccess, lockedFor, recordAccountFailure, recordFailure, takeAccountFailures } from './throttle.ts';
import { passwordSchema } from './users.schema.ts';
import { loadRoles } from './users.service.ts';

type Deps = { db: Db; clock: Clock };

/** The cookie that carries the session token (the console's paths only). */
export const SESSION_COOKIE = 'gk_session';
export const SESSION_TTL_MS = 12 * 3600_000;
// Refresh last-seen at most this often: one write per active user a minute, not one per request.
const TOUCH_INTERVAL_MS = 60_000;

export type LoginInput = { username: string; password: string; ip: string; userAgent?: string | undefined };

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Checks credentials with throttling per account (progressive, see ACCOUNT_POLICY) and per address, and opens a
 * server-side session. Returns the cookie token (only its hash is stored) and the failed sign-ins of the account
 * since its last successful one. Failures are THROTTLED or UNAUTHENTICATED errors.
 */
export async function login({ db, clock }: Deps, input: LoginInput): Promise<{ token: string; userId: number; failuresBefore: FailuresSinceSuccess }> {
  const now = clock.now();
  const username = input.username.trim().toLowerCase();
  const key = accountKey(username);
  const addressKey = `address:${input.ip}`;
  const addressLock = await lockedFor(db, addressKey, now);
  if (addressLock > 0) throw new DomainError('THROTTLED', t.auth.addressThrottled(minutes(addressLock)));
  const accountLock = await lockedFor(db, key, now);
  if (accountLock > 0) throw new DomainError('THROTTLED', t.auth.accountLocked(chinaTime(new Date(now.getTime() + accountLock))));

  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  let ok = false;
  if (user) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnVerification(input.password);
  if (!user || !ok) {
    const lockedUntil = await recordAccountFailure(db, key, now, input.ip);
    const lockB = await recordFailure(db, addressKey, ADDRESS_RULE, now);
    if (lockedUntil) throw new DomainError('THROTTLED', t.auth.accountLocked(chinaTime(lockedUntil)));
    if (lockB > 0) throw new DomainError('THROTTLED', t.auth.addressThrottled(minutes(lockB)));
    throw new DomainError('UNAUTHENTICATED', t.auth.badCredentials);
  }
  if (!user.isActive) throw new DomainError('UNAUTHENTICATED', t.auth.inactive);

  return db.transaction().execute(async (trx) => {
    const failuresBefore = await takeAccountFailures(trx, key);
    const token = await openSession(trx, user.id, now, input, failuresBefore);
    const actor: Actor = { kind: 'user', id: user.id, name: user.displayName, isSuperadmin: !!user.isSuperadmin, roles: new Map() };
    await recordAudit(trx, clock, {
      actor,
      agencyId: null,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { ip: input.ip, ...(failuresBefore.count > 0 ? { failuresBefore: failuresBefore.count } : {}) },
    });
    return { token, userId: user.id, failuresBefore };
  });
}

/** The failed sign-ins told to the user on the session's first page: those before the sign-in that opened it. */
export async function sessionFailures(db: Db, token: string | undefined): Promise<FailuresSinceSuccess | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom('sessions')
    .select(['failuresBefore', 'lastFailureAt', 'lastFailureIp'])
    .where('id', '=', sha256Hex(token))
    .executeTakeFirst();
  return row ? { count: row.failuresBefore, lastAt: row.lastFailureAt, lastIp: row.lastFailureIp } : null;
}

/** Stores a new session for the user and returns its cookie token (only the token's hash is stored). */
async function openSession(
  trx: DbOrTrx,
  userId: number,
  now: Date,
  client: { ip: string; userAgent?: string | undefined },
  failures?: FailuresSinceSuccess,
): Promise<string> {
  const token = randomToken();
  const nowIso = now.toISOString();
  await trx
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      userId,
      createdAt: nowIso,
      lastSeenAt: nowIso,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      failuresBefore: failures?.count ?? 0,
      lastFailureAt: failures?.lastAt ?? null,
      lastFailureIp: failures?.lastIp ?? null,
    })
    .execute();
  return token;
}

/** The actor behind a session cookie, or null for a missing, expired or revoked session. Slides the expiry. */
export async function actorForSession({ db, clock }: Deps, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const id = sha256Hex(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select(['sessions.expiresAt', 'sessions.lastSeenAt', 'users.id', 'users.displayName', 'users.isSuperadmin', 'users.isActive'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  const now = clock.now();
  if (!row?.isActive || Date.parse(row.expiresAt) <= now.getTime()) return null;
  if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return { kind: 'user', id: row.id, name: row.displayName, isSuperadmin: !!row.isSuperadmin, roles: await loadRoles(db, row.id) };
}

/** Ends a session (logout). */
export async function logout({ db }: Deps, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
}

/**
 * Changes the signed-in user's password after checking the current one, audited. Every session of the user ends,
 * the one that made the change too: it is replaced by a new session whose token is returned, so a token copied
 * before the change (or fixed by an attacker before sign-in) is worth nothing after it.
 */
export async function changePassword(
  { db, clock }: Deps,
  actor: Actor,
  input: { current: string; next: string; confirm: string; ip: string; userAgent?: string | undefined },
): Promise<{ token: string }> {
  if (actor.kind !== 'user') throw new DomainError('UNAUTHENTICATED', t.auth.mustLogin);
  const user = await db.selectFrom('users').select(['passwordHash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    throw new DomainError('VALIDATION', t.errors.validation, { current: t.auth.wrongCurrentPassword });
  }
  const parsed = passwordSchema.safeParse(input.next);
  if (!parsed.success) throw new DomainError('VALIDATION', t.errors.validation, { next: t.auth.passwordRule });
  if (input.next !== input.confirm) throw new DomainError('VALIDATION', t.errors.validation, { confirm: t.auth.passwordMismatch });
  const passwordHash = await hashPassword(input.next);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ passwordHash, updatedAt: now.toISOString() }).where('id', '=', actor.id).execute();
    await trx.deleteFrom('sessions').where('userId', '=', actor.id).execute();
    const token = await openSession(trx, actor.id, now, input);
    await recordAudit(trx, clock, { actor, agencyId: null, action: 'user.password.change', entityType: 'user', entityId: actor.id, after: { ip: input.ip } });
    return { token };
  });
}
