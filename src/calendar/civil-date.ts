/**
 * Civil dates: pure arithmetic on 'YYYY-MM-DD' China calendar dates, no time zone and no I/O.
 *
 * A date becomes an integer *day number* (days since 1970-01-01, proleptic Gregorian), so the day tables and the
 * period engine work on integers. The calendar accepts the dates of 1900–2299.
 */
import { CalendarInputError } from './calendar-error.ts';

/** The first date the calendar accepts. */
export const MIN_DATE = '1900-01-01';
/** The last date the calendar accepts (results past it are refused with result_out_of_range). */
export const MAX_DATE = '2299-12-31';
/** The first year the calendar accepts. */
export const FIRST_YEAR = 1900;
/** The year after the last one the calendar accepts. */
export const END_YEAR = 2300;

const DATE_MESSAGE = '日期格式应为 YYYY-MM-DD，且须为真实日期';

/** Day number of a civil date (Howard Hinnant's days_from_civil: exact integer arithmetic). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of MIN_DATE. */
export const FIRST_DAY = daysFromCivil(FIRST_YEAR, 1, 1);
/** Day number of the day after MAX_DATE. */
export const END_DAY = daysFromCivil(END_YEAR, 1, 1);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000000; // poisons the sum, caught by the range checks
}

function parseOrNaN(s: string): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN;
  return daysFromCivil(y, m, d);
}

/**
 * Parses a real 'YYYY-MM-DD' date of 1900–2299 into its day number (days since 1970-01-01).
 * Throws CalendarInputError (a RangeError) for a malformed or impossible date such as 2023-02-30.
 */
export function parseDate(s: string, field?: string): number {
  const dn = parseOrNaN(s);
  if (Number.isNaN(dn)) {
    const shown = typeof s === 'string' ? `「${s.slice(0, 40)}」` : `（${typeof s}）`;
    throw new CalendarInputError('invalid_date', `${DATE_MESSAGE}：${shown}`, field);
  }
  if (dn < FIRST_DAY || dn >= END_DAY) {
    throw new CalendarInputError('date_out_of_range', `日期须在 ${MIN_DATE} 至 ${MAX_DATE} 之间：「${s}」`, field);
  }
  return dn;
}

/** True when `s` is a real 'YYYY-MM-DD' date the calendar accepts. */
export function isValidDate(s: string): boolean {
  const dn = parseOrNaN(s);
  return dn >= FIRST_DAY && dn < END_DAY;
}

/** Formats a day number (days since 1970-01-01) as 'YYYY-MM-DD'. */
export function formatDate(dayNumber: number): string {
  // Hinnant's civil_from_days.
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}
