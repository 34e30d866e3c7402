/**
 * Periods (期限): the due date of "within N working days" under restarts, pauses and extensions; pure, no I/O, over
 * a WorkCalendar (day-table.ts). The fast path here works on the table's working-day positions, O(1) plus a sort of
 * the few pause events; period-explanation.ts walks the same period day by day for `{ explain: true }`.
 */
import { CalendarInputError } from './calendar-error.ts';
import { parseDate } from './civil-date.ts';
import { checkWorkdayCount, NO_YEARS, type WorkCalendar } from './day-table.ts';
import { explainPeriod } from './period-explanation.ts';

/** Something that happens to a running period. */
export type ClockEvent =
  /** The period starts again from this day (e.g. the corrected application was received, 第三十条). */
  | { type: 'restart'; on: string }
  /** Working days after `from` up to and including `to` are not counted; without `to` the clock is stopped. */
  | { type: 'pause'; from: string; to?: string; reason: string }
  /**
   * The period grows by `days` working days (第三十三条: at most 20, approved by the office head; 第三十五条: a longer
   * reasonable period). `reason` names a decision other than an extension in the explanation.
   */
  | { type: 'extend'; on: string; days: number; reason?: string };

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

const NO_STEPS: readonly ExplanationStep[] = Object.freeze([]);
const NO_EVENTS: readonly ClockEvent[] = Object.freeze([]);

// Scratch space for the fast path, so bulk recomputation does not allocate (computePeriod never re-enters itself).
let evA = new Int32Array(16);
let evB = new Float64Array(16);
let pf = new Float64Array(16);
let pt = new Float64Array(16);
let plo = new Int32Array(16);

function grow(n: number): void {
  const size = Math.max(n, evA.length * 2);
  evA = new Int32Array(size);
  evB = new Float64Array(size);
  pf = new Float64Array(size);
  pt = new Float64Array(size);
  plo = new Int32Array(size);
}

function eventDate(date: string, start: number, field: string): number {
  const d = parseDate(date, field);
  if (d < start) throw new CalendarInputError('invalid_event', '事件日期不能早于起算日', field);
  return d;
}

/**
 * The due date of a period of `days` working days after `start`, under restarts, pauses and extensions.
 * Rules: the latest restart replaces the start and drops the events dated before it (pauses are clipped to
 * after it); every extension on or after it adds its days; working days after a pause's `from` up to and
 * including its `to` are not counted, so a pause of k working days moves the due date by exactly k working days
 * (none if it starts on or after the due date); an open pause reached before the due date stops the clock.
 */
export function computePeriod(cal: WorkCalendar, input: PeriodInput, options?: PeriodOptions): PeriodResult {
  const S = parseDate(input.start, 'start');
  checkWorkdayCount(input.days, 'days');
  const events = input.events ?? NO_EVENTS;
  const ne = events.length;
  if (evA.length < ne) grow(ne);
  // Pass 1: validate and parse the events (day numbers); find the last restart.
  let R = S;
  for (let e = 0; e < ne; e++) {
    const ev = events[e] as ClockEvent;
    const field = `events[${e}]`;
    if (ev.type === 'restart') {
      evA[e] = eventDate(ev.on, S, `${field}.on`);
      if ((evA[e] ?? 0) > R) R = evA[e] ?? 0;
    } else if (ev.type === 'pause') {
      const from = eventDate(ev.from, S, `${field}.from`);
      evA[e] = from;
      if (ev.to === undefined) evB[e] = Number.POSITIVE_INFINITY;
      else {
        const to = eventDate(ev.to, S, `${field}.to`);
        if (to < from) throw new CalendarInputError('invalid_event', '暂停的结束日期不能早于开始日期', `${field}.to`);
        evB[e] = to;
      }
      if (typeof ev.reason !== 'string' || ev.reason.trim() === '') {
        throw new CalendarInputError('invalid_event', '暂停须说明原因', `${field}.reason`);
      }
    } else if (ev.type === 'extend') {
      evA[e] = eventDate(ev.on, S, `${field}.on`);
      checkWorkdayCount(ev.days, `${field}.days`);
    } else {
      throw new CalendarInputError('invalid_event', '事件类型须为 restart、pause 或 extend', `${field}.type`);
    }
  }
  let total = input.days;
  for (let e = 0; e < ne; e++) {
    const ev = events[e] as ClockEvent;
    if (ev.type === 'extend' && (evA[e] ?? 0) >= R) total += ev.days;
  }
  if (options?.explain) {
    const parsed = events.map((ev, e) => ({ ev, a: evA[e] ?? 0, b: evB[e] ?? 0 }));
    return explainPeriod(cal, { start: S, restart: R, days: input.days, total, events: parsed });
  }

  if (total === 0) {
    return { dueOn: cal.dateOf(R), provisional: false, missingYears: NO_YEARS, paused: false, totalDays: 0, pausedDays: 0, steps: NO_STEPS };
  }
  // Pauses as half-open ranges [pf, pt) of positions in the working-day list, sorted by pf (insertion sort);
  // plo keeps the day number of each pause's clipped start, for the provisional check of an open pause.
  let np = 0;
  for (let e = 0; e < ne; e++) {
    if ((events[e] as ClockEvent).type !== 'pause') continue;
    const lo = Math.max(evA[e] ?? 0, R);
    const hi = evB[e] ?? 0;
    const a = cal.workdaysThrough(lo);
    const b = hi === Number.POSITIVE_INFINITY ? hi : cal.workdaysThrough(hi);
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
  let cur = cal.workdaysThrough(R);
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
      const provisional = cal.provisionalThrough(stop) !== cal.provisionalThrough(R);
      return {
        dueOn: null,
        provisional,
        missingYears: provisional ? cal.missingYearsIn(R, stop) : NO_YEARS,
        paused: true,
        totalDays: total,
        pausedDays,
        steps: NO_STEPS,
      };
    }
    pausedDays += b - Math.max(a, cur);
    cur = b;
  }
  const x = cal.workdayAt(cur + rem - 1);
  const provisional = cal.provisionalThrough(x) !== cal.provisionalThrough(R);
  return {
    dueOn: cal.dateOf(x),
    provisional,
    missingYears: provisional ? cal.missingYearsIn(R, x) : NO_YEARS,
    paused: false,
    totalDays: total,
    pausedDays,
    steps: NO_STEPS,
  };
}
