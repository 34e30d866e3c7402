/** Who may see and decide the suggestions of 依申请公开转主动公开: members see them; case handlers decide. */
import { can } from '../applications/applications.policy.ts';
import type { Actor } from '../shared/actor.ts';

export const canSeeSuggestions = (actor: Actor, agencyId: number) => can(actor, 'view', agencyId);
/** Handlers of cases (editor, admin), who are also the ones who draft 主动公开 documents. */
export const canDecideSuggestions = (actor: Actor, agencyId: number) => can(actor, 'handle', agencyId);
