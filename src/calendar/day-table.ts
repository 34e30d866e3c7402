/**
 * The working-day engine (工作日): pure functions over 'YYYY-MM-DD' China calendar dates, no I/O.
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
 * Speed. Dates become integer day numbers (days since 1970-01-01, pure arithmetic, no time zone). The calendar
 * precomputes, for every day of 1900–2299, a flag byte, a prefix count of working days and of provisional days, and
 * the position of every working day, so addWorkdays, workdaysBetween and the fast path of computePeriod are O(1)
 * (plus a sort of the few pause events).
 */

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

/** Something that happens to a running period. */
export type ClockEvent =
  /** The period starts again from this day (e.g. the corrected application was received, 第三十条). */
  | { type: 'restart'; on: string }
  /** Working days after `from` up to and including `to` are not counted; without `to` the clock is stopped. */
  | { type: 'pause'; from: string; to?: string; reason: string }
  /** The period grows by `days` working days (第三十三条: at most 20, approved by the office head). */
  | { type: 'extend'; on: string; days: number };

/** The input of computePeriod: `days` working days after `start`, changed by `events`. */
export interface PeriodInput {
  start: string;
  days: number;
  events?: readonly ClockEvent[];
}

/** Options of computePeriod; `explain` asks for the day-by-day steps (the bulk path leaves it off). */
export interface PeriodOptions {
  explain?: boolean;
}

interface StepBase {
  date: string;
  /** The step said in Chinese, for the explanation page and the command line. */
  text: string;
}

/** One line of the day-by-day explanation of a period. */
export type ExplanationStep =
  | (StepBase & { kind: 'start'; days: number })
  | (StepBase & { kind: 'restart' })
  | (StepBase & { kind: 'extend'; days: number; totalDays: number })
  | (StepBase & { kind: 'ignored'; event: ClockEvent['type'] })
  | (StepBase & { kind: 'pause_start'; reason: string; open: boolean })
  | (StepBase & { kind: 'pause_end'; reason: string })
  | (StepBase & {
      kind: 'count';
      ordinal: number;
      reason: 'weekday' | 'makeup_workday';
      holidayName?: string;
      provisional: boolean;
    })
  | (StepBase & { kind: 'skip'; reason: 'weekend' | 'holiday'; holidayName?: string; provisional: boolean })
  | (StepBase & { kind: 'paused'; reason: string; provisional: boolean })
  | (StepBase & { kind: 'clock_stopped'; reason: string })
  | (StepBase & { kind: 'due'; ordinal: number; provisional: boolean });

/** The due date of a period (null while the clock is stopped by an open pause) and how it was reached. */
export interface PeriodResult {
  dueOn: string | null;
  provisional: boolean;
  missingYears: readonly number[];
  /** True when an open pause stops the clock before the period is complete. */
  paused: boolean;
  /** The period's length in working days: `days` plus the extensions after the last restart. */
  totalDays: number;
  /** Working days not counted because of pauses (before the due date, or before the clock stopped). */
  pausedDays: number;
  /** The explanation; empty unless `{ explain: true }`. */
  steps: readonly ExplanationStep[];
}

/** Machine-readable kinds of input error, for the HTTP and command-line layers. */
export type CalendarErrorCode = 'invalid_date' | 'date_out_of_range' | 'invalid_days' | 'invalid_event' | 'invalid_arrangement' | 'result_out_of_range';

/** Bad input to the calendar: a RangeError with a Chinese message, a code and the offending field. */
export class CalendarInputError extends RangeError {
  override readonly name = 'CalendarInputError';
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}：${message}` : message);
  }
}

/** The first date the calendar accepts. */
export const MIN_DATE = '1900-01-01';
/** The last date the calendar accepts (results past it are refused with result_out_of_range). */
export const MAX_DATE = '2299-12-31';
/** The largest number of working days accepted for one count (about 40 years). */
export const MAX_WORKDAYS = 10000;
/** 28–31 December belong to the next year's arrangement (元旦 may start, and 补班 may fall, on 29–31 December). */
export const YEAR_END_WINDOW_FIRST_DAY = 28;

const FIRST_YEAR = 1900;
const END_YEAR = 2300; // exclusive
const EPOCH_DAYS_FIRST = daysFromCivil(FIRST_YEAR, 1, 1);
const TABLE_SIZE = daysFromCivil(END_YEAR, 1, 1) - EPOCH_DAYS_FIRST;

// Flag byte layout: bit 0 working day, bits 1–2 reason, bit 3 provisional.
const F_WORK = 1;
const F_PROV = 8;
const REASONS: readonly DayReason[] = ['weekday', 'weekend', 'holiday', 'makeup_workday'];
const R_WEEKDAY = 0 << 1;
const R_WEEKEND = 1 << 1;
const R_HOLIDAY = 2 << 1;
const R_MAKEUP = 3 << 1;
const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

const NO_YEARS: readonly number[] = Object.freeze([]);
const NO_STEPS: readonly ExplanationStep[] = Object.freeze([]);
const NO_EVENTS: readonly ClockEvent[] = Object.freeze([]);

const DATE_MESSAGE = '日期格式应为 YYYY-MM-DD，且须为真实日期';

// Howard Hinnant's days_from_civil: proleptic Gregorian, exact integer arithmetic.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

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
  if (dn < EPOCH_DAYS_FIRST || dn >= EPOCH_DAYS_FIRST + TABLE_SIZE) {
    throw new CalendarInputError('date_out_of_range', `日期须在 ${MIN_DATE} 至 ${MAX_DATE} 之间：「${s}」`, field);
  }
  return dn;
}

/** True when `s` is a real 'YYYY-MM-DD' date the calendar accepts. */
export function isValidDate(s: string): boolean {
  const dn = parseOrNaN(s);
  return dn >= EPOCH_DAYS_FIRST && dn < EPOCH_DAYS_FIRST + TABLE_SIZE;
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

function checkCount(n: number, field: string): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) {
    throw new CalendarInputError('invalid_days', `工作日数须为 0 至 ${MAX_WORKDAYS} 之间的整数：${String(n)}`, field);
  }
}

interface PauseSpan {
  from: number; // table index of `from`
  lo: number; // max(from, restart): the pause covers days lo+1 … hi
  hi: number; // table index of `to`, or Infinity when open
  reason: string;
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
  // Scratch space for the fast path of computePeriod, so bulk recomputation does not allocate.
  private evA = new Int32Array(16);
  private evB = new Float64Array(16);
  private pf = new Float64Array(16);
  private pt = new Float64Array(16);
  private plo = new Int32Array(16);

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
      const first = daysFromCivil(y, 1, 1) - EPOCH_DAYS_FIRST;
      const windowStart = daysFromCivil(y, 12, YEAR_END_WINDOW_FIRST_DAY) - EPOCH_DAYS_FIRST;
      const next = daysFromCivil(y + 1, 1, 1) - EPOCH_DAYS_FIRST;
      const provOwn = this.years.has(y) ? 0 : F_PROV;
      const provNext = this.years.has(y + 1) ? 0 : F_PROV;
      for (let i = first; i < next; i++) {
        const dow = dayOfWeek(i + EPOCH_DAYS_FIRST);
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
      const i = parseDate(o.date, `${field}.date`) - EPOCH_DAYS_FIRST;
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

  private str(i: number): string {
    const cached = this.strings[i];
    if (cached !== undefined) return cached;
    const s = formatDate(i + EPOCH_DAYS_FIRST);
    this.strings[i] = s;
    return s;
  }

  private index(date: string, field: string): number {
    return parseDate(date, field) - EPOCH_DAYS_FIRST;
  }

  /** The arrangement years not loaded among the days after table index `a` up to and including `b`. */
  private missing(a: number, b: number): readonly number[] {
    if (b <= a || this.prov[b + 1] === this.prov[a + 1]) return NO_YEARS;
    const out: number[] = [];
    const first = arrangementYearOf(this.str(a + 1));
    const last = arrangementYearOf(this.str(b));
    for (let y = first; y <= last; y++) if (!this.years.has(y)) out.push(y);
    return out;
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
    return this.missing(this.index(from, 'from'), this.index(to, 'to'));
  }

  /** True when `date` is a working day (Monday–Friday rule if its year is not loaded: see dayInfo). */
  isWorkday(date: string): boolean {
    return ((this.flags[this.index(date, 'date')] ?? 0) & F_WORK) !== 0;
  }

  /** Everything the calendar knows about `date`, including whether the answer is provisional. */
  dayInfo(date: string): DayInfo {
    const i = this.index(date, 'date');
    const f = this.flags[i] ?? 0;
    const info: DayInfo = {
      date: this.str(i),
      workday: (f & F_WORK) !== 0,
      reason: REASONS[(f >> 1) & 3] ?? 'weekday',
      provisional: (f & F_PROV) !== 0,
    };
    const name = this.names.get(i);
    if (name !== undefined) info.holidayName = name;
    return info;
  }

  /**
   * The nth working day after `date` (the day itself is not counted; n = 0 gives `date`).
   * Throws CalendarInputError for a bad date or an n that is negative, fractional or above MAX_WORKDAYS.
   */
  addWorkdays(date: string, n: number): DateResult {
    const i = this.index(date, 'date');
    checkCount(n, 'n');
    if (n === 0) return { date: this.str(i), provisional: false, missingYears: NO_YEARS };
    const x = this.nth(this.work[i + 1] ?? 0, n);
    const provisional = this.prov[x + 1] !== this.prov[i + 1];
    return { date: this.str(x), provisional, missingYears: provisional ? this.missing(i, x) : NO_YEARS };
  }

  /** Table index of the working day at position `base + n - 1` of the working-day list. */
  private nth(base: number, n: number): number {
    const k = base + n - 1;
    const x = this.workIdx[k];
    if (x === undefined) {
      throw new CalendarInputError('result_out_of_range', `计算结果超出支持范围（至 ${MAX_DATE}）`);
    }
    return x;
  }

  /** The number of working days after `a` up to and including `b` (0 when b ≤ a). */
  workdaysBetween(a: string, b: string): CountResult {
    const i = this.index(a, 'a');
    const j = this.index(b, 'b');
    if (j <= i) return { days: 0, provisional: false, missingYears: NO_YEARS };
    const provisional = this.prov[j + 1] !== this.prov[i + 1];
    return {
      days: (this.work[j + 1] ?? 0) - (this.work[i + 1] ?? 0),
      provisional,
      missingYears: provisional ? this.missing(i, j) : NO_YEARS,
    };
  }

  /**
   * The due date of a period of `days` working days after `start`, under restarts, pauses and extensions.
   * Rules: the latest restart replaces the start and drops the events dated before it (pauses are clipped to
   * after it); every extension on or after it adds its days; working days after a pause's `from` up to and
   * including its `to` are not counted, so a pause of k working days moves the due date by exactly k working days
   * (none if it starts on or after the due date); an open pause reached before the due date stops the clock.
   */
  computePeriod(input: PeriodInput, options?: PeriodOptions): PeriodResult {
    const S = this.index(input.start, 'start');
    checkCount(input.days, 'days');
    const events = input.events ?? NO_EVENTS;
    const ne = events.length;
    if (this.evA.length < ne) this.grow(ne);
    const evA = this.evA;
    const evB = this.evB;
    // Pass 1: validate and parse the events; find the last restart.
    let R = S;
    for (let e = 0; e < ne; e++) {
      const ev = events[e] as ClockEvent;
      const field = `events[${e}]`;
      if (ev.type === 'restart') {
        evA[e] = this.eventDate(ev.on, S, `${field}.on`);
        if ((evA[e] ?? 0) > R) R = evA[e] ?? 0;
      } else if (ev.type === 'pause') {
        const from = this.eventDate(ev.from, S, `${field}.from`);
        evA[e] = from;
        if (ev.to === undefined) evB[e] = Number.POSITIVE_INFINITY;
        else {
          const to = this.eventDate(ev.to, S, `${field}.to`);
          if (to < from) throw new CalendarInputError('invalid_event', '暂停的结束日期不能早于开始日期', `${field}.to`);
          evB[e] = to;
        }
        if (typeof ev.reason !== 'string' || ev.reason.trim() === '') {
          throw new CalendarInputError('invalid_event', '暂停须说明原因', `${field}.reason`);
        }
      } else if (ev.type === 'extend') {
        evA[e] = this.eventDate(ev.on, S, `${field}.on`);
        checkCount(ev.days, `${field}.days`);
      } else {
        throw new CalendarInputError('invalid_event', '事件类型须为 restart、pause 或 extend', `${field}.type`);
      }
    }
    let total = input.days;
    for (let e = 0; e < ne; e++) {
      const ev = events[e] as ClockEvent;
      if (ev.type === 'extend' && (evA[e] ?? 0) >= R) total += ev.days;
    }
    if (options?.explain) return this.explain(S, R, total, input, events);

    if (total === 0) {
      return {
        dueOn: this.str(R),
        provisional: false,
        missingYears: NO_YEARS,
        paused: false,
        totalDays: 0,
        pausedDays: 0,
        steps: NO_STEPS,
      };
    }
    // Pauses as half-open ranges [pf, pt) of positions in the working-day list, sorted by pf (insertion sort);
    // plo keeps the table index of each pause's clipped start, for the provisional check of an open pause.
    const work = this.work;
    const pf = this.pf;
    const pt = this.pt;
    const plo = this.plo;
    let np = 0;
    for (let e = 0; e < ne; e++) {
      if ((events[e] as ClockEvent).type !== 'pause') continue;
      const lo = Math.max(evA[e] ?? 0, R);
      const hi = evB[e] ?? 0;
      const a = work[lo + 1] ?? 0;
      const b = hi === Number.POSITIVE_INFINITY ? hi : (work[hi + 1] ?? 0);
      if (b <= a) continue;
      let k = np++;
      // Ties go to the earlier start date: an open pause from that day is the one that stops the clock.
      while (k > 0 && ((pf[k - 1] ?? 0) > a || ((pf[k - 1] ?? 0) === a && (plo[k - 1] ?? 0) > lo))) {
        pf[k] = pf[k - 1] ?? 0;
        pt[k] = pt[k - 1] ?? 0;
        plo[k] = plo[k - 1] ?? 0;
        k--;
      }
      pf[k] = a;
      pt[k] = b;
      plo[k] = lo;
    }
    // Once an open pause stops the clock nothing after it matters: clip the closed pauses to its start.
    let firstOpen = Number.POSITIVE_INFINITY;
    for (let k = 0; k < np; k++) if (pt[k] === Number.POSITIVE_INFINITY && (pf[k] ?? 0) < firstOpen) firstOpen = pf[k] ?? 0;
    let cur = work[R + 1] ?? 0;
    let rem = total;
    let pausedDays = 0;
    for (let k = 0; k < np; k++) {
      const a = pf[k] ?? 0;
      const end = pt[k] ?? 0;
      const b = end === Number.POSITIVE_INFINITY ? end : Math.min(end, firstOpen);
      if (b <= cur || b <= a) continue;
      const gap = Math.max(a - cur, 0);
      if (gap >= rem) break;
      rem -= gap;
      if (b === Number.POSITIVE_INFINITY) {
        // The clock stopped: the days read are those up to the open pause's start.
        const stop = plo[k] ?? R;
        const provisional = this.prov[stop + 1] !== this.prov[R + 1];
        return {
          dueOn: null,
          provisional,
          missingYears: provisional ? this.missing(R, stop) : NO_YEARS,
          paused: true,
          totalDays: total,
          pausedDays,
          steps: NO_STEPS,
        };
      }
      pausedDays += b - Math.max(a, cur);
      cur = b;
    }
    const x = this.nth(cur, rem);
    const provisional = this.prov[x + 1] !== this.prov[R + 1];
    return {
      dueOn: this.str(x),
      provisional,
      missingYears: provisional ? this.missing(R, x) : NO_YEARS,
      paused: false,
      totalDays: total,
      pausedDays,
      steps: NO_STEPS,
    };
  }

  private grow(n: number): void {
    const size = Math.max(n, this.evA.length * 2);
    this.evA = new Int32Array(size);
    this.evB = new Float64Array(size);
    this.pf = new Float64Array(size);
    this.pt = new Float64Array(size);
    this.plo = new Int32Array(size);
  }

  private eventDate(date: string, start: number, field: string): number {
    const i = this.index(date, field);
    if (i < start) throw new CalendarInputError('invalid_event', '事件日期不能早于起算日', field);
    return i;
  }

  private provisionalNote(i: number): string {
    const date = this.str(i);
    const year = arrangementYearOf(date);
    const yearEnd = String(year) !== date.slice(0, 4) ? `年末几天可能随 ${year} 年元旦调休调整，` : '';
    return `（${yearEnd}${year} 年放假安排尚未载入，临时按周一至周五计算）`;
  }

  /** The slow, day-by-day path of computePeriod that records every step; must agree with the fast path. */
  private explain(S: number, R: number, total: number, input: PeriodInput, events: readonly ClockEvent[]): PeriodResult {
    const steps: ExplanationStep[] = [];
    steps.push({
      kind: 'start',
      date: this.str(S),
      days: input.days,
      text: `起算日 ${this.str(S)}（当日不计入），期限 ${input.days} 个工作日`,
    });
    // Parsed copies of the events (the scratch arrays are shared).
    type Ev = { ev: ClockEvent; a: number; b: number };
    const evs: Ev[] = events.map((ev, e) => ({ ev, a: this.evA[e] ?? 0, b: this.evB[e] ?? 0 }));
    const lastRestart = evs.filter((x) => x.ev.type === 'restart').reduce<Ev | null>((m, x) => (m && m.a >= x.a ? m : x), null);

    // Events superseded by the restart, in date order.
    const superseded = evs
      .filter(
        (x) =>
          (x.ev.type === 'restart' && x !== lastRestart) || (x.ev.type === 'extend' && x.a < R) || (x.ev.type === 'pause' && x.b <= R && lastRestart !== null),
      )
      .sort((p, q) => p.a - q.a);
    for (const x of superseded) {
      const what = x.ev.type === 'restart' ? '重新起算' : x.ev.type === 'extend' ? '延期' : '暂停';
      steps.push({
        kind: 'ignored',
        date: this.str(x.a),
        event: x.ev.type,
        text: `${this.str(x.a)} 的${what}已被 ${this.str(R)} 的重新起算取代，不再计算`,
      });
    }
    if (lastRestart) {
      steps.push({
        kind: 'restart',
        date: this.str(R),
        text: `${this.str(R)} 重新起算（当日不计入），此前已计的工作日不再计算`,
      });
    }
    let totalSoFar = input.days;
    const pushExtend = (x: Ev, late: boolean): void => {
      const days = x.ev.type === 'extend' ? x.ev.days : 0;
      totalSoFar += days;
      steps.push({
        kind: 'extend',
        date: this.str(x.a),
        days,
        totalDays: totalSoFar,
        text: `${this.str(x.a)} 决定延期 ${days} 个工作日，期限共 ${totalSoFar} 个工作日${late ? '（延期决定晚于届满日）' : ''}`,
      });
    };
    const extensions = evs.filter((x) => x.ev.type === 'extend' && x.a >= R).sort((p, q) => p.a - q.a);
    const pauses: PauseSpan[] = [];
    for (const x of evs) {
      if (x.ev.type !== 'pause' || x.b <= R) continue;
      pauses.push({ from: x.a, lo: Math.max(x.a, R), hi: x.b, reason: x.ev.reason.trim() });
    }
    pauses.sort((p, q) => p.lo - q.lo);
    let nextExt = 0;
    while (nextExt < extensions.length && (extensions[nextExt]?.a ?? 0) <= R) pushExtend(extensions[nextExt++] as Ev, false);

    const result = (dueOn: string | null, provTo: number, paused: boolean, pausedDays: number): PeriodResult => {
      const provisional = provTo > R && this.prov[provTo + 1] !== this.prov[R + 1];
      return {
        dueOn,
        provisional,
        missingYears: provisional ? this.missing(R, provTo) : NO_YEARS,
        paused,
        totalDays: total,
        pausedDays,
        steps,
      };
    };
    const pauseStart = (p: PauseSpan): void => {
      const open = p.hi === Number.POSITIVE_INFINITY;
      const resumed = p.from < R ? `（${this.str(p.from)} 开始的暂停在重新起算后继续）` : '';
      steps.push({
        kind: 'pause_start',
        date: this.str(p.lo),
        reason: p.reason,
        open,
        text: open
          ? `自 ${this.str(p.lo)} 次日起暂停计算（${p.reason}），尚未恢复${resumed}`
          : `自 ${this.str(p.lo)} 次日起至 ${this.str(p.hi)} 止暂停计算（${p.reason}）${resumed}`,
      });
    };
    const stopped = (p: PauseSpan): void => {
      steps.push({
        kind: 'clock_stopped',
        date: this.str(p.lo),
        reason: p.reason,
        text: `期限暂停计算（${p.reason}），恢复后继续计算`,
      });
    };
    const finishIgnored = (after: number): void => {
      for (const p of pauses) {
        if (p.lo < after) continue;
        steps.push({
          kind: 'ignored',
          date: this.str(p.from),
          event: 'pause',
          text: `${this.str(p.from)} 开始的暂停（${p.reason}）在期限届满之后，不影响期限`,
        });
      }
    };

    if (total === 0) {
      steps.push({ kind: 'due', date: this.str(R), ordinal: 0, provisional: false, text: `期限为 0 个工作日，届满日即 ${this.str(R)}` });
      while (nextExt < extensions.length) pushExtend(extensions[nextExt++] as Ev, true);
      finishIgnored(R);
      return result(this.str(R), R, false, 0);
    }
    for (const p of pauses) {
      if (p.lo !== R) continue;
      pauseStart(p);
      if (p.hi === Number.POSITIVE_INFINITY) {
        stopped(p);
        return result(null, R, true, 0);
      }
    }
    let ordinal = 0;
    let pausedDays = 0;
    for (let i = R + 1; ; i++) {
      if (i >= TABLE_SIZE) throw new CalendarInputError('result_out_of_range', `计算结果超出支持范围（至 ${MAX_DATE}）`);
      const f = this.flags[i] ?? 0;
      const date = this.str(i);
      const provisional = (f & F_PROV) !== 0;
      const note = provisional ? this.provisionalNote(i) : '';
      const dow = WEEKDAY_NAMES[dayOfWeek(i + EPOCH_DAYS_FIRST)] ?? '';
      const name = this.names.get(i);
      const reason = REASONS[(f >> 1) & 3] ?? 'weekday';
      const pause = pauses.find((p) => p.lo < i && i <= p.hi);
      if (f & F_WORK) {
        if (pause) {
          pausedDays++;
          steps.push({ kind: 'paused', date, reason: pause.reason, provisional, text: `${date} ${dow}，暂停期间（${pause.reason}），不计入${note}` });
        } else {
          ordinal++;
          const makeup = reason === 'makeup_workday';
          const step: Extract<ExplanationStep, { kind: 'count' }> = {
            kind: 'count',
            date,
            ordinal,
            reason: makeup ? 'makeup_workday' : 'weekday',
            provisional,
            text: makeup
              ? `${date} ${dow}，${name ? `${name}` : ''}调休上班，计为第 ${ordinal} 个工作日${note}`
              : `${date} ${dow}，第 ${ordinal} 个工作日${note}`,
          };
          if (name !== undefined) step.holidayName = name;
          steps.push(step);
          if (ordinal === total) {
            steps.push({ kind: 'due', date, ordinal, provisional, text: `期限届满日：${date}（第 ${ordinal} 个工作日）${note}` });
            while (nextExt < extensions.length) {
              const x = extensions[nextExt++] as Ev;
              pushExtend(x, x.a > i);
            }
            finishIgnored(i);
            return result(date, i, false, pausedDays);
          }
        }
      } else {
        const holiday = reason === 'holiday';
        const step: Extract<ExplanationStep, { kind: 'skip' }> = {
          kind: 'skip',
          date,
          reason: holiday ? 'holiday' : 'weekend',
          provisional,
          text: holiday ? `${date} ${dow}，${name ?? '法定'}假期，不计入` : `${date} ${dow}，休息日，不计入${note}`,
        };
        if (name !== undefined) step.holidayName = name;
        steps.push(step);
      }
      for (const p of pauses) {
        if (p.lo !== i) continue;
        pauseStart(p);
        if (p.hi === Number.POSITIVE_INFINITY) {
          stopped(p);
          return result(null, i, true, pausedDays);
        }
      }
      for (const p of pauses) {
        if (p.hi === i) {
          steps.push({ kind: 'pause_end', date, reason: p.reason, text: `${date} 暂停结束（${p.reason}），次日起恢复计算` });
        }
      }
      while (nextExt < extensions.length && (extensions[nextExt]?.a ?? 0) <= i) pushExtend(extensions[nextExt++] as Ev, false);
    }
  }
}

/** Builds a WorkCalendar from the loaded years' arrangements (see the WorkCalendar constructor). */
export function createCalendar(arrangements: readonly YearArrangement[]): WorkCalendar {
  return new WorkCalendar(arrangements);
}
