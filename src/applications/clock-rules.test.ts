import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChineseDaysArrangements } from '../calendar/chinese-days.ts';
import { WorkCalendar } from '../calendar/day-table.ts';
import { computePeriod } from '../calendar/periods.ts';
import { type CaseClockEvent, deriveClock, isOverdue } from './deadlines.ts';
import { type CaseSnapshot, checkSequence, refusalOf } from './transitions.ts';

// The five clock rules of issue 14, with every due date counted by hand (2025 国庆节: 10-01…10-08 off,
// Sun 09-28 and Sat 10-11 补班; 2024 春节: 02-10…02-17 off, Sun 02-04 and Sun 02-18 补班).
const cal = new WorkCalendar(loadChineseDaysArrangements());

function snapshot(receivedOn: string, events: CaseClockEvent[]): CaseSnapshot {
  const clock = deriveClock(cal, receivedOn, events);
  return {
    status: clock.status,
    submittedOn: receivedOn,
    receivedOn,
    events,
    clock,
    answerState: 'none',
    outcome: null,
    extensionRequest: null,
    deliveredOn: null,
    archivedOn: null,
  };
}

describe('第三十二条: a consultation pauses the clock for 15 working days at most', () => {
  // Received Mon 2025-09-22: 09-23 (1), 09-24 (2), 09-25 (3); the request is sent Thu 09-25 and the third party
  // receives it Fri 09-26. Its 15 working days: 09-28 Sun 补班 (1), 09-29 (2), 09-30 (3), [10-01…10-08], 10-09 (4),
  // 10-10 (5), 10-11 Sat 补班 (6), 10-13 (7) … 10-17 (11), 10-20 (12) … 10-23 (15).
  const started: CaseClockEvent = { type: 'consultation_started', on: '2025-09-25', party: 'third_party', receivedOn: '2025-09-26' };

  it('computes the due date while open, assuming the full 15 days', () => {
    // Not counted: 09-26, 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13…10-17, 10-20…10-23 (16 days, up to the
    // limit). Counting again: 10-24 (4), 10-27 (5) … 10-31 (9), 11-03 (10) … 11-07 (14), 11-10 (15) … 11-14 (19), 11-17 (20).
    const open = deriveClock(cal, '2025-09-22', [started]);
    expect(open).toMatchObject({ dueOn: '2025-11-17', status: 'consulting', nextDueOn: '2025-11-17', provisional: true, consultationTentative: true });
    expect(open.openPause).toMatchObject({ kind: 'consultation', dueOn: '2025-10-23' });
  });

  it('ends earlier when staff record the answer, and never later than the 15th day', () => {
    // Ended Fri 10-10: not counted 09-26, 09-28, 09-29, 09-30, 10-09, 10-10 (6). Then 10-11 Sat 补班 (4),
    // 10-13 (5) … 10-17 (9), 10-20 (10) … 10-24 (14), 10-27 (15) … 10-31 (19), 11-03 (20).
    const early = deriveClock(cal, '2025-09-22', [started, { type: 'consultation_ended', on: '2025-10-10' }]);
    expect(early).toMatchObject({ dueOn: '2025-11-03', provisional: false, status: 'processing' });
    // Recorded on 10-30, a week after the limit: the pause still ends on 10-23.
    const late = deriveClock(cal, '2025-09-22', [started, { type: 'consultation_ended', on: '2025-10-30' }]);
    expect(late.dueOn).toBe('2025-11-17');
  });

  it('lets a case parked in a consultation become overdue', () => {
    const open = deriveClock(cal, '2025-09-22', [started]);
    expect(isOverdue(open, '2025-11-17')).toBe(false);
    expect(isOverdue(open, '2025-11-18')).toBe(true);
  });

  it('counts from the start day when the receipt date is not given', () => {
    // Sent and received Thu 09-25: 09-26 (1), 09-28 (2), 09-29 (3), 09-30 (4), 10-09 (5), 10-10 (6), 10-11 (7),
    // 10-13 (8) … 10-17 (12), 10-20 (13), 10-21 (14), 10-22 (15).
    const open = deriveClock(cal, '2025-09-22', [{ type: 'consultation_started', on: '2025-09-25', party: 'agency' }]);
    expect(open.openPause?.dueOn).toBe('2025-10-22');
  });

  it('never puts the due date earlier than without the pause, nor later than the full 15 days (property)', () => {
    const received = '2025-09-01';
    const on = (n: number) => cal.addWorkdays(received, n).date;
    const base = deriveClock(cal, received, []).dueOn as string;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 40 }), (a, lag, len) => {
        const start: CaseClockEvent = { type: 'consultation_started', on: on(a), party: 'third_party', receivedOn: on(a + lag) };
        const open = deriveClock(cal, received, [start]).dueOn as string;
        const ended = deriveClock(cal, received, [start, { type: 'consultation_ended', on: on(a + len) }]).dueOn as string;
        expect(ended >= base).toBe(true);
        expect(open >= ended).toBe(true);
        // The pause never exceeds the working days up to the 15th after the other party's receipt.
        expect(cal.workdaysBetween(base, open).days).toBeLessThanOrEqual(a < 20 ? 15 + lag : 0);
      }),
    );
  });
});

describe('第三十五条: a reasonable longer period set by the agency', () => {
  // Received Fri 2024-09-27, due 10-30; extended 20 working days on 10-25 → 11-27 (deadlines.test.ts counts both).
  const extended: CaseClockEvent = { type: 'extended', on: '2024-10-25', days: 20 };

  it('moves the due date to the chosen day, beyond the 20-day extension cap', () => {
    const s = snapshot('2024-09-27', [extended]);
    expect(s.clock?.dueOn).toBe('2024-11-27');
    const ctx = { calendar: cal, today: '2024-11-20' };
    const action = { type: 'set_longer_period', on: '2024-11-20', dueOn: '2024-12-31', reason: '同一申请人本月提交 60 件申请' } as const;
    expect(refusalOf(s, action, ctx)).toBeNull();
    // From 11-27: 11-28 (1), 11-29 (2), 12-02 (3) … 12-06 (7), 12-09 (8) … 12-13 (12), 12-16 (13) … 12-20 (17),
    // 12-23 (18) … 12-27 (22), 12-30 (23), 12-31 (24).
    const longer: CaseClockEvent = { type: 'longer_period', on: '2024-11-20', days: 24, dueOn: '2024-12-31', reason: action.reason };
    const events = [extended, longer];
    expect(checkSequence(cal, '2024-09-27', events)).toEqual([]);
    const clock = deriveClock(cal, '2024-09-27', events);
    expect(clock).toMatchObject({ dueOn: '2024-12-31', extendedDays: 20 });
    const steps = computePeriod(cal, clock.period, { explain: true }).steps;
    expect(steps.some((x) => x.kind === 'extend' && x.text.includes('依条例第三十五条确定延迟答复的合理期限至 2024-12-31'))).toBe(true);
    expect(steps.at(-1)).toMatchObject({ kind: 'due', date: '2024-12-31' });
  });

  it('refuses a date not later than the due date, a day off, a decision after the period or while the clock is stopped', () => {
    const s = snapshot('2024-09-27', [extended]);
    const ctx = { calendar: cal, today: '2024-11-20' };
    const at = (dueOn: string, on = '2024-11-20') => refusalOf(s, { type: 'set_longer_period', on, dueOn, reason: '理由' }, ctx);
    expect(at('2024-11-27')).toBe('延迟答复的期限应晚于当前的答复期限（2024-11-27）。');
    expect(at('2024-12-01')).toBe('延迟答复的期限应为工作日。');
    expect(
      refusalOf(s, { type: 'set_longer_period', on: '2024-11-28', dueOn: '2024-12-31', reason: '理由' }, { calendar: cal, today: '2024-11-28' }),
    ).toContain('2024-11-27 届满');
    const paused = snapshot('2024-09-27', [{ type: 'fee_notice', on: '2024-10-08', amount: 100 }]);
    expect(refusalOf(paused, { type: 'set_longer_period', on: '2024-10-09', dueOn: '2024-12-31', reason: '理由' }, ctx)).toContain('暂停');
  });
});

describe('第四十二条 and 国办函〔2020〕109号: the time to pay runs from the applicant’s receipt of the notice', () => {
  // Received Mon 2024-01-22: 01-23 (1), 01-24 (2, the notice is issued). It reaches the applicant by post Mon 01-29.
  const notice: CaseClockEvent = { type: 'fee_notice', on: '2024-01-24', amount: 200 };

  it('puts the payment deadline on the 20th working day after delivery, across 春节 2024', () => {
    // 01-30 (1), 01-31 (2), 02-01 (3), 02-02 (4), 02-04 Sun 补班 (5), 02-05 (6) … 02-09 (10), [02-10…02-17],
    // 02-18 Sun 补班 (11), 02-19 (12) … 02-23 (16), 02-26 (17) … 02-29 (20). From the issue day it would be 02-26.
    const clock = deriveClock(cal, '2024-01-22', [notice, { type: 'fee_notice_delivered', on: '2024-01-29' }]);
    expect(clock.openPause).toMatchObject({ kind: 'fee', dueOn: '2024-02-29' });
    expect(clock.nextDueOn).toBe('2024-02-29');
    const s = snapshot('2024-01-22', [notice, { type: 'fee_notice_delivered', on: '2024-01-29' }]);
    const ctx = { calendar: cal, today: '2024-03-01' };
    expect(refusalOf(s, { type: 'draft_answer', outcome: 'other.unpaid_fee' }, { ...ctx, today: '2024-02-29' })).toContain('2024-02-29 届满');
    expect(refusalOf(s, { type: 'draft_answer', outcome: 'other.unpaid_fee' }, ctx)).toBeNull();
  });

  it('records delivery once, not before the notice', () => {
    const s = snapshot('2024-01-22', [notice]);
    const ctx = { calendar: cal, today: '2024-03-01' };
    expect(refusalOf(s, { type: 'record_fee_notice_delivery', on: '2024-01-23' }, ctx)).toContain('2024-01-24');
    expect(refusalOf(s, { type: 'record_fee_notice_delivery', on: '2024-01-29' }, ctx)).toBeNull();
    const delivered = snapshot('2024-01-22', [notice, { type: 'fee_notice_delivered', on: '2024-01-29' }]);
    expect(refusalOf(delivered, { type: 'record_fee_notice_delivery', on: '2024-01-30' }, ctx)).toBe('收费通知已登记送达。');
    expect(checkSequence(cal, '2024-01-22', [{ type: 'fee_notice_delivered', on: '2024-01-29' }])[0]?.message).toBe('没有待缴费的收费通知。');
  });
});
