import { type Actor, hasRole } from '../shared/actor.ts';

/** Who may keep the agency's 工作要点 (the plan's title and its tasks): its editors and admins (every member may read them). */
export function canKeepWorkPoints(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}
