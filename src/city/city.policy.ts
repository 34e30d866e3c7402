/**
 * Who may see the city view: a people's government's members see its child agencies' figures side by side, read only.
 * Any other agency has no city view; the children's consoles stay closed to the government's users.
 */
import { canOnAgency } from '../agencies/agencies.policy.ts';
import type { Agency } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';

/** The city view of `agency` (a government) for one of its members. */
export const canViewCity = (actor: Actor, agency: Pick<Agency, 'id' | 'kind'>) => canOnAgency(actor, 'view-city', agency);
