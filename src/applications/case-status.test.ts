import { describe, expect, it } from 'vitest';
import { loadChineseDaysArrangements } from '../calendar/chinese-days.ts';
import { WorkCalendar } from '../calendar/day-table.ts';
import { answerStageOf, lateAnswerDays, undecidedExtensionOf } from './case-status.ts';

const cal = new WorkCalendar(loadChineseDaysArrangements());

describe('the case’s progress in words', () => {
  it('says the letter was sent, delivered, archived once it was, never “待发送” after sending', () => {
    const signed = { answerState: 'signed' as const, closedOn: null, deliveredOn: null, archivedOn: null };
    expect(answerStageOf(signed)).toBe('已签发，待发送');
    expect(answerStageOf({ ...signed, closedOn: '2026-12-07' })).toBe('已于 2026-12-07 发送答复');
    expect(answerStageOf({ ...signed, closedOn: '2026-12-07', deliveredOn: '2026-12-08' })).toBe('答复已于 2026-12-08 送达');
    expect(answerStageOf({ ...signed, closedOn: '2026-12-07', deliveredOn: '2026-12-08', archivedOn: '2026-12-09' })).toBe('已于 2026-12-09 归档');
  });

  it('counts a late answer in working days after the due date (holidays not counted)', () => {
    expect(lateAnswerDays(cal, { dueOn: '2024-10-30', closedOn: '2024-10-30' })).toBeNull();
    expect(lateAnswerDays(cal, { dueOn: '2024-10-30', closedOn: null })).toBeNull();
    // Thu 10-31 and Fri 11-01.
    expect(lateAnswerDays(cal, { dueOn: '2024-10-30', closedOn: '2024-11-01' })).toBe(2);
    // 10-01 to 10-07 are the National Day holiday: only Tue 10-08 counts.
    expect(lateAnswerDays(cal, { dueOn: '2024-09-30', closedOn: '2024-10-08' })).toBe(1);
    // Answered on a Saturday after a Friday due date: late, though no working day passed.
    expect(lateAnswerDays(cal, { dueOn: '2024-11-01', closedOn: '2024-11-02' })).toBe(0);
  });

  it('finds an extension request left undecided in the log', () => {
    const e = (type: string, eventOn: string, data: object = {}) => ({ type, eventOn, dataJson: JSON.stringify(data) });
    expect(undecidedExtensionOf([e('extension_requested', '2024-10-10', { days: 10 }), e('closed', '2024-10-20')])).toEqual({ on: '2024-10-10', days: 10 });
    for (const decided of ['extended', 'extension_refused', 'extension_withdrawn'])
      expect(undecidedExtensionOf([e('extension_requested', '2024-10-10', { days: 10 }), e(decided, '2024-10-11')])).toBeNull();
    expect(undecidedExtensionOf([])).toBeNull();
  });
});
