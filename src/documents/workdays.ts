import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { DbOrTrx } from '../db/database.ts';

/** The working-day questions this module asks (a subset of WorkCalendar). */
export type DocumentCalendar = Pick<WorkCalendar, 'workdaysBetween' | 'addWorkdays'>;

/** The one place documents reach the working-day engine: the calendar of the holiday arrangements loaded in the database. */
export function documentCalendar(db: DbOrTrx): Promise<DocumentCalendar> {
  return loadWorkCalendar(db);
}
