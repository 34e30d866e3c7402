import { type Actor, hasRole } from '../shared/actor.ts';

/** Who may keep the agency's trainings and meetings: its editors and admins (every member of the agency may read them). */
export function canKeepTrainings(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}
