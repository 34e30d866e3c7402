import { describe, expect, it } from 'vitest';
import type { PerformanceFigures } from '../performance/performance.service.ts';
import { reportDeadline } from '../reports/deadline.ts';
import { emptyTable4 } from '../vocabulary/report-format.ts';
import { figureRow, rankByScore, reportStanding, totalRow } from './city-rules.ts';

const run = (score: number, findingCount: number) => ({ ranAt: '2024-06-01T02:00:00Z', score, findingCount });

describe('rankByScore', () => {
  it('ranks by score, breaks ties by fewer findings, shares equal ranks and puts the unchecked last', () => {
    const rows = [
      { name: 'a', run: run(80, 3) },
      { name: 'b', run: null },
      { name: 'c', run: run(95, 1) },
      { name: 'd', run: run(80, 2) },
      { name: 'e', run: run(80, 3) },
      { name: 'f', run: null },
      { name: 'g', run: run(60, 9) },
    ];
    expect(rankByScore(rows).map((r) => [r.name, r.rank])).toEqual([
      ['c', 1],
      ['d', 2],
      ['a', 3],
      ['e', 3],
      ['g', 5],
      ['b', null],
      ['f', null],
    ]);
  });

  it('answers an empty list with an empty ranking', () => {
    expect(rankByScore([])).toEqual([]);
  });
});

describe('reportStanding', () => {
  const department = reportDeadline('department', 2023, null); // due 2024-01-31
  const government = reportDeadline('government', 2023, null); // due 2024-03-31
  it('reads a report published on the deadline as on time, a day later as late', () => {
    expect(reportStanding(department, 'published', '2024-01-31', '2024-09-27')).toEqual({ state: 'on_time', daysLate: 0 });
    expect(reportStanding(department, 'published', '2024-02-01', '2024-09-27')).toEqual({ state: 'late', daysLate: 1 });
    expect(reportStanding(government, 'published', '2024-02-01', '2024-09-27')).toEqual({ state: 'on_time', daysLate: 0 });
  });
  it('reads an unpublished report as due until its deadline, then overdue by the days since', () => {
    expect(reportStanding(department, 'approved', null, '2024-01-31')).toEqual({ state: 'due', daysLate: 0 });
    expect(reportStanding(department, null, null, '2024-02-10')).toEqual({ state: 'overdue', daysLate: 10 });
    expect(reportStanding(government, 'draft', null, '2024-02-10')).toEqual({ state: 'due', daysLate: 0 });
  });
  it('holds an agency to its earlier local deadline', () => {
    const local = reportDeadline('department', 2023, '01-20');
    expect(reportStanding(local, 'published', '2024-01-25', '2024-09-27')).toEqual({ state: 'late', daysLate: 5 });
  });
});

/** Figures with the fields the rows read; the rest are not looked at. */
function figures(o: {
  received: number;
  answered: number;
  onTime: number;
  histogram: number[];
  overdue?: number;
  reconsiderations?: number;
  documents?: number;
  interpretation?: [number, number];
}): PerformanceFigures {
  const appeals = emptyTable4();
  appeals.reconsideration.total = o.reconsiderations ?? 0;
  appeals.litigationDirect.total = 1;
  const [documents, interpreted] = o.interpretation ?? [0, 0];
  return {
    received: { total: o.received },
    answered: o.answered,
    answeredOnTime: o.onTime,
    answeredLate: o.answered - o.onTime,
    onTimeRate: o.answered ? o.onTime / o.answered : null,
    workdays: { median: null, p90: null, histogram: o.histogram, buckets: [], provisional: false },
    openOverdue: o.overdue ?? 0,
    extensions: 1,
    corrections: 2,
    consultations: 0,
    appeals,
    documentsPublished: o.documents ?? 0,
    interpretation: { documents, interpreted, interpretedOnTime: interpreted, coverage: documents ? interpreted / documents : null },
  } as unknown as PerformanceFigures;
}

describe('figure rows', () => {
  // a: 3 answers taking 1, 1 and 2 working days; b: 4 answers taking 3, 3, 3 and 19.
  const a = figures({ received: 4, answered: 3, onTime: 3, histogram: [0, 2, 1], overdue: 1, reconsiderations: 2, documents: 10, interpretation: [2, 1] });
  const b = figures({ received: 5, answered: 4, onTime: 2, histogram: [0, 0, 0, 3, ...Array(15).fill(0), 1], documents: 5, interpretation: [2, 2] });
  const none = figures({ received: 0, answered: 0, onTime: 0, histogram: [] });

  it('reads an agency’s figures as one line', () => {
    expect(figureRow(a)).toMatchObject({
      received: 4,
      answered: 3,
      onTimeRate: 1,
      openOverdue: 1,
      appealsFiled: 3,
      documentsPublished: 10,
      interpretationCoverage: 0.5,
    });
  });

  it('sums counts, recomputes rates from the sums and takes percentiles over every answer', () => {
    const total = totalRow([a, b, none]);
    expect(total).toMatchObject({
      received: 9,
      answered: 7,
      answeredOnTime: 5,
      openOverdue: 1,
      extensions: 3,
      corrections: 6,
      appealsFiled: 5,
      documentsPublished: 15,
      interpretationDocuments: 4,
      interpreted: 3,
      interpretationCoverage: 0.75,
      provisional: false,
    });
    expect(total.onTimeRate).toBeCloseTo(5 / 7, 10); // not the mean of 100 % and 50 %
    // Sorted: 1 1 2 3 3 3 19 — the 4th of 7 is the median, the 7th (⌈6.3⌉) the 90th percentile.
    expect(total.medianWorkdays).toBe(3);
    expect(total.p90Workdays).toBe(19);
  });

  it('has no rates or percentiles without answers', () => {
    expect(totalRow([none])).toMatchObject({ onTimeRate: null, medianWorkdays: null, p90Workdays: null, interpretationCoverage: null });
    expect(totalRow([])).toMatchObject({ received: 0, onTimeRate: null });
  });
});
