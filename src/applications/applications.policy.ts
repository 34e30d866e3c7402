/** Who may do what with applications: one place, used by the console to show buttons and by services to enforce. */
import type { Role } from '../db/schema.ts';
import { type Actor, hasRole, isMemberOf } from '../shared/actor.ts';
import type { ExtensionApprovers } from './settings.schema.ts';
import { LEADER_ACTIONS, OFFICE_HEAD_ACTIONS } from './transitions.ts';

/** Roles that handle cases: register, act on the clock, draft answers, send, deliver, archive. */
export const HANDLER_ROLES: readonly Role[] = ['editor', 'admin'];
/** Roles that approve extensions and sign answers off. */
export const LEADER_ROLES: readonly Role[] = ['leader'];

/** `decide_period`: extensions and the 第三十五条 period, for the head of the disclosure office only (isOfficeHead). */
export type ApplicationPermission = 'view' | 'handle' | 'approve' | 'decide_period';

/** True when the actor may do `permission` on the agency's applications. */
export function can(actor: Actor, permission: ApplicationPermission, agencyId: number): boolean {
  if (permission === 'view') return isMemberOf(actor, agencyId);
  if (permission === 'decide_period') return false; // needs the agency's designation: isOfficeHead
  return hasRole(actor, agencyId, permission === 'approve' ? LEADER_ROLES : HANDLER_ROLES);
}

/**
 * True when the actor is the head of the disclosure office (信息公开工作机构负责人, 第三十三条) as the agency designates
 * it: one of the named users, or a holder of the chosen role in this agency. A platform superadmin is neither unless
 * designated; the system actor (command line, demo) is.
 */
export function isOfficeHead(actor: Actor, agencyId: number, approvers: ExtensionApprovers): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  const held = actor.roles.get(agencyId);
  if (approvers.userIds.includes(actor.id) && (held?.size ?? 0) > 0) return true;
  return approvers.role !== null && held?.has(approvers.role) === true;
}

/** The permission an action on a case needs. */
export function permissionFor(action: string): ApplicationPermission {
  if (OFFICE_HEAD_ACTIONS.has(action as never)) return 'decide_period';
  return LEADER_ACTIONS.has(action as never) ? 'approve' : 'handle';
}

/** Whether the actor may take `action` on the agency's cases (the case page offers exactly these). */
export function mayTake(actor: Actor, agencyId: number, action: string, approvers: ExtensionApprovers): boolean {
  const permission = permissionFor(action);
  return permission === 'decide_period' ? isOfficeHead(actor, agencyId, approvers) : can(actor, permission, agencyId);
}
