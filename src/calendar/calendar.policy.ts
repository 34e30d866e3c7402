/** Who may change the platform's holiday calendar (every agency's deadlines depend on it): the superadmin, the system. */
import type { Actor } from '../shared/actor.ts';

export const canManageCalendar = (actor: Actor) => actor.kind === 'system' || (actor.kind === 'user' && actor.isSuperadmin);
