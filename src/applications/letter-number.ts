/**
 * The 文号 of an answer letter: allocated once, at the leader's sign-off, per agency and year, from the agency's
 * pattern. The counter row (agency, year) is bumped by one upsert inside the sign-off's transaction: on PostgreSQL
 * the row lock of ON CONFLICT DO UPDATE serialises concurrent sign-offs, on SQLite the IMMEDIATE transaction does;
 * a sign-off that rolls back takes its number back with it, so numbers have no gaps and no repeats. A case keeps its
 * number for good: signed again after being reopened, it is not renumbered, and a counter never goes down.
 */
import type { DbOrTrx } from '../db/database.ts';
import { formatDocNumber } from './settings.schema.ts';

/** The case's 文号, or null before its first sign-off. */
export async function docNumberOf(db: DbOrTrx, applicationId: number): Promise<string | null> {
  const row = await db.selectFrom('applicationLetterNumbers').select('docNumber').where('applicationId', '=', applicationId).executeTakeFirst();
  return row?.docNumber ?? null;
}

/** Gives the case its 文号 (inside the caller's transaction), or returns the one it already has. */
export async function allocateDocNumber(
  trx: DbOrTrx,
  a: { agencyId: number; applicationId: number; year: number; pattern: string; now: string },
): Promise<string> {
  const existing = await docNumberOf(trx, a.applicationId);
  if (existing) return existing;
  const { lastSerial } = await trx
    .insertInto('letterNumberCounters')
    .values({ agencyId: a.agencyId, year: a.year, lastSerial: 1 })
    .onConflict((oc) => oc.columns(['agencyId', 'year']).doUpdateSet((eb) => ({ lastSerial: eb(eb.ref('letterNumberCounters.lastSerial'), '+', 1) })))
    .returning('lastSerial')
    .executeTakeFirstOrThrow();
  const docNumber = formatDocNumber(a.pattern, a.year, lastSerial);
  await trx
    .insertInto('applicationLetterNumbers')
    .values({ applicationId: a.applicationId, agencyId: a.agencyId, year: a.year, serial: lastSerial, docNumber, allocatedAt: a.now })
    .execute();
  return docNumber;
}
