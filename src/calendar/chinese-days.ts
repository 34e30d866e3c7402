/**
 * Loading holiday arrangements: the seed data of the npm package `chinese-days` (MIT), iCalendar files of the kind
 * it ships, and the project's own JSON format.
 *
 * Every loader groups dates by *arrangement year* (see day-table.ts): 28–31 December belong to the next year's
 * notice, so the 2008 arrangement holds 2007-12-29 (补班) and 2007-12-30/31 (元旦).
 *
 * The project's JSON format (one object, or an array of them):
 *
 *   {
 *     "year": 2027,                                  // required, the arrangement year
 *     "source": "国办发明电〔2026〕x号",              // optional, the notice the dates come from
 *     "holidays": [                                  // required (may be empty): periods off, weekends included
 *       { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" }   // "to" optional (one day), inclusive
 *     ],
 *     "workdays": [                                  // optional: weekend days worked (调休补班)
 *       { "date": "2027-02-07", "name": "春节补班" }  // "name" optional
 *     ]
 *   }
 *
 * Dates must lie within the year's arrangement range: from 28 December of the year before (元旦 may start, or a
 * 补班 may fall, on 29–31 December) to 27 December of the year. Unknown fields are refused, so a misspelt field
 * does not silently drop dates. A 补班 must be a Saturday or Sunday and may not also be a holiday.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { t } from '../shared/i18n/zh-CN.ts';
import { jsonErrorLine, parseJsonSafely, UnsafeJsonError } from '../shared/safe-json.ts';
import { CalendarInputError } from './calendar-error.ts';
import { dayOfWeek, formatDate, parseDate } from './civil-date.ts';
import { arrangementRange, arrangementYearOf, type DayOverride, type YearArrangement } from './day-table.ts';

/** A year's arrangement as parsed from a file; `partial` marks a group that holds only 28–31 December spill-over. */
export type ParsedArrangement = YearArrangement & { source: string; partial?: boolean };

/** The seed years shipped by chinese-days 1.5.7. */
export const CHINESE_DAYS_FIRST_YEAR = 2004;
export const CHINESE_DAYS_LAST_YEAR = 2026;

const require = createRequire(import.meta.url);

function fail(message: string, field?: string): never {
  throw new CalendarInputError('invalid_arrangement', message, field);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects overrides by arrangement year, refusing a date that is both a holiday and a workday. */
class Grouper {
  private readonly byYear = new Map<number, Map<string, DayOverride & { span: number }>>();

  add(date: string, kind: DayOverride['kind'], name: string | undefined, span: number, field: string): void {
    const year = arrangementYearOf(date);
    let days = this.byYear.get(year);
    if (!days) {
      days = new Map();
      this.byYear.set(year, days);
    }
    const before = days.get(date);
    if (before && before.kind !== kind) fail(`${date} 既被设为放假又被设为上班`, field);
    // Where periods overlap (2025: 中秋 inside 国庆), the shorter, more specific one names the day.
    if (before && before.span <= span) return;
    const o: DayOverride & { span: number } = { date, kind, span };
    if (name) o.name = name;
    days.set(date, o);
  }

  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  overrides(year: number): DayOverride[] {
    const days = this.byYear.get(year);
    if (!days) return [];
    return [...days.values()]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map(({ date, kind, name }) => (name ? { date, kind, name } : { date, kind }));
  }
}

/** Turns the parsed content of chinese-days.json into arrangements for the years fromYear–toYear that have data. */
export function arrangementsFromChineseDaysData(
  data: unknown,
  source: string,
  fromYear = CHINESE_DAYS_FIRST_YEAR,
  toYear = CHINESE_DAYS_LAST_YEAR,
): ParsedArrangement[] {
  if (!isRecord(data)) fail('chinese-days 数据应为对象');
  const g = new Grouper();
  const read = (key: 'holidays' | 'workdays' | 'inLieuDays', kind: DayOverride['kind']): void => {
    const map = data[key];
    if (map === undefined && key === 'inLieuDays') return;
    if (!isRecord(map)) fail(`chinese-days 数据缺少 ${key}`, key);
    for (const [date, value] of Object.entries(map)) {
      if (typeof value !== 'string') fail(`${date} 的值应为字符串`, `${key}.${date}`);
      parseDate(date, `${key}.${date}`);
      // Values look like "Spring Festival,春节,4": English name, Chinese name, number of days.
      const parts = value.split(',');
      const name = (parts.length >= 3 ? parts[parts.length - 2] : parts[0])?.trim();
      g.add(date, kind, name || undefined, 1, `${key}.${date}`);
    }
  };
  read('holidays', 'holiday');
  read('workdays', 'workday');
  // inLieuDays are weekdays given off in exchange for a 补班: days off (all are also listed in holidays).
  read('inLieuDays', 'holiday');
  return g
    .years()
    .filter((y) => y >= fromYear && y <= toYear)
    .map((year) => ({ year, overrides: g.overrides(year), source }));
}

/** Reads the seed arrangements 2004–2026 from node_modules/chinese-days/dist/chinese-days.json. */
export function loadChineseDaysArrangements(): ParsedArrangement[] {
  const file = require.resolve('chinese-days/dist/chinese-days.json');
  const pkg: unknown = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8'));
  const version = isRecord(pkg) && typeof pkg.version === 'string' ? pkg.version : 'unknown';
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return arrangementsFromChineseDaysData(data, `chinese-days@${version}（国务院办公厅放假安排通知）`);
}

// ---------------------------------------------------------------------------------------------------------------
// iCalendar

const HOLIDAY_MARK = /[（(]\s*(休|假|休息|放假|holiday|day off|off)\s*[)）]\s*$/i;
const WORKDAY_MARK = /[（(]\s*(班|补班|上班|调休上班|workday|work day|work)\s*[)）]\s*$/i;

function icsDate(value: string, field: string): { dn: number; midnight: boolean } {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value.trim());
  if (!m) fail(`日期应为 YYYYMMDD：「${value}」`, field);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return { dn: parseDate(date, field), midnight: m[4] === undefined || `${m[4]}${m[5]}${m[6]}` === '000000' };
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function classify(summary: string, description: string, apple: string): { kind: DayOverride['kind']; name: string } | null {
  const s = summary.trim();
  let m = HOLIDAY_MARK.exec(s);
  if (m) return { kind: 'holiday', name: s.slice(0, m.index).trim() };
  m = WORKDAY_MARK.exec(s);
  if (m) return { kind: 'workday', name: s.slice(0, m.index).trim() };
  const d = description.trim();
  if (apple === 'ALTERNATE-WORKDAY' || /^(班|补班|上班|workday)$/i.test(d) || /(补班|上班)$/.test(s)) {
    return { kind: 'workday', name: s.replace(/(补班|上班)$/, '').trim() };
  }
  if (apple === 'WORK-HOLIDAY' || /^(休|假|holiday)$/i.test(d) || /(放假|休)$/.test(s)) {
    return { kind: 'holiday', name: s.replace(/(放假|休)$/, '').trim() };
  }
  return null;
}

/**
 * Parses an iCalendar holiday file (all-day VEVENTs; SUMMARY like "春节(休)" / "春节(班)" as chinese-days ships, or
 * marked by DESCRIPTION 休/班 or X-APPLE-SPECIAL-DAY) into arrangements grouped by arrangement year.
 * DTEND is exclusive (RFC 5545); a missing DTEND means one day. An event that cannot be classified is an error
 * unless `ignoreUnknown` is set. chinese-days' per-year files cut 元旦 at 31 December, so a group holding only
 * 28–31 December days is marked `partial`: merge it into that year rather than replacing the year with it.
 */
export function parseICalendar(text: string, options?: { source?: string; ignoreUnknown?: boolean }): ParsedArrangement[] {
  if (typeof text !== 'string' || !/BEGIN:VCALENDAR/i.test(text)) fail('不是 iCalendar 文件（缺少 BEGIN:VCALENDAR）');
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const g = new Grouper();
  let calName = '';
  let inEvent = false;
  let count = 0;
  let props = new Map<string, { params: string; value: string }>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const semi = head.indexOf(';');
    const key = (semi < 0 ? head : head.slice(0, semi)).toUpperCase();
    const params = semi < 0 ? '' : head.slice(semi + 1).toUpperCase();
    if (key === 'BEGIN' && value.trim().toUpperCase() === 'VEVENT') {
      inEvent = true;
      count++;
      props = new Map();
      continue;
    }
    if (key === 'END' && value.trim().toUpperCase() === 'VEVENT') {
      inEvent = false;
      addEvent(g, props, count, options?.ignoreUnknown === true);
      continue;
    }
    if (inEvent) {
      if (!props.has(key)) props.set(key, { params, value });
    } else if (key === 'X-WR-CALNAME' && !calName) calName = unescapeText(value).trim();
  }
  if (inEvent) fail(`第 ${count} 个日程缺少 END:VEVENT`);
  const source = options?.source ?? `iCalendar${calName ? `：${calName}` : ''}`;
  return g.years().map((year) => {
    const overrides = g.overrides(year);
    const own = `${year}-01-01`;
    const partial = overrides.every((o) => o.date < own);
    return partial ? { year, overrides, source, partial: true } : { year, overrides, source };
  });
}

function addEvent(g: Grouper, props: Map<string, { params: string; value: string }>, n: number, ignoreUnknown: boolean): void {
  const field = `VEVENT[${n}]`;
  const summary = unescapeText(props.get('SUMMARY')?.value ?? '');
  const kind = classify(summary, unescapeText(props.get('DESCRIPTION')?.value ?? ''), (props.get('X-APPLE-SPECIAL-DAY')?.value ?? '').trim().toUpperCase());
  if (!kind) {
    if (ignoreUnknown) return;
    fail(`第 ${n} 个日程「${summary}」无法判断是放假（休）还是上班（班）`, `${field}.SUMMARY`);
  }
  const startProp = props.get('DTSTART');
  if (!startProp) fail(`第 ${n} 个日程缺少 DTSTART`, `${field}.DTSTART`);
  const start = icsDate(startProp.value, `${field}.DTSTART`).dn;
  let last = start;
  const endProp = props.get('DTEND');
  const duration = props.get('DURATION')?.value.trim();
  if (endProp) {
    const end = icsDate(endProp.value, `${field}.DTEND`);
    // DTEND is exclusive for dates (and for a date-time at midnight); a later time includes that day.
    last = end.midnight ? end.dn - 1 : end.dn;
    if (last < start) fail(`第 ${n} 个日程的 DTEND 早于 DTSTART`, `${field}.DTEND`);
  } else if (duration) {
    const m = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
    if (!m || (m[1] === undefined && m[2] === undefined)) fail(`不支持的 DURATION「${duration}」`, `${field}.DURATION`);
    const days = Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
    last = start + Math.max(days, 1) - 1;
  }
  if (last - start > 60) fail(`第 ${n} 个日程长达 ${last - start + 1} 天，不像放假安排`, `${field}.DTEND`);
  const span = last - start + 1;
  for (let d = start; d <= last; d++) g.add(formatDate(d), kind.kind, kind.name || undefined, span, field);
}

// ---------------------------------------------------------------------------------------------------------------
// The project's JSON format

const TOP_KEYS = new Set(['year', 'source', 'holidays', 'workdays']);
const HOLIDAY_KEYS = new Set(['name', 'from', 'to']);
const WORKDAY_KEYS = new Set(['date', 'name']);

function checkKeys(o: Record<string, unknown>, allowed: Set<string>, field: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.has(k)) fail(`未知字段 ${k}（允许：${[...allowed].join('、')}）`, field ? `${field}.${k}` : k);
  }
}

function dateField(o: Record<string, unknown>, key: string, field: string, year: number): number {
  const v = o[key];
  if (typeof v !== 'string') fail('应为 YYYY-MM-DD 格式的日期字符串', `${field}.${key}`);
  const dn = parseDate(v, `${field}.${key}`);
  if (arrangementYearOf(v) !== year) {
    const r = arrangementRange(year);
    fail(`${v} 不在 ${year} 年放假安排的范围内（${r.from} 至 ${r.to}）`, `${field}.${key}`);
  }
  return dn;
}

function optionalName(o: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const v = o.name;
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim() === '') fail('名称应为非空字符串', `${field}.name`);
  return v.trim();
}

function parseOne(o: unknown, at: string): ParsedArrangement {
  if (!isRecord(o)) fail('放假安排应为 JSON 对象', at || undefined);
  const f = (k: string): string => (at ? `${at}.${k}` : k);
  checkKeys(o, TOP_KEYS, at);
  const year = o.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1901 || year > 2299) {
    fail('年份应为 1901 至 2299 之间的整数', f('year'));
  }
  let source = `${year} 年放假安排（JSON 导入）`;
  if (o.source !== undefined) {
    if (typeof o.source !== 'string' || o.source.trim() === '') fail('来源应为非空字符串', f('source'));
    source = o.source.trim();
  }
  if (!Array.isArray(o.holidays)) fail('holidays 应为数组（可为空）', f('holidays'));
  if (o.workdays !== undefined && !Array.isArray(o.workdays)) fail('workdays 应为数组', f('workdays'));
  const g = new Grouper();
  o.holidays.forEach((h: unknown, n: number) => {
    const field = f(`holidays[${n}]`);
    if (!isRecord(h)) fail('应为对象 {"name","from","to"}', field);
    checkKeys(h, HOLIDAY_KEYS, field);
    const name = optionalName(h, field, true);
    const from = dateField(h, 'from', field, year);
    const to = h.to === undefined ? from : dateField(h, 'to', field, year);
    if (to < from) fail('结束日期早于开始日期', `${field}.to`);
    for (let d = from; d <= to; d++) g.add(formatDate(d), 'holiday', name, to - from + 1, field);
  });
  const workdays: unknown[] = Array.isArray(o.workdays) ? o.workdays : [];
  workdays.forEach((w: unknown, n: number) => {
    const field = f(`workdays[${n}]`);
    if (!isRecord(w)) fail('应为对象 {"date","name"}', field);
    checkKeys(w, WORKDAY_KEYS, field);
    const name = optionalName(w, field, false);
    const dn = dateField(w, 'date', field, year);
    const dow = dayOfWeek(dn);
    if (dow !== 0 && dow !== 6) fail(`${formatDate(dn)} 不是周六或周日，无需设为补班`, `${field}.date`);
    g.add(formatDate(dn), 'workday', name, 1, `${field}.date`);
  });
  return { year, overrides: g.overrides(year), source };
}

/**
 * Parses the project's JSON arrangement format (documented at the top of this file): one object or an array.
 * Throws CalendarInputError naming the field (e.g. `holidays[0].from`) with a Chinese message on malformed input.
 */
export function parseArrangementJson(text: string): ParsedArrangement[] {
  let data: unknown;
  try {
    data = parseJsonSafely(text).value;
  } catch (e) {
    const why = e instanceof UnsafeJsonError ? e.message : `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`;
    const line = jsonErrorLine(text, e);
    fail(line === null ? why : t.files.read.atLine(line, why));
  }
  const list = Array.isArray(data) ? data.map((o, n) => parseOne(o, `[${n}]`)) : [parseOne(data, '')];
  const seen = new Set<number>();
  for (const a of list) {
    if (seen.has(a.year)) fail(`${a.year} 年出现了不止一次`, 'year');
    seen.add(a.year);
  }
  return list;
}

/** Writes an arrangement in the project's JSON format (consecutive holiday days of one name become one period). */
export function formatArrangementJson(a: YearArrangement): string {
  const holidays: { name: string; from: string; to: string }[] = [];
  const workdays: { date: string; name?: string }[] = [];
  const sorted = [...a.overrides].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  let prev: { dn: number; name: string } | null = null;
  for (const o of sorted) {
    if (o.kind === 'workday') {
      workdays.push(o.name ? { date: o.date, name: o.name } : { date: o.date });
      continue;
    }
    const dn = parseDate(o.date);
    const name = o.name ?? '假期';
    const last = holidays[holidays.length - 1];
    if (last && prev && prev.dn === dn - 1 && prev.name === name) last.to = o.date;
    else holidays.push({ name, from: o.date, to: o.date });
    prev = { dn, name };
  }
  return `${JSON.stringify({ year: a.year, source: a.source, holidays, workdays }, null, 2)}\n`;
}
