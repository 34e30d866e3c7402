import { type Actor, hasRole } from '../shared/actor.ts';

/** Who may keep the agency's 建议提案 records: its editors and admins (every member of the agency may read them). */
export function canKeepProposals(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}
