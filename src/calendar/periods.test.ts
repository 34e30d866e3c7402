import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarInputError } from './calendar-error.ts';
import { loadChineseDaysArrangements } from './chinese-days.ts';
import { formatDate, parseDate } from './civil-date.ts';
import { WorkCalendar } from './day-table.ts';
import { type ClockEvent, computePeriod, type PeriodInput, type PeriodOptions, type PeriodResult } from './periods.ts';

const cal = new WorkCalendar(loadChineseDaysArrangements());
const period = (input: PeriodInput, options?: PeriodOptions): PeriodResult => computePeriod(cal, input, options);
const add = (d: string, n: number): string => cal.addWorkdays(d, n).date;
const between = (a: string, b: string): number => cal.workdaysBetween(a, b).days;

describe('computePeriod', () => {
  it('without events equals addWorkdays, and allocates no steps on the fast path', () => {
    const r = period({ start: '2024-02-01', days: 20 });
    expect(r).toEqual({
      dueOn: '2024-03-05',
      provisional: false,
      missingYears: [],
      paused: false,
      totalDays: 20,
      pausedDays: 0,
      steps: [],
    });
  });

  it('restarts from the day the corrected application is received', () => {
    // Received 2024-03-01, corrected application received 2024-03-08 (Fri): 3-11..3-15 =1..5, 3-18..3-22 =6..10,
    // 3-25..3-29 =11..15, 4-1..4-3 =16..18, 4-4..4-6 清明, 4-7 Sun 补班 =19, 4-8 Mon =20.
    const events: ClockEvent[] = [
      { type: 'extend', on: '2024-03-04', days: 5 },
      { type: 'restart', on: '2024-03-08' },
    ];
    const r = period({ start: '2024-03-01', days: 20, events }, { explain: true });
    expect(r.dueOn).toBe('2024-04-08');
    expect(r.totalDays).toBe(20); // the extension before the restart is superseded
    expect(r.steps.map((s) => s.kind).slice(0, 3)).toEqual(['start', 'ignored', 'restart']);
    expect(r.steps.find((s) => s.date === '2024-04-07')).toMatchObject({ kind: 'count', ordinal: 19, reason: 'makeup_workday', holidayName: '清明' });
  });

  it('does not count paused working days (third-party consultation)', () => {
    // 2024-09-02 Mon + 20 without pause: 9-3..9-6 =1..4, 9-9..9-13 =5..9, 9-14 Sat 补班 =10, 9-15..9-17 中秋,
    // 9-18..9-20 =11..13, 9-23..9-27 =14..18, 9-29 Sun 补班 =19, 9-30 =20.
    expect(add('2024-09-02', 20)).toBe('2024-09-30');
    // Paused after 9-9 up to 9-13: 9-10..9-13 = 4 working days. 9-9 =5, 9-14 =6, 9-18..9-20 =7..9, 9-23..9-27 =10..14,
    // 9-29 =15, 9-30 =16, 10-1..10-7 国庆, 10-8..10-11 =17..20.
    const pause: ClockEvent = { type: 'pause', from: '2024-09-09', to: '2024-09-13', reason: '征求第三方意见' };
    const r = period({ start: '2024-09-02', days: 20, events: [pause] }, { explain: true });
    expect(r).toMatchObject({ dueOn: '2024-10-11', pausedDays: 4, paused: false, provisional: false });
    expect(add('2024-09-30', 4)).toBe('2024-10-11');
    const paused = r.steps.filter((s) => s.kind === 'paused');
    expect(paused.map((s) => s.date)).toEqual(['2024-09-10', '2024-09-11', '2024-09-12', '2024-09-13']);
    expect(paused[0]).toMatchObject({ reason: '征求第三方意见' });
    expect(r.steps.some((s) => s.kind === 'pause_start' && s.date === '2024-09-09')).toBe(true);
    expect(r.steps.some((s) => s.kind === 'pause_end' && s.date === '2024-09-13')).toBe(true);
  });

  it('adds an extension (第三十三条: up to 20 more working days)', () => {
    // 2025-09-15 + 20 = 10-17 (above); 10-20..10-24 =21..25, 10-27..10-31 =26..30, 11-3..11-7 =31..35,
    // 11-10..11-14 =36..40.
    const r = period({ start: '2025-09-15', days: 20, events: [{ type: 'extend', on: '2025-10-10', days: 20 }] }, { explain: true });
    expect(r).toMatchObject({ dueOn: '2025-11-14', totalDays: 40 });
    expect(r.steps.find((s) => s.kind === 'extend')).toMatchObject({ date: '2025-10-10', days: 20, totalDays: 40 });
  });

  it('stops the clock on an open pause and ignores one that starts after the due date', () => {
    const open = period({ start: '2025-01-20', days: 20, events: [{ type: 'pause', from: '2025-02-05', reason: '等待缴纳信息处理费' }] }, { explain: true });
    expect(open).toMatchObject({ dueOn: null, paused: true, pausedDays: 0 });
    expect(open.steps.at(-1)).toMatchObject({ kind: 'clock_stopped', reason: '等待缴纳信息处理费' });
    expect(period({ start: '2025-01-20', days: 20, events: [{ type: 'pause', from: '2025-02-05', reason: 'x' }] })).toMatchObject({
      dueOn: null,
      paused: true,
    });
    const late = period({ start: '2025-01-20', days: 20, events: [{ type: 'pause', from: '2025-02-21', reason: '征求意见' }] }, { explain: true });
    expect(late).toMatchObject({ dueOn: '2025-02-21', paused: false });
    expect(late.steps.at(-1)).toMatchObject({ kind: 'ignored', event: 'pause' });
  });

  it('explains every day: counted days, weekends, holidays by name, 补班 days and the due date', () => {
    const r = period({ start: '2024-02-01', days: 20 }, { explain: true });
    const byDate = new Map(r.steps.filter((s) => s.kind !== 'start').map((s) => [s.date, s]));
    expect(byDate.get('2024-02-02')).toMatchObject({ kind: 'count', ordinal: 1, reason: 'weekday' });
    expect(byDate.get('2024-02-03')).toMatchObject({ kind: 'skip', reason: 'weekend' });
    expect(byDate.get('2024-02-04')).toMatchObject({ kind: 'count', ordinal: 2, reason: 'makeup_workday', holidayName: '春节' });
    expect(byDate.get('2024-02-12')).toMatchObject({ kind: 'skip', reason: 'holiday', holidayName: '春节' });
    expect(byDate.get('2024-02-12')?.text).toContain('春节');
    expect(r.steps.at(-1)).toMatchObject({ kind: 'due', date: '2024-03-05', ordinal: 20 });
    expect(r.steps.filter((s) => s.kind === 'count')).toHaveLength(20);
    // One step per calendar day from 2-2 to 3-5 (33 days), plus start and due.
    expect(r.steps).toHaveLength(33 + 2);
  });

  it('marks provisional days in the explanation', () => {
    const r = period({ start: '2026-12-20', days: 20 }, { explain: true });
    expect(r).toMatchObject({ dueOn: '2027-01-15', provisional: true, missingYears: [2027] });
    const jan1 = r.steps.find((s) => s.date === '2027-01-01');
    expect(jan1).toMatchObject({ kind: 'count', ordinal: 10, provisional: true });
    expect(jan1?.text).toContain('2027 年放假安排尚未载入');
    expect(r.steps.find((s) => s.date === '2026-12-25')).toMatchObject({ provisional: false });
  });

  it('handles a zero-length period and rejects bad events', () => {
    expect(period({ start: '2024-02-10', days: 0 })).toMatchObject({ dueOn: '2024-02-10', totalDays: 0 });
    expect(() => period({ start: '2024-03-01', days: 20, events: [{ type: 'restart', on: '2024-02-01' }] })).toThrow(/events\[0\]\.on/);
    expect(() => period({ start: '2024-03-01', days: 20, events: [{ type: 'pause', from: '2024-03-05', to: '2024-03-04', reason: 'x' }] })).toThrow(
      CalendarInputError,
    );
    expect(() => period({ start: '2024-03-01', days: 20, events: [{ type: 'pause', from: '2024-03-05', reason: ' ' }] })).toThrow(/reason/);
    expect(() => period({ start: '2024-03-01', days: 20, events: [{ type: 'extend', on: '2024-03-05', days: -1 }] })).toThrow(/days/);
  });
});

describe('properties (fast-check)', () => {
  const seedDateArb = fc.integer({ min: parseDate('2020-01-01'), max: parseDate('2026-12-31') }).map(formatDate);

  it('a pause of k working days moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(seedDateArb, fc.integer({ min: 1, max: 60 }), fc.nat({ max: 100 }), fc.nat({ max: 80 }), (start, days, offset, length) => {
        const due = add(start, days);
        const from = formatDate(Math.min(parseDate(start) + offset, parseDate(due) - 1));
        const to = formatDate(parseDate(from) + length);
        const k = between(from, to);
        const r = period({ start, days, events: [{ type: 'pause', from, to, reason: '测试' }] });
        return r.dueOn === add(due, k) && r.pausedDays === k;
      }),
      { numRuns: 2000 },
    );
  });

  it('the explained path agrees with the fast path for any mix of events', () => {
    const dayArb = (base: number): fc.Arbitrary<string> => fc.nat({ max: 90 }).map((o) => formatDate(base + o));
    const base = parseDate('2024-09-01');
    const eventArb: fc.Arbitrary<ClockEvent> = fc.oneof(
      dayArb(base).map((on) => ({ type: 'restart' as const, on })),
      fc
        .tuple(dayArb(base), fc.option(fc.nat({ max: 30 }), { nil: undefined }))
        .map(([from, len]) =>
          len === undefined
            ? { type: 'pause' as const, from, reason: '开放暂停' }
            : { type: 'pause' as const, from, to: formatDate(parseDate(from) + len), reason: '暂停' },
        ),
      fc.tuple(dayArb(base), fc.integer({ min: 0, max: 20 })).map(([on, days]) => ({ type: 'extend' as const, on, days })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(eventArb, { maxLength: 5 }), (days, events) => {
        const input = { start: '2024-09-01', days, events };
        const fast = period(input);
        const slow = period(input, { explain: true });
        expect({ ...slow, steps: [] }).toEqual(fast);
        if (slow.dueOn !== null && slow.totalDays > 0) {
          expect(slow.steps.filter((s) => s.kind === 'count')).toHaveLength(slow.totalDays);
          expect(slow.steps.filter((s) => s.kind === 'paused')).toHaveLength(slow.pausedDays);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
