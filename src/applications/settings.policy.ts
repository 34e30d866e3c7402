import { type Actor, hasRole } from '../shared/actor.ts';

/** Who may change the agency's application settings (文号 pattern, 复议机关, court, download period): its admins. */
export function canEditApplicationSettings(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin']);
}
