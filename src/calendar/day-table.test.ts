import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarInputError } from './calendar-error.ts';
import { loadChineseDaysArrangements, parseArrangementJson } from './chinese-days.ts';
import { formatDate, parseDate } from './civil-date.ts';
import { arrangementYearOf, WorkCalendar } from './day-table.ts';

const seed = loadChineseDaysArrangements();
const cal = new WorkCalendar(seed);

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

describe('validation', () => {
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

describe('properties (fast-check)', () => {
  // Day numbers of 2000-01-01 … 2035-12-31: loaded and unloaded years alike.
  const lo = parseDate('2000-01-01');
  const hi = parseDate('2035-12-31');
  const dateArb = fc.integer({ min: lo, max: hi }).map(formatDate);

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
});
