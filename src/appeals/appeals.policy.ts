/** Who may do what with appeals: every member of the agency reads them; registering and recording results is below. */
import { type Actor, hasRole } from '../shared/actor.ts';

/** Register an appeal and record its result: the agency's editors, admins and leaders. */
export const canHandleAppeals = (actor: Actor, agencyId: number) => hasRole(actor, agencyId, ['editor', 'admin', 'leader']);
