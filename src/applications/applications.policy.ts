/** Who may do what with applications: one place, used by the console to show buttons and by services to enforce. */
import type { Role } from '../db/schema.ts';
import { type Actor, hasRole, isMemberOf } from '../shared/actor.ts';
import { LEADER_ACTIONS } from './transitions.ts';

/** Roles that handle cases: register, act on the clock, draft answers, send, deliver, archive. */
export const HANDLER_ROLES: readonly Role[] = ['editor', 'admin'];
/** Roles that approve extensions and sign answers off. */
export const LEADER_ROLES: readonly Role[] = ['leader'];

export type ApplicationPermission = 'view' | 'handle' | 'approve';

/** True when the actor may do `permission` on the agency's applications. */
export function can(actor: Actor, permission: ApplicationPermission, agencyId: number): boolean {
  if (permission === 'view') return isMemberOf(actor, agencyId);
  return hasRole(actor, agencyId, permission === 'approve' ? LEADER_ROLES : HANDLER_ROLES);
}

/** The permission an action on a case needs. */
export function permissionFor(action: string): ApplicationPermission {
  return LEADER_ACTIONS.has(action as never) ? 'approve' : 'handle';
}
