/**
 * Who may use the console's own pages: an agency's home, settings, users and audit log, and the platform's pages. The
 * agency-level answers are the agencies module's (`canOnAgency`), named here for the pages that ask them.
 */
import { canOnAgency } from '../agencies/agencies.policy.ts';
import type { Agency } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';

type AgencyRef = Pick<Agency, 'id'>;

/** An agency's console: any member (the home page lists these agencies). */
export const canOpenConsole = (actor: Actor, agency: AgencyRef) => canOnAgency(actor, 'view-console', agency);
/** The agency's facts and 科室 (设置): its admins. */
export const canEditAgencySettings = (actor: Actor, agency: AgencyRef) => canOnAgency(actor, 'edit-facts', agency);
/** The platform's pages (agencies, the holiday calendar) and every agency's console: the superadmin. */
export const isPlatformAdmin = (actor: Actor) => actor.kind === 'user' && actor.isSuperadmin;
