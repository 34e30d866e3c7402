/**
 * The pure rules of the city view: how agencies rank by their self-check score and where each agency's annual report
 * stands against its deadline (条例第四十九条, reports/deadline.ts).
 */
import type { Deadline } from '../reports/deadline.ts';
import { daysBetween } from '../reports/deadline.ts';
import type { ReportStatus } from '../reports/report-model.ts';

export type ScoredRun = { ranAt: string; score: number; findingCount: number };

/**
 * Ranks agencies by their latest self-check score, highest first; fewer findings break a tie of scores, then the
 * agencies' order as given. Equal score and findings share a rank (1, 1, 3). Agencies never checked come last,
 * unranked (未自查).
 */
export function rankByScore<T extends { run: ScoredRun | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const order = rows.map((row, i) => ({ row, i }));
  order.sort((a, b) => {
    const ra = a.row.run;
    const rb = b.row.run;
    if (!ra || !rb) return ra ? -1 : rb ? 1 : a.i - b.i;
    return rb.score - ra.score || ra.findingCount - rb.findingCount || a.i - b.i;
  });
  const out: (T & { rank: number | null })[] = [];
  order.forEach(({ row }, i) => {
    const prev = out[i - 1];
    const same = prev?.run && row.run && prev.run.score === row.run.score && prev.run.findingCount === row.run.findingCount;
    out.push({ ...row, rank: row.run ? (same ? (prev.rank as number) : i + 1) : null });
  });
  return out;
}

/**
 * Where a year's report stands: published by its deadline (on_time) or after it (late); not published and the
 * deadline passed (overdue); not published and still due (due). `daysLate` counts calendar days past the deadline.
 */
export type ReportStanding = { state: 'on_time' | 'late' | 'overdue' | 'due'; daysLate: number };

export function reportStanding(deadline: Deadline, status: ReportStatus | null, publishedOn: string | null, today: string): ReportStanding {
  if (status === 'published' && publishedOn) {
    const late = daysBetween(deadline.due, publishedOn);
    return late > 0 ? { state: 'late', daysLate: late } : { state: 'on_time', daysLate: 0 };
  }
  const late = daysBetween(deadline.due, today);
  return late > 0 ? { state: 'overdue', daysLate: late } : { state: 'due', daysLate: 0 };
}
