import type { Agency } from '../db/schema.ts';
import { type Actor, hasRole, isMemberOf } from '../shared/actor.ts';

export type AgencyAction = 'view-console' | 'edit-facts' | 'manage-users' | 'manage-departments' | 'view-audit' | 'create-agency' | 'view-city';

/**
 * Who may do what with an agency. The console shows only the entries this allows, and the services enforce the same
 * answer; a user outside the agency cannot even see it (the routes answer "not found").
 */
export function canOnAgency(actor: Actor, action: AgencyAction, agency?: Pick<Agency, 'id'> & Partial<Pick<Agency, 'kind'>>): boolean {
  if (action === 'create-agency') return actor.kind === 'system' || (actor.kind === 'user' && actor.isSuperadmin);
  if (!agency) return false;
  switch (action) {
    case 'view-console':
    case 'view-audit':
      return isMemberOf(actor, agency.id);
    // A people's government's members see its child agencies' figures side by side (the city view), read only: they
    // gain no role in the children, whose consoles stay closed to them.
    case 'view-city':
      return agency.kind === 'government' && isMemberOf(actor, agency.id);
    case 'edit-facts':
    case 'manage-users':
    case 'manage-departments':
      return hasRole(actor, agency.id, ['admin']);
  }
}
