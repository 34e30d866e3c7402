/** Small helpers shared by the record modules the annual report reads (proposals, trainings, work points, rectification). */
import type { DbOrTrx } from '../db/database.ts';
import { type Actor, hasRole } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';

export type RecordDeps = { db: DbOrTrx; clock: Clock };

/** Editors and admins keep these records; every member of the agency may read them. */
export function canKeepRecords(actor: Actor, agencyId: number): boolean {
  return hasRole(actor, agencyId, ['admin', 'editor']);
}

/** Throws FORBIDDEN unless the actor may keep the agency's records. */
export function requireRecordKeeper(actor: Actor, agencyId: number): void {
  if (!canKeepRecords(actor, agencyId)) throw forbidden();
}

/** The year a date 'YYYY-MM-DD' falls in. */
export const yearOf = (date: string) => Number(date.slice(0, 4));

/** Form checkboxes and nullable text as the database stores them. */
export const flag = (b: boolean) => (b ? 1 : 0);
