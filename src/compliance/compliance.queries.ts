/** What the self-check page reads besides the runs' use cases: the items listed from the last run, the form's default. */
import { latestProbe } from '../applications/probe.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import { openFindingItems } from '../rectification/rectification.service.ts';
import { listRuns } from './compliance.service.ts';

/** The default time allowed to rectify a finding: 20 working days, the usual limit of a rectification notice. */
const RECTIFY_WORKDAYS = 20;

/** The agency's runs (newest first), the open items of the last run's year, the rectify form's due date, the last probe. */
export async function selfCheckOverview(db: DbOrTrx, agencyId: number, today: string) {
  const runs = await listRuns(db, agencyId);
  return {
    runs,
    listed: runs[0] ? await openFindingItems(db, agencyId, runs[0].year) : [],
    defaultDueOn: (await loadWorkCalendar(db)).addWorkdays(today, RECTIFY_WORKDAYS).date,
    probe: await latestProbe(db, agencyId),
  };
}
