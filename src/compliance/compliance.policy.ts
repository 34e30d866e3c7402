/**
 * Who may do what with the self-check: the console asks (to show a form), the services enforce. Putting a finding on
 * the rectification list is the rectification module's permission (`canKeepRectification`).
 */
import { canOnAgency } from '../agencies/agencies.policy.ts';
import type { Agency } from '../db/schema.ts';
import { type Actor, hasRole } from '../shared/actor.ts';

type AgencyRef = Pick<Agency, 'id'>;

/** Run the self-check and read its results: any member of the agency (indicators only read). */
export const canRunSelfCheck = (actor: Actor, agency: AgencyRef) => canOnAgency(actor, 'view-console', agency);
/** Switch indicators, set their weights, keep manual indicators: the agency's admins. */
export const canConfigureSelfCheck = (actor: Actor, agency: AgencyRef) => canOnAgency(actor, 'edit-facts', agency);
/** Submit a run as the year's result (what the city view shows): the agency's admins and leaders. */
export const canSubmitSelfCheck = (actor: Actor, agency: AgencyRef) => hasRole(actor, agency.id, ['admin', 'leader']);
