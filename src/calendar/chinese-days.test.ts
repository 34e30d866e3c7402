import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CalendarInputError } from './calendar-error.ts';
import { formatArrangementJson, loadChineseDaysArrangements, parseArrangementJson, parseICalendar } from './chinese-days.ts';

const seed = loadChineseDaysArrangements();
const require = createRequire(import.meta.url);
const icsPath = (name: string): string => require.resolve(`chinese-days/dist/${name}`);

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

describe('the seed migration', () => {
  it('holds exactly the arrangements chinese-days gives (its frozen copy of 2004–2026)', () => {
    const file = new URL('../db/migrations/data/2026-11-26T1000-calendar-seed.json', import.meta.url);
    const frozen = JSON.parse(readFileSync(file, 'utf8')) as { year: number; source: string; days: string[][] }[];
    const asLoaded = frozen.map(({ year, source, days }) => ({
      year,
      overrides: days.map(([date, kind, name]) => (name === undefined ? { date, kind } : { date, kind, name })),
      source,
    }));
    expect(asLoaded).toEqual(seed);
  });
});
