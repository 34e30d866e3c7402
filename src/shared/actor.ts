import type { Role } from '../db/schema.ts';

/** Who is acting: a signed-in user, the system itself (CLI, jobs, imports), or an anonymous member of the public. */
export type Actor =
  | { kind: 'user'; id: number; name: string; isSuperadmin: boolean; roles: ReadonlyMap<number, ReadonlySet<Role>> }
  | { kind: 'system'; name: string }
  | { kind: 'public' };

export const systemActor = (name = '系统'): Actor => ({ kind: 'system', name });
export const publicActor: Actor = { kind: 'public' };

/** The name the audit log records for an actor. */
export function actorName(actor: Actor): string {
  return actor.kind === 'public' ? '公众' : actor.name;
}

/** True when the actor holds any of the roles in the agency; the superadmin and the system hold all. */
export function hasRole(actor: Actor, agencyId: number, roles: readonly Role[]): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.isSuperadmin) return true;
  const held = actor.roles.get(agencyId);
  return held !== undefined && roles.some((r) => held.has(r));
}

/** True when the actor may see the agency's console at all. */
export function isMemberOf(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor', 'reviewer', 'leader']);
}
