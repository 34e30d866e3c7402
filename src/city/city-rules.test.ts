import { describe, expect, it } from 'vitest';
import { reportDeadline } from '../reports/deadline.ts';
import { rankByScore, reportStanding } from './city-rules.ts';

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
