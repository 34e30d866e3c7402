import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChineseDaysArrangements } from '../calendar/chinese-days.ts';
import { WorkCalendar } from '../calendar/day-table.ts';
import { type CaseClockEvent, clockInput, deriveClock, isOverdue } from './deadlines.ts';

const cal = new WorkCalendar(loadChineseDaysArrangements());

describe('the clock of an application (hand-counted working days, with 调休)', () => {
  it('answers within 20 working days across 国庆节 2024 and its two 补班 days', () => {
    // Received Fri 2024-09-27. 09-29 Sun 补班 = 1, 09-30 = 2, 10-01…10-07 holiday, 10-08 = 3 … 10-11 = 6,
    // 10-12 Sat 补班 = 7, 10-14 = 8 … 10-18 = 12, 10-21 = 13 … 10-25 = 17, 10-28 = 18, 10-29 = 19, 10-30 = 20.
    const clock = deriveClock(cal, '2024-09-27', []);
    expect(clock).toMatchObject({ dueOn: '2024-10-30', status: 'processing', nextDueOn: '2024-10-30', correctionDueOn: null, provisional: false });
  });

  it('puts the 补正 notice deadline on the 7th working day, a 补班 Saturday', () => {
    // 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4), 10-10 (5), 10-11 (6), 10-12 Sat 补班 (7).
    const clock = deriveClock(cal, '2024-09-27', [{ type: 'correction_requested', on: '2024-10-10' }]);
    expect(clock.correctionDueOn).toBe('2024-10-12');
  });

  it('stops the clock while a correction is outstanding and restarts it from the corrected application', () => {
    const waiting = deriveClock(cal, '2024-09-27', [{ type: 'correction_requested', on: '2024-10-10', replyBy: '2024-10-31' }]);
    expect(waiting).toMatchObject({ dueOn: null, status: 'awaiting_correction', nextDueOn: '2024-10-31' });
    expect(waiting.openPause).toMatchObject({ kind: 'correction', since: '2024-10-10' });
    // Restart Mon 2024-10-21: 10-22 (1) … 10-25 (4), 10-28 (5) … 11-01 (9), 11-04 (10) … 11-08 (14), 11-11 (15) … 11-15 (19), 11-18 (20).
    const restarted = deriveClock(cal, '2024-09-27', [
      { type: 'correction_requested', on: '2024-10-10' },
      { type: 'correction_received', on: '2024-10-21' },
    ]);
    expect(restarted).toMatchObject({ dueOn: '2024-11-18', status: 'processing', correctionDueOn: '2024-10-12' });
  });

  it('does not count a consultation (第三十二条)', () => {
    // Paused after 10-09 through 10-16: 10-10, 10-11, 10-12 (补班), 10-14, 10-15, 10-16 = 6 working days.
    // Counted: 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4), 10-17 (5) … 10-31 (15), 11-01 (16), 11-04 (17) … 11-07 (20).
    const events: CaseClockEvent[] = [
      { type: 'consultation_started', on: '2024-10-09', party: 'third_party' },
      { type: 'consultation_ended', on: '2024-10-16' },
    ];
    expect(deriveClock(cal, '2024-09-27', events).dueOn).toBe('2024-11-07');
    const open = deriveClock(cal, '2024-09-27', events.slice(0, 1));
    // The third party has 15 working days: 10-10 (1), 10-11 (2), 10-12 (3), 10-14 (4) … 10-18 (8), 10-21 (9) … 10-25 (13), 10-28 (14), 10-29 (15).
    // While open, the due date assumes the full 15: counted 09-29 (1) … 10-09 (4), then 10-30 (5), 10-31 (6), 11-01 (7),
    // 11-04 (8) … 11-08 (12), 11-11 (13) … 11-15 (17), 11-18 (18), 11-19 (19), 11-20 (20).
    expect(open).toMatchObject({ dueOn: '2024-11-20', status: 'consulting', nextDueOn: '2024-11-20', provisional: true, consultationTentative: true });
    expect(open.openPause?.dueOn).toBe('2024-10-29');
  });

  it('adds an extension of 20 working days', () => {
    // From 10-30 (20): 10-31 (21), 11-01 (22), 11-04 (23) … 11-08 (27), 11-11 (28) … 11-15 (32), 11-18 (33) … 11-22 (37), 11-25 (38), 11-26 (39), 11-27 (40).
    const clock = deriveClock(cal, '2024-09-27', [{ type: 'extended', on: '2024-10-25', days: 20 }]);
    expect(clock).toMatchObject({ dueOn: '2024-11-27', extendedDays: 20 });
  });

  it('does not count the days between a fee notice and payment, across 春节 2025 and its 补班 days', () => {
    // Received Mon 2025-01-20: 01-21 (1), 01-22 (2, notice). Paused: 01-23, 01-24, 01-26 Sun 补班, 01-27, [01-28…02-04 春节],
    // 02-05, 02-06, 02-07, 02-08 Sat 补班, 02-10 (paid) = 9. Then 02-11 (3) … 02-14 (6), 02-17 (7) … 02-21 (11),
    // 02-24 (12) … 02-28 (16), 03-03 (17) … 03-06 (20).
    const events: CaseClockEvent[] = [
      { type: 'fee_notice', on: '2025-01-22', amount: 100 },
      { type: 'fee_paid', on: '2025-02-10' },
    ];
    expect(deriveClock(cal, '2025-01-20', events).dueOn).toBe('2025-03-06');
    // Unpaid and not yet delivered: no payment deadline yet (it runs from the applicant's receipt of the notice).
    const undelivered = deriveClock(cal, '2025-01-20', events.slice(0, 1));
    expect(undelivered).toMatchObject({ dueOn: null, status: 'awaiting_fee', nextDueOn: null });
    // Delivered Fri 01-24: 01-26 Sun 补班 (1), 01-27 (2), [01-28…02-04 春节], 02-05 (3) … 02-07 (5), 02-08 Sat 补班 (6),
    // 02-10 (7) … 02-14 (11), 02-17 (12) … 02-21 (16), 02-24 (17) … 02-27 (20).
    const unpaid = deriveClock(cal, '2025-01-20', [events[0] as CaseClockEvent, { type: 'fee_notice_delivered', on: '2025-01-24' }]);
    expect(unpaid).toMatchObject({ dueOn: null, status: 'awaiting_fee', nextDueOn: '2025-02-27' });
  });

  it('closes a pause still open at the answer, so an abandoned case is not late', () => {
    const clock = deriveClock(cal, '2025-01-20', [
      { type: 'fee_notice', on: '2025-01-22', amount: 100 },
      { type: 'closed', on: '2025-02-26', outcome: 'other.unpaid_fee' },
    ]);
    expect(clock).toMatchObject({ status: 'closed', closedOn: '2025-02-26', outcome: 'other.unpaid_fee', nextDueOn: null, openPause: null });
    expect(clock.dueOn).not.toBeNull();
    expect(isOverdue(clock, '2030-01-01')).toBe(false);
  });

  it('marks a period through a year with no arrangement as provisional', () => {
    const clock = deriveClock(cal, '2026-12-20', []);
    expect(clock.provisional).toBe(true);
    expect(clock.missingYears).toEqual([2027]);
  });

  it('reads overdue as the interchange format says', () => {
    expect(isOverdue({ dueOn: '2024-10-30', closedOn: '2024-10-31' }, '2024-11-01')).toBe(true);
    expect(isOverdue({ dueOn: '2024-10-30', closedOn: '2024-10-30' }, '2024-11-01')).toBe(false);
    expect(isOverdue({ dueOn: '2024-10-30', closedOn: null }, '2024-10-30')).toBe(false);
    expect(isOverdue({ dueOn: '2024-10-30', closedOn: null }, '2024-10-31')).toBe(true);
    expect(isOverdue({ dueOn: null, closedOn: null }, '2030-01-01')).toBe(false);
  });

  it('never moves the due date earlier when a pause or an extension is added (property)', () => {
    const day = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 20 }), (a, len, ext) => {
        const received = '2024-09-02';
        const on = (n: number) => cal.addWorkdays(received, n).date;
        const base = deriveClock(cal, received, []).dueOn as string;
        const paused = deriveClock(cal, received, [
          { type: 'consultation_started', on: on(a), party: 'agency' },
          { type: 'consultation_ended', on: on(a + len) },
        ]).dueOn as string;
        const extended = deriveClock(cal, received, [{ type: 'extended', on: on(Math.min(a, 19)), days: ext }]).dueOn as string;
        expect(paused >= base).toBe(true);
        expect(cal.workdaysBetween(base, extended).days).toBe(ext);
        // A pause that starts before the due date moves it by exactly its working days inside the period, a
        // consultation by 15 at most (第三十二条: then the agency decides).
        if (a < 20) expect(cal.workdaysBetween(base, paused).days).toBe(Math.min(len, 15));
      }),
    );
  });

  it('maps events to the engine input', () => {
    const input = clockInput(cal, '2024-09-27', [
      { type: 'correction_requested', on: '2024-10-08' },
      { type: 'correction_received', on: '2024-10-14' },
      { type: 'fee_notice', on: '2024-10-15', amount: 10 },
    ]);
    expect(input.events).toEqual([
      { type: 'pause', from: '2024-10-08', to: '2024-10-14', reason: '等待申请人补正' },
      { type: 'restart', on: '2024-10-14' },
      { type: 'pause', from: '2024-10-15', reason: '等待缴纳信息处理费' },
    ]);
  });
});
