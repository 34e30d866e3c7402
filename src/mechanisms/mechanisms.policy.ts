import { type Actor, hasRole } from '../shared/actor.ts';

/** Who may keep the agency's leading group and rules: its editors and admins (every member of the agency may read them). */
export function canKeepMechanisms(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}
