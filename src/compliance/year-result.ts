/**
 * Which run is a year's result (issue 16, frozen results): the run the agency submitted for the year, else the last run
 * made by the year's self-check deadline — the deadline of that year's annual report (条例第四十九条: 31 January for a
 * department, 31 March for a government, or the agency's earlier local date), since the check feeds the report. A
 * re-run after the deadline is kept and labelled, and never replaces the result.
 */

import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { getReportSettings } from '../reports/build-report.ts';
import { reportDeadline } from '../reports/deadline.ts';
import { chinaDate } from '../shared/clock.ts';

export type RunStamp = { id: number; ranAt: string; submittedAt: string | null };

/** The year's self-check deadline of an agency. */
export async function checkDeadline(db: DbOrTrx, agency: Pick<Agency, 'id' | 'kind'>, year: number): Promise<string> {
  return reportDeadline(agency.kind, year, (await getReportSettings(db, agency.id)).localDeadline).due;
}

/** The run that counts for the year among an agency's runs of it: the last submitted, else the last by the deadline. */
export function countedRun<T extends RunStamp>(runs: readonly T[], due: string): T | null {
  const submitted = runs.filter((r) => r.submittedAt !== null).sort((a, b) => (a.submittedAt as string).localeCompare(b.submittedAt as string) || a.id - b.id);
  if (submitted.length > 0) return submitted[submitted.length - 1] ?? null;
  const inTime = runs.filter((r) => chinaDate(new Date(r.ranAt)) <= due).sort((a, b) => a.id - b.id);
  return inTime[inTime.length - 1] ?? null;
}

/** How the history labels a run: the year's result (submitted or counted), a re-run after the deadline, or nothing. */
export type RunLabel = 'submitted' | 'counted' | 'superseded' | 'after_deadline' | null;

export function runLabel(run: RunStamp, counted: RunStamp | null, due: string): RunLabel {
  if (counted?.id === run.id) return run.submittedAt ? 'submitted' : 'counted';
  if (run.submittedAt) return 'superseded';
  return chinaDate(new Date(run.ranAt)) > due ? 'after_deadline' : null;
}
