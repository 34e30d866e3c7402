/**
 * The years the console offers in its year switches (city view, record lists such as the rectification list): every
 * year from the earliest with data of the agencies (applications received, documents published, self-check runs,
 * annual reports, rectification items found) to the current one, and no later one. One MIN per table over its
 * agency index, whatever the number of records.
 */
import type { DbOrTrx } from '../db/database.ts';

const yearOf = (v: unknown) => (typeof v === 'string' && /^\d{4}/.test(v) ? Number(v.slice(0, 4)) : typeof v === 'number' ? v : null);

export async function offeredYears(db: DbOrTrx, agencyIds: readonly number[], today: string): Promise<number[]> {
  const current = Number(today.slice(0, 4));
  if (agencyIds.length === 0) return [current];
  const ids = [...agencyIds];
  const firsts = await Promise.all([
    db
      .selectFrom('applications')
      .select((eb) => eb.fn.min('receivedOn').as('v'))
      .where('agencyId', 'in', ids)
      .executeTakeFirst(),
    db
      .selectFrom('documents')
      .select((eb) => eb.fn.min('publishedOn').as('v'))
      .where('agencyId', 'in', ids)
      .executeTakeFirst(),
    db
      .selectFrom('complianceRuns')
      .select((eb) => eb.fn.min('year').as('v'))
      .where('agencyId', 'in', ids)
      .executeTakeFirst(),
    db
      .selectFrom('annualReports')
      .select((eb) => eb.fn.min('year').as('v'))
      .where('agencyId', 'in', ids)
      .executeTakeFirst(),
    db
      .selectFrom('rectificationItems')
      .select((eb) => eb.fn.min('foundOn').as('v'))
      .where('agencyId', 'in', ids)
      .executeTakeFirst(),
  ]);
  const earliest = Math.min(current, ...firsts.map((r) => yearOf(r?.v)).filter((y): y is number => y !== null && y >= 2000));
  const years: number[] = [];
  for (let y = current; y >= earliest; y--) years.push(y);
  return years;
}
