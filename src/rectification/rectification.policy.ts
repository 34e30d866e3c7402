import { type Actor, hasRole } from '../shared/actor.ts';

/**
 * Who may keep the agency's rectification list (add, edit, close, put a self-check finding on it): its editors and
 * admins (every member of the agency may read it).
 */
export function canKeepRectification(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}
