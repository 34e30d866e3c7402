/**
 * The pure rules of the city view: how agencies rank by their self-check score, where each agency's annual report
 * stands against its deadline (条例第四十九条, reports/deadline.ts), and the performance figures as lines of a table.
 */
import type { PerformanceFigures } from '../performance/performance.service.ts';
import { addToHistogram, histogramPercentile, rate } from '../performance/statistics.ts';
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

/** One line of the side-by-side performance figures (an agency's, or the sum of all of them). */
export type FigureRow = {
  received: number;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  medianWorkdays: number | null;
  p90Workdays: number | null;
  /** Some working-day count ran through a year without its holiday arrangement loaded. */
  provisional: boolean;
  openOverdue: number;
  extensions: number;
  corrections: number;
  appealsFiled: number;
  documentsPublished: number;
  interpretationDocuments: number;
  interpreted: number;
  interpretationCoverage: number | null;
};

const appealsFiled = (f: PerformanceFigures) =>
  f.appeals.reconsideration.total + f.appeals.litigationDirect.total + f.appeals.litigationAfterReconsideration.total;

/** An agency's figures as one line. */
export function figureRow(f: PerformanceFigures): FigureRow {
  return {
    received: f.received.total,
    answered: f.answered,
    answeredOnTime: f.answeredOnTime,
    onTimeRate: f.onTimeRate,
    medianWorkdays: f.workdays.median,
    p90Workdays: f.workdays.p90,
    provisional: f.workdays.provisional,
    openOverdue: f.openOverdue,
    extensions: f.extensions,
    corrections: f.corrections,
    appealsFiled: appealsFiled(f),
    documentsPublished: f.documentsPublished,
    interpretationDocuments: f.interpretation.documents,
    interpreted: f.interpretation.interpreted,
    interpretationCoverage: f.interpretation.coverage,
  };
}

/**
 * The figures of all the agencies as one line: counts summed, rates recomputed from the summed counts (not averaged),
 * and the median and 90th percentile taken over every answer of every agency (their histograms added).
 */
export function totalRow(all: readonly PerformanceFigures[]): FigureRow {
  const histogram: number[] = [];
  for (const f of all) {
    f.workdays.histogram.forEach((n, days) => {
      if (n > 0) addToHistogram(histogram, days, n);
    });
  }
  const sum = (pick: (f: PerformanceFigures) => number) => all.reduce((s, f) => s + pick(f), 0);
  const answered = sum((f) => f.answered);
  const answeredOnTime = sum((f) => f.answeredOnTime);
  const interpretationDocuments = sum((f) => f.interpretation.documents);
  const interpreted = sum((f) => f.interpretation.interpreted);
  return {
    received: sum((f) => f.received.total),
    answered,
    answeredOnTime,
    onTimeRate: rate(answeredOnTime, answered),
    medianWorkdays: histogramPercentile(histogram, 50),
    p90Workdays: histogramPercentile(histogram, 90),
    provisional: all.some((f) => f.workdays.provisional),
    openOverdue: sum((f) => f.openOverdue),
    extensions: sum((f) => f.extensions),
    corrections: sum((f) => f.corrections),
    appealsFiled: sum(appealsFiled),
    documentsPublished: sum((f) => f.documentsPublished),
    interpretationDocuments,
    interpreted,
    interpretationCoverage: rate(interpreted, interpretationDocuments),
  };
}
