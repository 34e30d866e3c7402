import { describe, expect, it } from 'vitest';
import { formatArrangementLines, parseArrangementLines } from './arrangement-lines.ts';
import { CalendarInputError } from './calendar-error.ts';
import { loadChineseDaysArrangements } from './chinese-days.ts';

describe('the console line format', () => {
  it('parses periods, single days and 补班 days', () => {
    const a = parseArrangementLines('2027-01-01~2027-01-03 休 元旦\n# comment\n\n2027-02-07 班 春节补班', 2027, '测试');
    expect(a.year).toBe(2027);
    expect(a.overrides.filter((o) => o.kind === 'holiday').map((o) => o.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(a.overrides.find((o) => o.kind === 'workday')).toMatchObject({ date: '2027-02-07', name: '春节补班' });
  });

  it('names the bad line, and applies the JSON rules (a 补班 must fall on a weekend)', () => {
    expect(() => parseArrangementLines('2027-01-01 休 元旦\n明天放假', 2027, 'x')).toThrow('第 2 行无法识别');
    expect(() => parseArrangementLines('2027-02-08 班 周一补班', 2027, 'x')).toThrow(CalendarInputError);
  });

  it('round-trips every seed year', () => {
    for (const year of loadChineseDaysArrangements()) {
      const again = parseArrangementLines(formatArrangementLines(year), year.year, year.source ?? '');
      const key = (o: { date: string; kind: string }) => `${o.date}${o.kind}`;
      expect(again.overrides.map(key).sort()).toEqual(year.overrides.map(key).sort());
    }
  });
});
