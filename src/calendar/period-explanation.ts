/**
 * The day-by-day explanation of a period (computePeriod with `{ explain: true }`): every counted, skipped and
 * paused day said in Chinese, for the 工作日计算器 page, a case's page and the command line. It walks the period
 * slowly and must agree with the fast path of periods.ts (a property test holds them together).
 */
import { CalendarInputError } from './calendar-error.ts';
import { dayOfWeek, END_DAY, MAX_DATE } from './civil-date.ts';
import { arrangementYearOf, NO_YEARS, type WorkCalendar } from './day-table.ts';
import type { ClockEvent, ExplanationStep, PeriodResult } from './periods.ts';

/** A clock event with its dates as day numbers: `a` its day (a pause's `from`), `b` a pause's `to` (Infinity if open). */
export type ParsedEvent = { ev: ClockEvent; a: number; b: number };

/** A validated period: start and last restart as day numbers, the days asked and the total with extensions. */
export interface ParsedPeriod {
  start: number;
  restart: number;
  days: number;
  total: number;
  events: readonly ParsedEvent[];
}

interface PauseSpan {
  from: number; // day number of `from`
  lo: number; // max(from, restart): the pause covers days lo+1 … hi
  hi: number; // day number of `to`, or Infinity when open
  reason: string;
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

function provisionalNote(date: string): string {
  const year = arrangementYearOf(date);
  const yearEnd = String(year) !== date.slice(0, 4) ? `年末几天可能随 ${year} 年元旦调休调整，` : '';
  return `（${yearEnd}${year} 年放假安排尚未载入，临时按周一至周五计算）`;
}

/** The slow, day-by-day path of computePeriod that records every step. */
export function explainPeriod(cal: WorkCalendar, period: ParsedPeriod): PeriodResult {
  const { start: S, restart: R, total, events: evs } = period;
  const steps: ExplanationStep[] = [];
  steps.push({
    kind: 'start',
    date: cal.dateOf(S),
    days: period.days,
    text: `起算日 ${cal.dateOf(S)}（当日不计入），期限 ${period.days} 个工作日`,
  });
  const lastRestart = evs.filter((x) => x.ev.type === 'restart').reduce<ParsedEvent | null>((m, x) => (m && m.a >= x.a ? m : x), null);

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
      date: cal.dateOf(x.a),
      event: x.ev.type,
      text: `${cal.dateOf(x.a)} 的${what}已被 ${cal.dateOf(R)} 的重新起算取代，不再计算`,
    });
  }
  if (lastRestart) {
    steps.push({
      kind: 'restart',
      date: cal.dateOf(R),
      text: `${cal.dateOf(R)} 重新起算（当日不计入），此前已计的工作日不再计算`,
    });
  }
  let totalSoFar = period.days;
  const pushExtend = (x: ParsedEvent, late: boolean): void => {
    const days = x.ev.type === 'extend' ? x.ev.days : 0;
    totalSoFar += days;
    steps.push({
      kind: 'extend',
      date: cal.dateOf(x.a),
      days,
      totalDays: totalSoFar,
      text:
        x.ev.type === 'extend' && x.ev.reason
          ? `${cal.dateOf(x.a)} ${x.ev.reason}，即增加 ${days} 个工作日，期限共 ${totalSoFar} 个工作日`
          : `${cal.dateOf(x.a)} 决定延期 ${days} 个工作日，期限共 ${totalSoFar} 个工作日${late ? '（延期决定晚于届满日）' : ''}`,
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
  while (nextExt < extensions.length && (extensions[nextExt]?.a ?? 0) <= R) pushExtend(extensions[nextExt++] as ParsedEvent, false);

  const result = (dueOn: string | null, provTo: number, paused: boolean, pausedDays: number): PeriodResult => {
    const provisional = provTo > R && cal.provisionalThrough(provTo) !== cal.provisionalThrough(R);
    return {
      dueOn,
      provisional,
      missingYears: provisional ? cal.missingYearsIn(R, provTo) : NO_YEARS,
      paused,
      totalDays: total,
      pausedDays,
      steps,
    };
  };
  const pauseStart = (p: PauseSpan): void => {
    const open = p.hi === Number.POSITIVE_INFINITY;
    const resumed = p.from < R ? `（${cal.dateOf(p.from)} 开始的暂停在重新起算后继续）` : '';
    steps.push({
      kind: 'pause_start',
      date: cal.dateOf(p.lo),
      reason: p.reason,
      open,
      text: open
        ? `自 ${cal.dateOf(p.lo)} 次日起暂停计算（${p.reason}），尚未恢复${resumed}`
        : `自 ${cal.dateOf(p.lo)} 次日起至 ${cal.dateOf(p.hi)} 止暂停计算（${p.reason}）${resumed}`,
    });
  };
  const stopped = (p: PauseSpan): void => {
    steps.push({
      kind: 'clock_stopped',
      date: cal.dateOf(p.lo),
      reason: p.reason,
      text: `期限暂停计算（${p.reason}），恢复后继续计算`,
    });
  };
  const finishIgnored = (after: number): void => {
    for (const p of pauses) {
      if (p.lo < after) continue;
      steps.push({
        kind: 'ignored',
        date: cal.dateOf(p.from),
        event: 'pause',
        text: `${cal.dateOf(p.from)} 开始的暂停（${p.reason}）在期限届满之后，不影响期限`,
      });
    }
  };

  if (total === 0) {
    steps.push({ kind: 'due', date: cal.dateOf(R), ordinal: 0, provisional: false, text: `期限为 0 个工作日，届满日即 ${cal.dateOf(R)}` });
    while (nextExt < extensions.length) pushExtend(extensions[nextExt++] as ParsedEvent, true);
    finishIgnored(R);
    return result(cal.dateOf(R), R, false, 0);
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
    if (i >= END_DAY) throw new CalendarInputError('result_out_of_range', `计算结果超出支持范围（至 ${MAX_DATE}）`);
    const { date, provisional, workday, reason, holidayName: name } = cal.dayInfoOf(i);
    const note = provisional ? provisionalNote(date) : '';
    const dow = WEEKDAY_NAMES[dayOfWeek(i)] ?? '';
    const pause = pauses.find((p) => p.lo < i && i <= p.hi);
    if (workday) {
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
            const x = extensions[nextExt++] as ParsedEvent;
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
    while (nextExt < extensions.length && (extensions[nextExt]?.a ?? 0) <= i) pushExtend(extensions[nextExt++] as ParsedEvent, false);
  }
}
