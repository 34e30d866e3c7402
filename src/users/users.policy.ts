/** Who may create accounts and manage an agency's users (the console asks, the services enforce). */
import { canOnAgency } from '../agencies/agencies.policy.ts';
import type { Actor } from '../shared/actor.ts';

/** The superadmin and the system act for the whole platform. */
export const isPlatformLevel = (actor: Actor) => actor.kind === 'system' || (actor.kind === 'user' && actor.isSuperadmin);

/** An agency's accounts (list, unlock): its admins. */
export const canManageUsers = (actor: Actor, agencyId: number) => canOnAgency(actor, 'manage-users', { id: agencyId });

/**
 * A new account with these roles: the platform may create anyone; an agency admin only an account holding roles, each
 * in an agency they manage, and never a superadmin.
 */
export function canCreateAccount(actor: Actor, account: { isSuperadmin: boolean; roles: readonly { agencyId: number }[] }): boolean {
  if (isPlatformLevel(actor)) return true;
  return !account.isSuperadmin && account.roles.length > 0 && account.roles.every((r) => canManageUsers(actor, r.agencyId));
}

/** Unlocking a superadmin's account is for a superadmin. */
export const canUnlockAccount = (actor: Actor, account: { isSuperadmin: number | boolean }) =>
  !account.isSuperadmin || (actor.kind === 'user' && actor.isSuperadmin);
