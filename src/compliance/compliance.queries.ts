/** What the self-check page reads besides the runs' use cases: the items listed from the last run, the form's default. */
import { latestProbe } from '../applications/probe.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { openFindingItems } from '../rectification/rectification.service.ts';
import { getReportSettings } from '../reports/build-report.ts';
import { reportDeadline } from '../reports/deadline.ts';
import { listRuns } from './compliance.service.ts';
import { countedRun, type RunLabel, runLabel } from './year-result.ts';

/** The default time allowed to rectify a finding: 20 working days, the usual limit of a rectification notice. */
const RECTIFY_WORKDAYS = 20;

/** Each year's deadline and counted run, and how the history labels each run (year-result.ts). */
export type YearResults = { due: Map<number, string>; counted: Map<number, { id: number; score: number } | null>; labels: Map<number, RunLabel> };

/** The year results of every run of the agency (all of them, not only the page's newest: the counted one may be older). */
export async function yearResults(db: DbOrTrx, agency: Pick<Agency, 'id' | 'kind'>): Promise<YearResults> {
  const [stamps, settings] = await Promise.all([
    db.selectFrom('complianceRuns').select(['id', 'year', 'ranAt', 'submittedAt', 'score']).where('agencyId', '=', agency.id).orderBy('id').execute(),
    getReportSettings(db, agency.id),
  ]);
  const due = new Map<number, string>();
  const counted = new Map<number, { id: number; score: number } | null>();
  const labels = new Map<number, RunLabel>();
  for (const year of new Set(stamps.map((s) => s.year))) {
    const d = reportDeadline(agency.kind, year, settings.localDeadline).due;
    const ofYear = stamps.filter((s) => s.year === year);
    const c = countedRun(ofYear, d);
    due.set(year, d);
    counted.set(year, c ? { id: c.id, score: Math.round(Number(c.score) * 10) / 10 } : null);
    for (const s of ofYear) labels.set(s.id, runLabel(s, c, d));
  }
  return { due, counted, labels };
}

/** The agency's runs (newest first), the open items of the last run's year, the rectify form's due date, the last probe. */
export async function selfCheckOverview(db: DbOrTrx, agency: Pick<Agency, 'id' | 'kind'>, today: string) {
  const runs = await listRuns(db, agency.id);
  return {
    runs,
    results: await yearResults(db, agency),
    listed: runs[0] ? await openFindingItems(db, agency.id, runs[0].year) : [],
    defaultDueOn: (await loadWorkCalendar(db)).addWorkdays(today, RECTIFY_WORKDAYS).date,
    probe: await latestProbe(db, agency.id),
  };
}
