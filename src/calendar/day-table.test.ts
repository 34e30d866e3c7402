import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArrangementJson, loadChineseDaysArrangements, parseArrangementJson, parseICalendar } from './chinese-days.ts';
import { arrangementYearOf, CalendarInputError, type ClockEvent, formatDate, isValidDate, parseDate, WorkCalendar } from './day-table.ts';

const seed = loadChineseDaysArrangements();
const cal = new WorkCalendar(seed);
const require = createRequire(import.meta.url);
const icsPath = (name: string): string => require.resolve(`chinese-days/dist/${name}`);

const add = (d: string, n: number): string => cal.addWorkdays(d, n).date;
const between = (a: string, b: string): number => cal.workdaysBetween(a, b).days;

describe('seed data from chinese-days', () => {
  it('loads exactly the arrangement years 2004–2026', () => {
    expect(seed.map((a) => a.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(cal.isLoaded(2026)).toBe(true);
    expect(cal.isLoaded(2027)).toBe(false);
    expect(cal.isLoaded(2003)).toBe(false);
    expect(seed[0]?.source).toMatch(/^chinese-days@1\.5\.7/);
  });

  it('puts 28–31 December into the next year arrangement (元旦 2008, 2019, 2023)', () => {
    const y2008 = seed.find((a) => a.year === 2008)?.overrides ?? [];
    expect(y2008.slice(0, 3)).toEqual([
      { date: '2007-12-29', kind: 'workday', name: '元旦' },
      { date: '2007-12-30', kind: 'holiday', name: '元旦' },
      { date: '2007-12-31', kind: 'holiday', name: '元旦' },
    ]);
    expect(seed.find((a) => a.year === 2023)?.overrides[0]).toEqual({ date: '2022-12-31', kind: 'holiday', name: '元旦' });
    expect(arrangementYearOf('2026-12-27')).toBe(2026);
    expect(arrangementYearOf('2026-12-28')).toBe(2027);
  });

  it('matches the State Council arrangements as published (2024–2026 spot checks)', () => {
    // 2024 春节: 2-10..2-17 off; 2-4 (Sun) and 2-18 (Sun) worked.
    for (let d = 10; d <= 17; d++) expect(cal.dayInfo(`2024-02-${d}`)).toMatchObject({ workday: false, reason: 'holiday', holidayName: '春节' });
    expect(cal.dayInfo('2024-02-04')).toMatchObject({ workday: true, reason: 'makeup_workday', holidayName: '春节' });
    expect(cal.dayInfo('2024-02-18')).toMatchObject({ workday: true, reason: 'makeup_workday' });
    // 2024 国庆: 10-1..10-7 off; 9-29 (Sun) and 10-12 (Sat) worked.
    expect(cal.isWorkday('2024-09-29')).toBe(true);
    expect(cal.isWorkday('2024-10-07')).toBe(false);
    expect(cal.isWorkday('2024-10-12')).toBe(true);
    expect(cal.isWorkday('2024-10-13')).toBe(false);
    // 2025 春节: 1-28..2-4 off; 1-26 (Sun) and 2-8 (Sat) worked.
    expect(cal.isWorkday('2025-01-26')).toBe(true);
    expect(cal.isWorkday('2025-01-28')).toBe(false);
    expect(cal.isWorkday('2025-02-04')).toBe(false);
    expect(cal.isWorkday('2025-02-08')).toBe(true);
    // 2025 国庆 + 中秋: 10-1..10-8 off (10-6 is 中秋); 9-28 (Sun) and 10-11 (Sat) worked.
    expect(cal.dayInfo('2025-10-06')).toMatchObject({ workday: false, holidayName: '中秋' });
    expect(cal.dayInfo('2025-10-08')).toMatchObject({ workday: false, holidayName: '国庆节' });
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    expect(cal.isWorkday('2025-10-11')).toBe(true);
    // 2026 (国办发明电〔2025〕7号): 元旦 1-1..1-3, 1-4 (Sun) worked; 春节 2-15..2-23, 2-14 and 2-28 (Sat) worked;
    // 劳动节 5-1..5-5, 5-9 (Sat) worked; 国庆 10-1..10-7, 9-20 (Sun) and 10-10 (Sat) worked; 中秋 9-25..9-27.
    expect(cal.dayInfo('2026-01-02')).toMatchObject({ workday: false, holidayName: '元旦' });
    expect(cal.isWorkday('2026-01-04')).toBe(true);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-23')).toBe(false);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-05-09')).toBe(true);
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    expect(cal.isWorkday('2026-09-25')).toBe(false);
    expect(cal.isWorkday('2026-10-10')).toBe(true);
  });

  it('counts the working days of whole years as published (2023: 249, 2024: 251, 2025: 248, 2026: 248)', () => {
    // 2024: 366 days, 104 weekend days → 262 weekdays; 19 weekday holidays; 8 补班 → 251.
    expect(between('2022-12-31', '2023-12-31')).toBe(249);
    expect(between('2023-12-31', '2024-12-31')).toBe(251);
    expect(between('2024-12-31', '2025-12-31')).toBe(248);
    expect(between('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('addWorkdays: real cases counted by hand', () => {
  it('2023 春节 (1-21..1-27 off, 1-28 Sat and 1-29 Sun worked)', () => {
    // 2023-01-19 Thu. 1-20 Fri =1; 1-21..1-27 春节; 1-28 Sat 补班 =2; 1-29 Sun 补班 =3; 1-30 Mon =4; 1-31 Tue =5.
    expect(add('2023-01-19', 5)).toBe('2023-01-31');
  });

  it('2023 元旦 starting on 2022-12-31', () => {
    // 2022-12-30 Fri. 12-31 Sat, 1-1 Sun, 1-2 Mon all 元旦; 1-3 Tue =1.
    expect(add('2022-12-30', 1)).toBe('2023-01-03');
    expect(cal.dayInfo('2022-12-31')).toMatchObject({ reason: 'holiday', holidayName: '元旦', provisional: false });
  });

  it('2023 中秋国庆 (9-29..10-6 off, 10-7 Sat and 10-8 Sun worked)', () => {
    // 2023-09-20 Wed. 9-21 =1, 9-22 =2, 9-25..9-28 =3..6, 9-29..10-6 off, 10-7 Sat =7, 10-8 Sun =8,
    // 10-9..10-13 =9..13, 10-16..10-20 =14..18, 10-23 =19, 10-24 Tue =20.
    expect(add('2023-09-20', 20)).toBe('2023-10-24');
  });

  it('2023 year end into 2024 元旦', () => {
    // 2023-12-29 Fri. 12-30 Sat, 12-31 Sun, 2024-01-01 Mon 元旦; 1-2 Tue =1.
    expect(add('2023-12-29', 1)).toBe('2024-01-02');
  });

  it('2024 春节 (2-10..2-17 off, 2-4 Sun and 2-18 Sun worked)', () => {
    // 2024-02-01 Thu. 2-2 Fri =1, 2-4 Sun 补班 =2, 2-5..2-9 =3..7, 2-10..2-17 off, 2-18 Sun 补班 =8,
    // 2-19..2-23 =9..13, 2-26..3-1 =14..18, 3-4 =19, 3-5 Tue =20.
    expect(add('2024-02-01', 20)).toBe('2024-03-05');
    // After 2-8: 2-9 Fri =1, 2-18 Sun =2, 2-19 Mon =3.
    expect(between('2024-02-08', '2024-02-19')).toBe(3);
  });

  it('2024 国庆 (10-1..10-7 off, 9-29 Sun and 10-12 Sat worked)', () => {
    // 2024-09-27 Fri. 9-28 Sat off, 9-29 Sun 补班 =1, 9-30 Mon =2, 10-1..10-7 off, 10-8 =3, 10-9 =4, 10-10 Thu =5.
    expect(add('2024-09-27', 5)).toBe('2024-10-10');
    // 10-11 Fri =1, 10-12 Sat 补班 =2.
    expect(add('2024-10-10', 2)).toBe('2024-10-12');
  });

  it('2024 year end into 2025 元旦 (1-1 only)', () => {
    // 2024-12-27 Fri. 12-30 Mon =1, 12-31 Tue =2, 2025-01-01 Wed 元旦, 1-2 Thu =3.
    expect(add('2024-12-27', 3)).toBe('2025-01-02');
  });

  it('2025 春节 (1-28..2-4 off, 1-26 Sun and 2-8 Sat worked)', () => {
    // 2025-01-24 Fri. 1-25 Sat off, 1-26 Sun 补班 =1, 1-27 Mon =2, 1-28..2-4 off, 2-5 Wed =3.
    expect(add('2025-01-24', 3)).toBe('2025-02-05');
    // 2025-01-20 Mon. 1-21..1-24 =1..4, 1-26 Sun =5, 1-27 =6, 2-5..2-7 =7..9, 2-8 Sat =10, 2-10..2-14 =11..15,
    // 2-17..2-21 =16..20.
    expect(add('2025-01-20', 20)).toBe('2025-02-21');
  });

  it('2025 国庆中秋 (10-1..10-8 off, 9-28 Sun and 10-11 Sat worked)', () => {
    // 2025-09-26 Fri. 9-27 Sat off, 9-28 Sun 补班 =1, 9-29 =2, 9-30 =3, 10-1..10-8 off, 10-9 Thu =4.
    expect(add('2025-09-26', 4)).toBe('2025-10-09');
    // 2025-09-15 Mon. 9-16..9-19 =1..4, 9-22..9-26 =5..9, 9-28 =10, 9-29 =11, 9-30 =12, 10-9 =13, 10-10 =14,
    // 10-11 Sat =15, 10-13..10-17 =16..20.
    expect(add('2025-09-15', 20)).toBe('2025-10-17');
    expect(between('2025-09-30', '2025-10-09')).toBe(1);
  });

  it('2025 year end into 2026 元旦 (1-1..1-3 off, 1-4 Sun worked)', () => {
    // 2025-12-30 Tue. 12-31 Wed =1, 2026-01-01..01-03 off, 1-4 Sun 补班 =2, 1-5 Mon =3.
    expect(add('2025-12-30', 3)).toBe('2026-01-05');
  });

  it('2026 春节 (2-15..2-23 off, 2-14 Sat and 2-28 Sat worked)', () => {
    // 2026-02-12 Thu. 2-13 Fri =1, 2-14 Sat 补班 =2, 2-15..2-23 off, 2-24 =3, 2-25 =4, 2-26 Thu =5.
    expect(add('2026-02-12', 5)).toBe('2026-02-26');
    // After 2-26: 2-27 Fri =1, 2-28 Sat 补班 =2, 3-1 Sun off, 3-2 Mon =3.
    expect(between('2026-02-26', '2026-03-02')).toBe(3);
  });

  it('2026 中秋 and 国庆 (9-25..9-27, 10-1..10-7 off; 9-20 Sun and 10-10 Sat worked)', () => {
    // 2026-09-18 Fri. 9-19 Sat off, 9-20 Sun 补班 =1, 9-21..9-24 =2..5, 9-25..9-27 中秋, 9-28..9-30 =6..8,
    // 10-1..10-7 off, 10-8 =9, 10-9 Fri =10, 10-10 Sat 补班 =11.
    expect(add('2026-09-18', 10)).toBe('2026-10-09');
    expect(add('2026-09-18', 11)).toBe('2026-10-10');
  });

  it('n = 0 returns the date itself, and the event day is never counted', () => {
    expect(cal.addWorkdays('2024-02-10', 0)).toEqual({ date: '2024-02-10', provisional: false, missingYears: [] });
    expect(add('2024-03-04', 1)).toBe('2024-03-05');
    expect(between('2024-03-04', '2024-03-04')).toBe(0);
    expect(between('2024-03-05', '2024-03-04')).toBe(0);
  });
});

describe('provisional results where no arrangement is loaded', () => {
  it('marks 2027 provisional and names the missing year (the issue example: 2026-12-20 + 20)', () => {
    // 12-21..12-25 =1..5, 12-28..12-31 =6..9, 2027-01-01 Fri =10 (no 2027 data: plain Mon–Fri), 1-4..1-8 =11..15,
    // 1-11..1-15 =16..20.
    expect(cal.addWorkdays('2026-12-20', 20)).toEqual({ date: '2027-01-15', provisional: true, missingYears: [2027] });
    expect(cal.dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', workday: true, reason: 'weekday', provisional: true });
    expect(cal.workdaysBetween('2026-12-01', '2027-02-01')).toMatchObject({ provisional: true, missingYears: [2027] });
    expect(cal.isWorkday('2027-02-06')).toBe(false);
  });

  it('treats 28–31 December 2026 as depending on the 2027 notice', () => {
    expect(cal.addWorkdays('2026-12-24', 1)).toEqual({ date: '2026-12-25', provisional: false, missingYears: [] });
    expect(cal.addWorkdays('2026-12-24', 2)).toMatchObject({ date: '2026-12-28', provisional: true, missingYears: [2027] });
    expect(cal.missingYears('2026-12-01', '2026-12-27')).toEqual([]);
    expect(cal.missingYears('2026-12-01', '2028-01-05')).toEqual([2027, 2028]);
  });

  it('marks years before the seed data too', () => {
    expect(cal.addWorkdays('2003-06-02', 5)).toMatchObject({ provisional: true, missingYears: [2003] });
  });

  it('is no longer provisional once 2027 is imported, and the answer moves', () => {
    const [y2027] = parseArrangementJson(
      JSON.stringify({
        year: 2027,
        source: '测试用 2027 年安排',
        holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
        workdays: [],
      }),
    );
    const next = cal.withArrangements(y2027 ? [y2027] : []);
    // As above but 2027-01-01 is now 元旦: 1-4..1-8 =10..14, 1-11..1-15 =15..19, 1-18 Mon =20.
    expect(next.addWorkdays('2026-12-20', 20)).toEqual({ date: '2027-01-18', provisional: false, missingYears: [] });
    expect(next.isLoaded(2027)).toBe(true);
    expect(cal.isLoaded(2027)).toBe(false); // calendars are immutable
  });
});

describe('computePeriod', () => {
  it('without events equals addWorkdays, and allocates no steps on the fast path', () => {
    const r = cal.computePeriod({ start: '2024-02-01', days: 20 });
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
    const r = cal.computePeriod({ start: '2024-03-01', days: 20, events }, { explain: true });
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
    const r = cal.computePeriod({ start: '2024-09-02', days: 20, events: [pause] }, { explain: true });
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
    const r = cal.computePeriod({ start: '2025-09-15', days: 20, events: [{ type: 'extend', on: '2025-10-10', days: 20 }] }, { explain: true });
    expect(r).toMatchObject({ dueOn: '2025-11-14', totalDays: 40 });
    expect(r.steps.find((s) => s.kind === 'extend')).toMatchObject({ date: '2025-10-10', days: 20, totalDays: 40 });
  });

  it('stops the clock on an open pause and ignores one that starts after the due date', () => {
    const open = cal.computePeriod(
      { start: '2025-01-20', days: 20, events: [{ type: 'pause', from: '2025-02-05', reason: '等待缴纳信息处理费' }] },
      { explain: true },
    );
    expect(open).toMatchObject({ dueOn: null, paused: true, pausedDays: 0 });
    expect(open.steps.at(-1)).toMatchObject({ kind: 'clock_stopped', reason: '等待缴纳信息处理费' });
    expect(cal.computePeriod({ start: '2025-01-20', days: 20, events: [{ type: 'pause', from: '2025-02-05', reason: 'x' }] })).toMatchObject({
      dueOn: null,
      paused: true,
    });
    const late = cal.computePeriod({ start: '2025-01-20', days: 20, events: [{ type: 'pause', from: '2025-02-21', reason: '征求意见' }] }, { explain: true });
    expect(late).toMatchObject({ dueOn: '2025-02-21', paused: false });
    expect(late.steps.at(-1)).toMatchObject({ kind: 'ignored', event: 'pause' });
  });

  it('explains every day: counted days, weekends, holidays by name, 补班 days and the due date', () => {
    const r = cal.computePeriod({ start: '2024-02-01', days: 20 }, { explain: true });
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
    const r = cal.computePeriod({ start: '2026-12-20', days: 20 }, { explain: true });
    expect(r).toMatchObject({ dueOn: '2027-01-15', provisional: true, missingYears: [2027] });
    const jan1 = r.steps.find((s) => s.date === '2027-01-01');
    expect(jan1).toMatchObject({ kind: 'count', ordinal: 10, provisional: true });
    expect(jan1?.text).toContain('2027 年放假安排尚未载入');
    expect(r.steps.find((s) => s.date === '2026-12-25')).toMatchObject({ provisional: false });
  });

  it('handles a zero-length period and rejects bad events', () => {
    expect(cal.computePeriod({ start: '2024-02-10', days: 0 })).toMatchObject({ dueOn: '2024-02-10', totalDays: 0 });
    expect(() => cal.computePeriod({ start: '2024-03-01', days: 20, events: [{ type: 'restart', on: '2024-02-01' }] })).toThrow(/events\[0\]\.on/);
    expect(() => cal.computePeriod({ start: '2024-03-01', days: 20, events: [{ type: 'pause', from: '2024-03-05', to: '2024-03-04', reason: 'x' }] })).toThrow(
      CalendarInputError,
    );
    expect(() => cal.computePeriod({ start: '2024-03-01', days: 20, events: [{ type: 'pause', from: '2024-03-05', reason: ' ' }] })).toThrow(/reason/);
    expect(() => cal.computePeriod({ start: '2024-03-01', days: 20, events: [{ type: 'extend', on: '2024-03-05', days: -1 }] })).toThrow(/days/);
  });
});

describe('validation', () => {
  it('parseDate rejects impossible and malformed dates with a Chinese RangeError', () => {
    for (const bad of ['2023-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2023-2-3', '2023/02/03', '20230203', '', 'abcd-ef-gh', '2024-02-1x']) {
      expect(() => parseDate(bad)).toThrow(RangeError);
      expect(() => parseDate(bad)).toThrow(/日期格式应为 YYYY-MM-DD，且须为真实日期/);
    }
    expect(() => parseDate('1899-12-31')).toThrow(/1900-01-01/);
    expect(formatDate(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(parseDate('1970-01-01')).toBe(0);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2100-02-29')).toBe(false);
  });

  it('addWorkdays rejects negative, fractional and absurd counts', () => {
    for (const n of [-1, 1.5, 10001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cal.addWorkdays('2024-01-01', n)).toThrow(CalendarInputError);
    }
    expect(() => cal.addWorkdays('2024-01-01', -1)).toThrow(/0 至 10000/);
    expect(cal.addWorkdays('2024-01-01', 10000).date > '2060').toBe(true);
    expect(() => cal.addWorkdays('2023-02-30', 1)).toThrow(/date/);
  });

  it('refuses a year given twice or a date outside its year', () => {
    expect(
      () =>
        new WorkCalendar([
          { year: 2027, overrides: [] },
          { year: 2027, overrides: [] },
        ]),
    ).toThrow(/重复/);
    expect(() => new WorkCalendar([{ year: 2027, overrides: [{ date: '2027-12-30', kind: 'holiday' }] }])).toThrow(/2026-12-28 至 2027-12-27/);
    expect(
      () =>
        new WorkCalendar([
          {
            year: 2027,
            overrides: [
              { date: '2027-02-06', kind: 'holiday' },
              { date: '2027-02-06', kind: 'workday' },
            ],
          },
        ]),
    ).toThrow(/既被设为放假又被设为上班/);
  });
});

describe('parsers', () => {
  const text = (o: unknown): string => JSON.stringify(o);

  it('parseICalendar reads chinese-days .ics files to the same overrides as the JSON data', () => {
    const all = parseICalendar(readFileSync(icsPath('holidays.ics'), 'utf8'));
    expect(all.map((a) => a.year)).toEqual([2024, 2025, 2026]);
    for (const a of all) expect(a.overrides).toEqual(seed.find((s) => s.year === a.year)?.overrides);
    const en = parseICalendar(readFileSync(icsPath('holidays.en.ics'), 'utf8'));
    expect(en.find((a) => a.year === 2025)?.overrides.map((o) => [o.date, o.kind])).toEqual(
      seed.find((s) => s.year === 2025)?.overrides.map((o) => [o.date, o.kind]),
    );
    expect(all[0]?.source).toBe('iCalendar：中国节假日');
  });

  it('parseICalendar marks the 28–31 December spill-over of a per-year file as partial', () => {
    const y2018 = parseICalendar(readFileSync(icsPath('years/2018.ics'), 'utf8'));
    expect(y2018.map((a) => [a.year, a.partial ?? false])).toEqual([
      [2018, false],
      [2019, true],
    ]);
    expect(y2018[1]?.overrides.map((o) => `${o.date}:${o.kind}`)).toEqual(['2018-12-29:workday', '2018-12-30:holiday', '2018-12-31:holiday']);
  });

  it('parseICalendar handles folded lines, DURATION, CRLF, and text markers', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270206',
      'DURATION:P3D',
      'SUMMARY:春节（',
      ' 休）',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270130',
      'SUMMARY:春节补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(parseICalendar(ics, { source: '手工' })).toEqual([
      {
        year: 2027,
        source: '手工',
        overrides: [
          { date: '2027-01-30', kind: 'workday', name: '春节' },
          { date: '2027-02-06', kind: 'holiday', name: '春节' },
          { date: '2027-02-07', kind: 'holiday', name: '春节' },
          { date: '2027-02-08', kind: 'holiday', name: '春节' },
        ],
      },
    ]);
  });

  it('parseICalendar rejects malformed files', () => {
    expect(() => parseICalendar('hello')).toThrow(/VCALENDAR/);
    const ev = (lines: string[]): string => ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\n');
    expect(() => parseICalendar(ev(['DTSTART;VALUE=DATE:20270308', 'SUMMARY:妇女节']))).toThrow(/无法判断/);
    expect(parseICalendar(ev(['DTSTART;VALUE=DATE:20270308', 'SUMMARY:妇女节']), { ignoreUnknown: true })).toEqual([]);
    expect(() => parseICalendar(ev(['DTSTART;VALUE=DATE:20270230', 'SUMMARY:x(休)']))).toThrow(/DTSTART/);
    expect(() => parseICalendar(ev(['DTSTART;VALUE=DATE:20270210', 'DTEND;VALUE=DATE:20270205', 'SUMMARY:x(休)']))).toThrow(/DTEND/);
    expect(() => parseICalendar(ev(['SUMMARY:x(休)']))).toThrow(/DTSTART/);
    expect(() => parseICalendar('BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x(休)')).toThrow(/END:VEVENT/);
  });

  it('parseArrangementJson reads the documented format', () => {
    const [a] = parseArrangementJson(
      text({
        year: 2027,
        source: '国办发明电〔2026〕x号',
        holidays: [
          { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
          { name: '清明', from: '2027-04-05' },
        ],
        workdays: [{ date: '2027-02-07', name: '春节补班' }],
      }),
    );
    expect(a).toEqual({
      year: 2027,
      source: '国办发明电〔2026〕x号',
      overrides: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
        { date: '2027-02-07', kind: 'workday', name: '春节补班' },
        { date: '2027-04-05', kind: 'holiday', name: '清明' },
      ],
    });
    // A 元旦 that starts in December belongs to the next year's file.
    const [b] = parseArrangementJson(text({ year: 2031, holidays: [{ name: '元旦', from: '2030-12-30', to: '2031-01-01' }] }));
    expect(b?.overrides.map((o) => o.date)).toEqual(['2030-12-30', '2030-12-31', '2031-01-01']);
  });

  it('parseArrangementJson rejects malformed input, naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [{ year: 2027 }, /holidays/],
      [{ year: '2027', holidays: [] }, /^year：/],
      [{ year: 2027, holiday: [] }, /未知字段 holiday/],
      [{ year: 2027, holidays: [{ name: '元旦', from: '2027-02-30' }] }, /holidays\[0\]\.from：日期格式应为/],
      [{ year: 2027, holidays: [{ name: '元旦', from: '2027-01-03', to: '2027-01-01' }] }, /holidays\[0\]\.to/],
      [{ year: 2027, holidays: [{ from: '2027-01-01' }] }, /holidays\[0\]\.name/],
      [{ year: 2027, holidays: [{ name: '国庆', from: '2028-10-01' }] }, /不在 2027 年放假安排的范围内/],
      [{ year: 2027, holidays: [], workdays: [{ date: '2027-02-08' }] }, /workdays\[0\]\.date：2027-02-08 不是周六或周日/],
      [{ year: 2027, holidays: [{ name: '春节', from: '2027-02-06', to: '2027-02-12' }], workdays: [{ date: '2027-02-07' }] }, /既被设为放假又被设为上班/],
      [
        [
          { year: 2027, holidays: [] },
          { year: 2027, holidays: [] },
        ],
        /不止一次/,
      ],
      [[{ year: 2027, holidays: [] }, 5], /^\[1\]：/],
    ];
    for (const [input, message] of bad) expect(() => parseArrangementJson(text(input)), JSON.stringify(input)).toThrow(message);
    expect(() => parseArrangementJson('{"year": 2027,')).toThrow(/不是有效的 JSON/);
    expect(() => parseArrangementJson('{"year": 2027,')).toThrow(CalendarInputError);
  });

  it('formatArrangementJson round-trips every seed year', () => {
    for (const a of seed) {
      const [back] = parseArrangementJson(formatArrangementJson(a));
      expect(back?.overrides, String(a.year)).toEqual(a.overrides);
    }
  });
});

describe('properties (fast-check)', () => {
  // Day numbers of 2000-01-01 … 2035-12-31: loaded and unloaded years alike.
  const lo = parseDate('2000-01-01');
  const hi = parseDate('2035-12-31');
  const dateArb = fc.integer({ min: lo, max: hi }).map(formatDate);
  const seedDateArb = fc.integer({ min: parseDate('2020-01-01'), max: parseDate('2026-12-31') }).map(formatDate);

  it('workdaysBetween(d, addWorkdays(d, n)) === n', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 600 }), (d, n) => {
        const r = cal.addWorkdays(d, n);
        const back = cal.workdaysBetween(d, r.date);
        return back.days === n && back.provisional === r.provisional;
      }),
      { numRuns: 2000 },
    );
  });

  it('addWorkdays(a, workdaysBetween(a, b)) === b for a working day b after a', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 900 }), (a, gap) => {
        const b = formatDate(parseDate(a) + gap);
        fc.pre(cal.isWorkday(b));
        return add(a, between(a, b)) === b;
      }),
      { numRuns: 2000 },
    );
  });

  it('addWorkdays(d, n ≥ 1) is a working day after d, with n − 1 working days strictly between', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 400 }), (d, n) => {
        const r = add(d, n);
        return cal.isWorkday(r) && r > d && between(d, formatDate(parseDate(r) - 1)) === n - 1;
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with a naive day-by-day count', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 120 }), (d, n) => {
        let dn = parseDate(d);
        let left = n;
        let provisional = false;
        while (left > 0) {
          dn++;
          const info = cal.dayInfo(formatDate(dn));
          provisional ||= info.provisional;
          if (info.workday) left--;
        }
        expect(cal.addWorkdays(d, n)).toMatchObject({ date: formatDate(dn), provisional });
      }),
      { numRuns: 500 },
    );
  });

  it('a pause of k working days moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(seedDateArb, fc.integer({ min: 1, max: 60 }), fc.nat({ max: 100 }), fc.nat({ max: 80 }), (start, days, offset, length) => {
        const due = add(start, days);
        const from = formatDate(Math.min(parseDate(start) + offset, parseDate(due) - 1));
        const to = formatDate(parseDate(from) + length);
        const k = between(from, to);
        const r = cal.computePeriod({ start, days, events: [{ type: 'pause', from, to, reason: '测试' }] });
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
        const fast = cal.computePeriod(input);
        const slow = cal.computePeriod(input, { explain: true });
        expect({ ...slow, steps: [] }).toEqual(fast);
        if (slow.dueOn !== null && slow.totalDays > 0) {
          expect(slow.steps.filter((s) => s.kind === 'count')).toHaveLength(slow.totalDays);
          expect(slow.steps.filter((s) => s.kind === 'paused')).toHaveLength(slow.pausedDays);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('parseDate and formatDate round-trip, and parseDate agrees with Date.UTC on validity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2299 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const t = new Date(Date.UTC(y, m - 1, d));
        const real = m >= 1 && m <= 12 && d >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
        if (!real) return !isValidDate(s);
        return isValidDate(s) && formatDate(parseDate(s)) === s && parseDate(s) === Math.round(t.getTime() / 86400000);
      }),
      { numRuns: 3000 },
    );
  });
});
