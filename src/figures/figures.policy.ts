import { type Actor, hasRole } from '../shared/actor.ts';

/** Who may enter the agency's yearly figures: its editors and admins (every member of the agency may read them). */
export function canEditFigures(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}
