import { t } from '../shared/i18n/zh-CN.ts';
import { CalendarInputError } from './calendar-error.ts';
import { type ParsedArrangement, parseArrangementJson } from './chinese-days.ts';
import { parseDate } from './civil-date.ts';
import type { YearArrangement } from './day-table.ts';

// The name starts at its first non-space (\S): \s+ and the name never share characters, so no line backtracks.
const LINE = /^(\d{4}-\d{2}-\d{2})(?:\s*[~～至]\s*(\d{4}-\d{2}-\d{2}))?\s+(休|班)(?:\s+(\S.*))?$/;

/**
 * Parses the console's line format ("2027-01-01~2027-01-03 休 元旦", "2027-02-07 班 春节补班") into one year's
 * arrangement, validated by the same rules as the JSON format.
 */
export function parseArrangementLines(text: string, year: number, source: string): ParsedArrangement {
  const holidays: { name: string; from: string; to: string }[] = [];
  const workdays: { date: string; name?: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) throw new CalendarInputError('invalid_arrangement', t.calendar.badLine(i + 1, line));
    const [, from, to, kind, name] = m as unknown as [string, string, string | undefined, string, string | undefined];
    if (kind === '休') holidays.push({ name: name?.trim() || '假期', from, to: to ?? from });
    else workdays.push(name ? { date: from, name: name.trim() } : { date: from });
  });
  const [parsed] = parseArrangementJson(JSON.stringify({ year, source, holidays, workdays }));
  return parsed as ParsedArrangement;
}

/** Writes a year in the line format, for editing in the console (consecutive days of one holiday become a period). */
export function formatArrangementLines(a: YearArrangement): string {
  const sorted = [...a.overrides].sort((x, y) => (x.date < y.date ? -1 : 1));
  const lines: string[] = [];
  type Run = { from: string; to: string; last: number; name: string };
  let run = null as Run | null;
  const flush = (r: Run | null) => {
    if (r) lines.push(`${r.from === r.to ? r.from : `${r.from}~${r.to}`} 休 ${r.name}`);
  };
  for (const o of sorted) {
    if (o.kind === 'workday') {
      flush(run);
      run = null;
      lines.push(`${o.date} 班${o.name ? ` ${o.name}` : ''}`);
      continue;
    }
    const name = o.name ?? '假期';
    const day = parseDate(o.date);
    if (run && run.name === name && run.last === day - 1) run = { ...run, to: o.date, last: day };
    else {
      flush(run);
      run = { from: o.date, to: o.date, last: day, name };
    }
  }
  flush(run);
  return lines.join('\n');
}
