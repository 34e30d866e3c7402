import { type Actor, hasRole } from '../shared/actor.ts';

/** Who may keep the agency's 工作创新 records: its editors and admins (every member of the agency may read them). */
export function canKeepInnovations(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}
