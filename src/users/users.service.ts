import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Role, User } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput } from '../shared/validation.ts';
import { hashPassword } from './passwords.ts';
import { accountKey, lockedAccounts } from './throttle.ts';
import { canCreateAccount, canManageUsers, canUnlockAccount } from './users.policy.ts';
import { type CreateUserInput, createUserSchema } from './users.schema.ts';

type Deps = { db: DbOrTrx; clock: Clock };

/** What the platform may show of a user: never the password hash. */
export type UserView = Pick<User, 'id' | 'username' | 'displayName' | 'email' | 'isSuperadmin' | 'isActive'>;

const publicFields = ['id', 'username', 'displayName', 'email', 'isSuperadmin', 'isActive'] as const;

/**
 * Creates a user with roles. A superadmin (or the system) may create anyone; an agency admin may create users with
 * roles in their own agencies only, never a superadmin.
 */
export async function createUser({ db, clock }: Deps, actor: Actor, input: CreateUserInput): Promise<UserView> {
  const data = parseInput(createUserSchema, input);
  if (!canCreateAccount(actor, data)) throw forbidden();
  const passwordHash = await hashPassword(data.password);
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', data.username).executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', t.user.usernameTaken, { username: t.user.usernameTaken });
    const now = clock.now().toISOString();
    const user = await trx
      .insertInto('users')
      .values({
        username: data.username,
        displayName: data.displayName,
        email: data.email ?? null,
        passwordHash,
        isSuperadmin: data.isSuperadmin ? 1 : 0,
        isActive: 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning(publicFields)
      .executeTakeFirstOrThrow();
    for (const r of data.roles) {
      await trx.insertInto('userRoles').values({ userId: user.id, agencyId: r.agencyId, role: r.role }).execute();
    }
    const agencyId = data.roles[0]?.agencyId ?? null;
    await recordAudit(trx, clock, { actor, agencyId, action: 'user.create', entityType: 'user', entityId: user.id, after: { ...user, roles: data.roles } });
    return user;
  });
}

/** Loads a user's roles as the map the access checks use. */
export async function loadRoles(db: DbOrTrx, userId: number): Promise<Map<number, Set<Role>>> {
  const rows = await db.selectFrom('userRoles').select(['agencyId', 'role']).where('userId', '=', userId).execute();
  const roles = new Map<number, Set<Role>>();
  for (const r of rows) {
    const set = roles.get(r.agencyId) ?? new Set<Role>();
    set.add(r.role);
    roles.set(r.agencyId, set);
  }
  return roles;
}

/** The users holding any role in an agency, with their roles there. */
export async function listAgencyUsers(db: DbOrTrx, actor: Actor, agencyId: number) {
  if (!canManageUsers(actor, agencyId)) throw forbidden();
  const rows = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(['users.id', 'users.username', 'users.displayName', 'users.isActive', 'userRoles.role'])
    .where('userRoles.agencyId', '=', agencyId)
    .orderBy('users.username')
    .execute();
  const byId = new Map<number, { id: number; username: string; displayName: string; isActive: number; roles: Role[] }>();
  for (const r of rows) {
    const u = byId.get(r.id) ?? { id: r.id, username: r.username, displayName: r.displayName, isActive: r.isActive, roles: [] };
    u.roles.push(r.role);
    byId.set(r.id, u);
  }
  return [...byId.values()];
}

/** The users of an agency (as listAgencyUsers) with the end of each one's sign-in lock, if locked now. */
export async function listAgencyUsersWithLocks({ db, clock }: Deps, actor: Actor, agencyId: number) {
  const users = await listAgencyUsers(db, actor, agencyId);
  const locks = await lockedAccounts(
    db,
    users.map((u) => u.username),
    clock.now(),
  );
  return users.map((u) => ({ ...u, lockedUntil: locks.get(u.username) ?? null }));
}

/**
 * Lifts a user's sign-in lock and ends the current streak of failures, audited: an agency's admins for the users of
 * their agency (a superadmin's account only by a superadmin), the superadmin for anyone. The failures still count
 * for what the user is told at the next sign-in. A user of another agency reads as not found.
 */
export async function unlockAccount({ db, clock }: Deps, actor: Actor, agencyId: number, userId: number): Promise<void> {
  if (!canManageUsers(actor, agencyId)) throw forbidden();
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .select(['users.id', 'users.username', 'users.isSuperadmin'])
      .where('users.id', '=', userId)
      .where('userRoles.agencyId', '=', agencyId)
      .executeTakeFirst();
    if (!user) throw notFound();
    if (!canUnlockAccount(actor, user)) throw forbidden();
    const key = accountKey(user.username);
    const before = await trx.selectFrom('loginThrottle').select(['failures', 'lockedUntil']).where('key', '=', key).executeTakeFirst();
    if (!before) return;
    await trx.updateTable('loginThrottle').set({ failures: 0, lockedUntil: null, windowStartedAt: clock.now().toISOString() }).where('key', '=', key).execute();
    await recordAudit(trx, clock, {
      actor,
      agencyId,
      action: 'user.unlock',
      entityType: 'user',
      entityId: user.id,
      before: { lockedUntil: before.lockedUntil, failures: before.failures },
      after: { lockedUntil: null, failures: 0 },
    });
  });
}

/** True when no user exists yet: the platform is waiting for its first-run setup. */
export async function needsSetup(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
