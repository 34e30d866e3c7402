/**
 * Day tables (工作日): which days are working days under the loaded holiday arrangements; pure, no I/O.
 *
 * A working day is Monday–Friday, minus the holidays and plus the make-up working days (调休补班) of the State
 * Council's yearly arrangement. Counting never includes the day of the triggering event: day 1 is the first working
 * day after it.
 *
 * Arrangement years. The notice for year Y may move the last days of December of Y-1 (2008, 2012, 2019 and 2023
 * all did, for 元旦). So every date belongs to one *arrangement year*: its own calendar year, except 28–31 December,
 * which belong to the next year's arrangement. A day is *provisional* when its arrangement year is not loaded; it is
 * then read as plain Monday–Friday, and every result that read such a day says so (`provisional: true`) and names
 * the missing years (`missingYears`).
 *
 * Speed. The calendar precomputes, for every day of 1900–2299, a flag byte, a prefix count of working days and of
 * provisional days, and the position of every working day, so addWorkdays, workdaysBetween and the fast path of
 * computePeriod (periods.ts) are O(1). Positions and day numbers (civil-date.ts) are its public currency, so the
 * period engine never sees the table layout.
 */
import { CalendarInputError } from './calendar-error.ts';
import { dayOfWeek, daysFromCivil, END_DAY, END_YEAR, FIRST_DAY, FIRST_YEAR, formatDate, MAX_DATE, parseDate } from './civil-date.ts';

/** A day that differs from the Monday–Friday rule: a holiday (any day of a holiday period) or a weekend day worked. */
export type DayOverride = { date: string; kind: 'holiday' | 'workday'; name?: string };

/** One year's arrangement (the dates of one 国务院办公厅 notice) and where it came from. */
export type YearArrangement = { year: number; overrides: DayOverride[]; source?: string };

/** Why a day is or is not a working day. */
export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup_workday';

/** What the calendar knows about one day. */
export interface DayInfo {
  date: string;
  workday: boolean;
  reason: DayReason;
  /** The holiday the day belongs to (for a make-up workday: the holiday it makes up for). */
  holidayName?: string;
  /** True when the day's arrangement year is not loaded and the Monday–Friday rule was used. */
  provisional: boolean;
}

/** A date result; `missingYears` lists the arrangement years that made it provisional. */
export interface DateResult {
  date: string;
  provisional: boolean;
  missingYears: readonly number[];
}

/** A count of working days; `missingYears` lists the arrangement years that made it provisional. */
export interface CountResult {
  days: number;
  provisional: boolean;
  missingYears: readonly number[];
}

/** The largest number of working days accepted for one count (about 40 years). */
export const MAX_WORKDAYS = 10000;
/** 28–31 December belong to the next year's arrangement (元旦 may start, and 补班 may fall, on 29–31 December). */
export const YEAR_END_WINDOW_FIRST_DAY = 28;

const TABLE_SIZE = END_DAY - FIRST_DAY;

// Flag byte layout: bit 0 working day, bits 1–2 reason, bit 3 provisional.
const F_WORK = 1;
const F_PROV = 8;
const REASONS: readonly DayReason[] = ['weekday', 'weekend', 'holiday', 'makeup_workday'];
const R_WEEKDAY = 0 << 1;
const R_WEEKEND = 1 << 1;
const R_HOLIDAY = 2 << 1;
const R_MAKEUP = 3 << 1;

/** The empty list of missing years (shared, frozen). */
export const NO_YEARS: readonly number[] = Object.freeze([]);

/** The arrangement year a date belongs to: its calendar year, or the next one for 28–31 December. */
export function arrangementYearOf(date: string): number {
  parseDate(date);
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) === '12' && Number(date.slice(8, 10)) >= YEAR_END_WINDOW_FIRST_DAY ? year + 1 : year;
}

/** The first and last dates of a year's arrangement (28 December of the year before to 27 December). */
export function arrangementRange(year: number): { from: string; to: string } {
  return {
    from: formatDate(daysFromCivil(year - 1, 12, YEAR_END_WINDOW_FIRST_DAY)),
    to: formatDate(daysFromCivil(year, 12, YEAR_END_WINDOW_FIRST_DAY - 1)),
  };
}

/** Refuses a count of working days that is not an integer in 0 … MAX_WORKDAYS. */
export function checkWorkdayCount(n: number, field: string): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) {
    throw new CalendarInputError('invalid_days', `工作日数须为 0 至 ${MAX_WORKDAYS} 之间的整数：${String(n)}`, field);
  }
}

/** A working-day calendar built from the loaded years' arrangements; immutable once built. */
export class WorkCalendar {
  private readonly flags = new Uint8Array(TABLE_SIZE);
  /** work[i] = number of working days among table days [0, i). */
  private readonly work = new Int32Array(TABLE_SIZE + 1);
  /** prov[i] = number of provisional days among table days [0, i). */
  private readonly prov = new Int32Array(TABLE_SIZE + 1);
  /** workIdx[k] = table index of the (k+1)-th working day of the table. */
  private readonly workIdx: Int32Array;
  private readonly names = new Map<number, string>();
  private readonly years = new Map<number, YearArrangement>();
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(TABLE_SIZE);

  /** Builds the calendar; throws CalendarInputError for a year given twice or a date outside its year's range. */
  constructor(arrangements: readonly YearArrangement[]) {
    for (const a of arrangements) {
      if (!Number.isInteger(a.year) || a.year < FIRST_YEAR || a.year > END_YEAR) {
        throw new CalendarInputError('invalid_arrangement', `年份须为 ${FIRST_YEAR} 至 ${END_YEAR} 之间的整数`, 'year');
      }
      if (this.years.has(a.year)) {
        throw new CalendarInputError('invalid_arrangement', `${a.year} 年的放假安排重复提供`, 'year');
      }
      this.years.set(a.year, a);
    }
    const flags = this.flags;
    // Weekday rule and provisional marks, year by year (the window 28–31 Dec follows the next year).
    for (let y = FIRST_YEAR; y < END_YEAR; y++) {
      const first = daysFromCivil(y, 1, 1) - FIRST_DAY;
      const windowStart = daysFromCivil(y, 12, YEAR_END_WINDOW_FIRST_DAY) - FIRST_DAY;
      const next = daysFromCivil(y + 1, 1, 1) - FIRST_DAY;
      const provOwn = this.years.has(y) ? 0 : F_PROV;
      const provNext = this.years.has(y + 1) ? 0 : F_PROV;
      for (let i = first; i < next; i++) {
        const dow = dayOfWeek(i + FIRST_DAY);
        const base = dow === 0 || dow === 6 ? R_WEEKEND : R_WEEKDAY | F_WORK;
        flags[i] = base | (i < windowStart ? provOwn : provNext);
      }
    }
    for (const a of [...this.years.values()].sort((x, y) => x.year - y.year)) this.apply(a);
    let w = 0;
    let p = 0;
    for (let i = 0; i < TABLE_SIZE; i++) {
      this.work[i] = w;
      this.prov[i] = p;
      const f = flags[i] ?? 0;
      w += f & F_WORK;
      if (f & F_PROV) p++;
    }
    this.work[TABLE_SIZE] = w;
    this.prov[TABLE_SIZE] = p;
    this.workIdx = new Int32Array(w);
    for (let i = 0, k = 0; i < TABLE_SIZE; i++) if ((flags[i] ?? 0) & F_WORK) this.workIdx[k++] = i;
  }

  private apply(a: YearArrangement): void {
    const seen = new Map<number, 'holiday' | 'workday'>();
    a.overrides.forEach((o, n) => {
      const field = `overrides[${n}]`;
      const i = parseDate(o.date, `${field}.date`) - FIRST_DAY;
      if (arrangementYearOf(o.date) !== a.year) {
        const r = arrangementRange(a.year);
        throw new CalendarInputError('invalid_arrangement', `${o.date} 不在 ${a.year} 年放假安排的范围内（${r.from} 至 ${r.to}）`, `${field}.date`);
      }
      if (o.kind !== 'holiday' && o.kind !== 'workday') {
        throw new CalendarInputError('invalid_arrangement', `kind 须为 holiday 或 workday`, `${field}.kind`);
      }
      const before = seen.get(i);
      if (before !== undefined && before !== o.kind) {
        throw new CalendarInputError('invalid_arrangement', `${o.date} 既被设为放假又被设为上班`, `${field}.date`);
      }
      seen.set(i, o.kind);
      const prov = (this.flags[i] ?? 0) & F_PROV;
      this.flags[i] = (o.kind === 'holiday' ? R_HOLIDAY : R_MAKEUP | F_WORK) | prov;
      if (o.name) this.names.set(i, o.name);
    });
  }

  /** 'YYYY-MM-DD' of a day number of the table (formatted once, then cached). */
  dateOf(dayNumber: number): string {
    const i = dayNumber - FIRST_DAY;
    const cached = this.strings[i];
    if (cached !== undefined) return cached;
    const s = formatDate(dayNumber);
    this.strings[i] = s;
    return s;
  }

  /** The number of working days of the table up to and including `dayNumber`: the position of the next one. */
  workdaysThrough(dayNumber: number): number {
    return this.work[dayNumber - FIRST_DAY + 1] ?? 0;
  }

  /** The number of provisional days of the table up to and including `dayNumber`. */
  provisionalThrough(dayNumber: number): number {
    return this.prov[dayNumber - FIRST_DAY + 1] ?? 0;
  }

  /** The day number of the working day at `position` (0-based) of the table; result_out_of_range past MAX_DATE. */
  workdayAt(position: number): number {
    const i = this.workIdx[position];
    if (i === undefined) {
      throw new CalendarInputError('result_out_of_range', `计算结果超出支持范围（至 ${MAX_DATE}）`);
    }
    return i + FIRST_DAY;
  }

  /** The arrangement years not loaded among the days after day number `a` up to and including `b`. */
  missingYearsIn(a: number, b: number): readonly number[] {
    if (b <= a || this.provisionalThrough(b) === this.provisionalThrough(a)) return NO_YEARS;
    const out: number[] = [];
    const first = arrangementYearOf(this.dateOf(a + 1));
    const last = arrangementYearOf(this.dateOf(b));
    for (let y = first; y <= last; y++) if (!this.years.has(y)) out.push(y);
    return out;
  }

  /** Everything the calendar knows about the day `dayNumber` of the table. */
  dayInfoOf(dayNumber: number): DayInfo {
    const i = dayNumber - FIRST_DAY;
    const f = this.flags[i] ?? 0;
    const info: DayInfo = {
      date: this.dateOf(dayNumber),
      workday: (f & F_WORK) !== 0,
      reason: REASONS[(f >> 1) & 3] ?? 'weekday',
      provisional: (f & F_PROV) !== 0,
    };
    const name = this.names.get(i);
    if (name !== undefined) info.holidayName = name;
    return info;
  }

  /** True when the arrangement of `year` is loaded. */
  isLoaded(year: number): boolean {
    return this.years.has(year);
  }

  /** The loaded arrangement years, ascending. */
  loadedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** The loaded arrangement of `year`, if any. */
  arrangement(year: number): YearArrangement | undefined {
    return this.years.get(year);
  }

  /** A new calendar with these years added or replaced (e.g. after an administrator imports a year). */
  withArrangements(arrangements: readonly YearArrangement[]): WorkCalendar {
    const merged = new Map(this.years);
    for (const a of arrangements) merged.set(a.year, a);
    return new WorkCalendar([...merged.values()]);
  }

  /** The arrangement years not loaded that a count over the days after `from` up to and including `to` depends on. */
  missingYears(from: string, to: string): readonly number[] {
    return this.missingYearsIn(parseDate(from, 'from'), parseDate(to, 'to'));
  }

  /** True when `date` is a working day (Monday–Friday rule if its year is not loaded: see dayInfo). */
  isWorkday(date: string): boolean {
    return ((this.flags[parseDate(date, 'date') - FIRST_DAY] ?? 0) & F_WORK) !== 0;
  }

  /** Everything the calendar knows about `date`, including whether the answer is provisional. */
  dayInfo(date: string): DayInfo {
    return this.dayInfoOf(parseDate(date, 'date'));
  }

  /**
   * The nth working day after `date` (the day itself is not counted; n = 0 gives `date`).
   * Throws CalendarInputError for a bad date or an n that is negative, fractional or above MAX_WORKDAYS.
   */
  addWorkdays(date: string, n: number): DateResult {
    const d = parseDate(date, 'date');
    checkWorkdayCount(n, 'n');
    if (n === 0) return { date: this.dateOf(d), provisional: false, missingYears: NO_YEARS };
    const x = this.workdayAt(this.workdaysThrough(d) + n - 1);
    const provisional = this.provisionalThrough(x) !== this.provisionalThrough(d);
    return { date: this.dateOf(x), provisional, missingYears: provisional ? this.missingYearsIn(d, x) : NO_YEARS };
  }

  /** The number of working days after `a` up to and including `b` (0 when b ≤ a). */
  workdaysBetween(a: string, b: string): CountResult {
    const i = parseDate(a, 'a');
    const j = parseDate(b, 'b');
    if (j <= i) return { days: 0, provisional: false, missingYears: NO_YEARS };
    const provisional = this.provisionalThrough(j) !== this.provisionalThrough(i);
    return {
      days: this.workdaysThrough(j) - this.workdaysThrough(i),
      provisional,
      missingYears: provisional ? this.missingYearsIn(i, j) : NO_YEARS,
    };
  }
}

/** Builds a WorkCalendar from the loaded years' arrangements (see the WorkCalendar constructor). */
export function createCalendar(arrangements: readonly YearArrangement[]): WorkCalendar {
  return new WorkCalendar(arrangements);
}
