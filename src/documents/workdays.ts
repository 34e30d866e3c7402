import { loadChineseDaysArrangements } from '../calendar/chinese-days.ts';
import { createCalendar, type WorkCalendar } from '../calendar/workdays.ts';
import type { DbOrTrx } from '../db/database.ts';

/** The working-day questions this module asks (a subset of WorkCalendar). */
export type DocumentCalendar = Pick<WorkCalendar, 'workdaysBetween' | 'addWorkdays'>;

let seeded: WorkCalendar | null = null;

/**
 * The one place documents reach the working-day engine. Until the calendar service (holiday arrangements loaded into
 * the database) lands, the seed arrangements of chinese-days are used; switching is this one function.
 */
export async function documentCalendar(_db: DbOrTrx): Promise<DocumentCalendar> {
  seeded ??= createCalendar(loadChineseDaysArrangements());
  return seeded;
}
