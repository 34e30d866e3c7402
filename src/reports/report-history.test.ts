import { describe, expect, it } from 'vitest';
import { currentRound, type ReportAction, type ReportEvent } from './report-history.ts';

let id = 0;
const ev = (action: ReportAction, o: Partial<ReportEvent> = {}): ReportEvent => ({
  id: ++id,
  year: 2022,
  version: 1,
  action,
  actorId: 7,
  actorName: '起草人',
  note: null,
  risks: [],
  createdAt: '2023-01-10T02:00:00Z',
  ...o,
});

describe('where a report’s round stands', () => {
  it('tells the editor of the last return until it is submitted again', () => {
    const events = [ev('start'), ev('submit'), ev('reopen', { note: '请补充', actorId: 9 })];
    const back = events[2];
    expect(currentRound(events, 2022, 1)).toMatchObject({ returned: back, submitted: { actorId: 7 } });
    expect(currentRound([...events, ev('submit')], 2022, 1).returned).toBeNull();
  });

  it('keeps only the risks of an approval not since returned, of this version', () => {
    const risks = [{ key: 'figures:absent', message: '未录入' }];
    const approved = [ev('submit'), ev('review'), ev('approve', { risks })];
    expect(currentRound(approved, 2022, 1).approvedRisks).toEqual(risks);
    expect(currentRound([...approved, ev('reopen', { note: '重审' })], 2022, 1).approvedRisks).toEqual([]);
    expect(currentRound(approved, 2022, 2).approvedRisks).toEqual([]);
  });
});
