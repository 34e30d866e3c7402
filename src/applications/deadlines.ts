/**
 * The clock of an application (pure): its clock events → the working-day engine's period input, and what follows
 * from it — the answer's due date, the pause that stops the clock and that pause's own deadline, the 补正 notice
 * deadline, the status. No I/O: the caller passes the calendar.
 *
 * Rules (disclosure-rules.md, interchange.md):
 * - 20 working days after receipt (第三十三条); day 1 is the first working day after the event.
 * - correction_received restarts the period from that day (第三十条).
 * - While a 补正 notice is outstanding the clock is stopped: the period only starts from the corrected application,
 *   and an applicant who never corrects ends the case (other.no_correction) without the office being late. Once the
 *   correction is received the restart drops this pause, so the result is that of the interchange rules.
 * - consultation_started … consultation_ended is not counted (第三十二、三十四条), but the pause ends by itself on the
 *   15th working day after the other party received the request: the clock never waits on a consultation for longer,
 *   so the due date is known throughout (tentative while the consultation is open: it assumes the full 15 days).
 * - fee_notice … fee_paid is not counted (the common provincial reading); an outstanding one stops the clock. The
 *   20 working days to pay run from the day the applicant received the notice (its recorded delivery).
 * - extended adds its days (at most 20 in all, 第三十三条); longer_period (第三十五条) adds the days up to the date
 *   the agency set, outside that cap.
 * - closed ends the case; a pause still open then ends on the closing day.
 */
import type { WorkCalendar } from '../calendar/day-table.ts';
import { type ClockEvent, computePeriod, type PeriodInput } from '../calendar/periods.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';

/** Working days to answer, from receipt or from the corrected application. */
export const ANSWER_DAYS = 20;
/** Working days after receipt within which the one 补正 notice is sent (第三十条). */
export const CORRECTION_NOTICE_DAYS = 7;
/** Working days a third party or another agency has to answer a consultation (第三十二、三十四条). */
export const CONSULTATION_DAYS = 15;
/** Working days to pay a fee notice before the application is treated as abandoned. */
export const FEE_PAYMENT_DAYS = 20;
/** The longest extension in all (第三十三条). */
export const MAX_EXTENSION_DAYS = 20;
/** Working days the applicant is given to correct, unless the notice says otherwise (common practice). */
export const DEFAULT_CORRECTION_REPLY_DAYS = 15;

/** The event types of the interchange format: the ones that move the clock, plus `closed`. */
export const CLOCK_EVENT_TYPES = [
  'correction_requested',
  'correction_received',
  'consultation_started',
  'consultation_ended',
  'fee_notice',
  'fee_notice_delivered',
  'fee_paid',
  'extended',
  'longer_period',
  'closed',
] as const;
export type ClockEventType = (typeof CLOCK_EVENT_TYPES)[number];

export type ConsultationParty = 'third_party' | 'agency';

/** A clock event with the fields the rules read (the stored event may carry more). */
export type CaseClockEvent =
  | { type: 'correction_requested'; on: string; replyBy?: string | undefined; lateReason?: string | undefined }
  | { type: 'correction_received'; on: string }
  /** `receivedOn`: the day the other party received the request (its 15 working days run from it); default `on`. */
  | { type: 'consultation_started'; on: string; party: ConsultationParty; receivedOn?: string | undefined }
  | { type: 'consultation_ended'; on: string }
  | { type: 'fee_notice'; on: string; amount: number }
  /** The applicant received the fee notice: the 20 working days to pay run from this day. */
  | { type: 'fee_notice_delivered'; on: string }
  | { type: 'fee_paid'; on: string }
  | { type: 'extended'; on: string; days: number }
  /** 第三十五条: the reasonable longer period the agency set; `days` = working days from the due date before to `dueOn`. */
  | { type: 'longer_period'; on: string; days: number; dueOn: string; reason: string }
  | { type: 'closed'; on: string; outcome: OutcomeCode };

export type PauseKind = 'correction' | 'consultation' | 'fee';

/** The pause that stops the clock now, and when its own deadline falls. */
export type OpenPause = { kind: PauseKind; since: string; dueOn: string | null; party?: ConsultationParty };

export type ClockStatus = 'processing' | 'awaiting_correction' | 'consulting' | 'awaiting_fee' | 'closed';

/** What an application's clock events add up to. */
export type CaseClock = {
  /** The last day of the answer period; null while a pause stops the clock (an outstanding 补正 or fee). */
  dueOn: string | null;
  /** The due date may still move: a year's holidays not loaded, or an open consultation assumed to run its 15 days. */
  provisional: boolean;
  /** True while an open consultation makes the due date tentative (the pause assumed to run its full 15 days). */
  consultationTentative: boolean;
  missingYears: readonly number[];
  openPause: OpenPause | null;
  /** The deadline of the 补正 notice (receipt + 7 working days), where a correction was requested (export field). */
  correctionDueOn: string | null;
  extendedDays: number;
  closedOn: string | null;
  outcome: OutcomeCode | null;
  status: ClockStatus;
  /** The next date something is due: the answer's due date, or the open pause's deadline. */
  nextDueOn: string | null;
  /** The engine input, for the day-by-day explanation. */
  period: PeriodInput;
};

const reasons = t.applications.pauseReasons;

/** The last day of a consultation's pause: the 15th working day after the other party received the request. */
export function consultationLimit(calendar: WorkCalendar, e: Extract<CaseClockEvent, { type: 'consultation_started' }>): string {
  return calendar.addWorkdays(e.receivedOn ?? e.on, CONSULTATION_DAYS).date;
}

/** The day the fee must be paid by: the 20th working day after the applicant received the notice. */
export function feePayBy(calendar: WorkCalendar, deliveredOn: string): string {
  return calendar.addWorkdays(deliveredOn, FEE_PAYMENT_DAYS).date;
}

/**
 * The engine's events for a case: restarts, pauses (closed at `closedOn` when still open; a consultation at its
 * limit at the latest) and extensions.
 */
export function clockInput(calendar: WorkCalendar, receivedOn: string, events: readonly CaseClockEvent[]): PeriodInput {
  const out: ClockEvent[] = [];
  const closed = events.find((e) => e.type === 'closed');
  const open: Partial<Record<PauseKind, { from: string; reason: string; limit?: string }>> = {};
  const end = (kind: PauseKind, to: string | undefined) => {
    const p = open[kind];
    if (!p) return;
    // A consultation's pause never runs past its limit (第三十二条: after 15 working days the agency decides).
    const last = p.limit !== undefined && (to === undefined || to > p.limit) ? p.limit : to;
    out.push(last === undefined ? { type: 'pause', from: p.from, reason: p.reason } : { type: 'pause', from: p.from, to: last, reason: p.reason });
    delete open[kind];
  };
  for (const e of events) {
    switch (e.type) {
      case 'correction_requested':
        open.correction = { from: e.on, reason: reasons.correction };
        break;
      case 'correction_received':
        end('correction', e.on);
        out.push({ type: 'restart', on: e.on });
        break;
      case 'consultation_started':
        open.consultation = { from: e.on, reason: reasons[e.party], limit: consultationLimit(calendar, e) };
        break;
      case 'consultation_ended':
        end('consultation', e.on);
        break;
      case 'fee_notice':
        open.fee = { from: e.on, reason: reasons.fee };
        break;
      case 'fee_paid':
        end('fee', e.on);
        break;
      case 'fee_notice_delivered':
        break;
      case 'extended':
        out.push({ type: 'extend', on: e.on, days: e.days });
        break;
      case 'longer_period':
        out.push({ type: 'extend', on: e.on, days: e.days, reason: reasons.longerPeriod(e.dueOn) });
        break;
      case 'closed':
        break;
    }
  }
  for (const kind of ['correction', 'consultation', 'fee'] as const) end(kind, closed?.on);
  return { start: receivedOn, days: ANSWER_DAYS, events: out };
}

/** The open pause (the one the clock waits on), from the events; the earliest when several are open. */
function openPauseOf(calendar: WorkCalendar, events: readonly CaseClockEvent[]): OpenPause | null {
  if (events.some((e) => e.type === 'closed')) return null;
  let correction: OpenPause | null = null;
  let consultation: OpenPause | null = null;
  let fee: OpenPause | null = null as OpenPause | null;
  for (const e of events) {
    if (e.type === 'correction_requested') {
      correction = { kind: 'correction', since: e.on, dueOn: e.replyBy ?? calendar.addWorkdays(e.on, DEFAULT_CORRECTION_REPLY_DAYS).date };
    } else if (e.type === 'correction_received') correction = null;
    else if (e.type === 'consultation_started') {
      consultation = { kind: 'consultation', since: e.on, dueOn: consultationLimit(calendar, e), party: e.party };
    } else if (e.type === 'consultation_ended') consultation = null;
    else if (e.type === 'fee_notice') fee = { kind: 'fee', since: e.on, dueOn: null };
    else if (e.type === 'fee_notice_delivered' && fee) fee = { ...fee, dueOn: feePayBy(calendar, e.on) };
    else if (e.type === 'fee_paid') fee = null;
  }
  const open = [correction, consultation, fee].filter((p): p is OpenPause => p !== null);
  open.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  return open[0] ?? null;
}

/** The 补正 notice deadline: the 7th working day after receipt. */
export function correctionNoticeDeadline(calendar: WorkCalendar, receivedOn: string): string {
  return calendar.addWorkdays(receivedOn, CORRECTION_NOTICE_DAYS).date;
}

/**
 * Derives a case's clock from its receipt date and its clock events (in date order, already validated).
 * Throws the engine's CalendarInputError for dates it cannot read.
 */
export function deriveClock(calendar: WorkCalendar, receivedOn: string, events: readonly CaseClockEvent[]): CaseClock {
  const period = clockInput(calendar, receivedOn, events);
  const result = computePeriod(calendar, period);
  const closed = events.find((e): e is Extract<CaseClockEvent, { type: 'closed' }> => e.type === 'closed') ?? null;
  const openPause = openPauseOf(calendar, events);
  const requested = events.some((e) => e.type === 'correction_requested');
  let extendedDays = 0;
  for (const e of events) if (e.type === 'extended') extendedDays += e.days;
  const status: ClockStatus = closed
    ? 'closed'
    : openPause?.kind === 'correction'
      ? 'awaiting_correction'
      : openPause?.kind === 'consultation'
        ? 'consulting'
        : openPause?.kind === 'fee'
          ? 'awaiting_fee'
          : 'processing';
  // While paused the clock has no due date; the pause's own deadline is what comes next. An open consultation
  // leaves the due date running (its limit is the other party's, not the office's: the to-do source reads it).
  const nextDueOn = closed ? null : result.dueOn !== null ? result.dueOn : (openPause?.dueOn ?? null);
  const consultationTentative = !closed && openPause?.kind === 'consultation' && result.dueOn !== null;
  return {
    dueOn: result.dueOn,
    provisional: result.provisional || consultationTentative,
    consultationTentative,
    missingYears: result.missingYears,
    openPause,
    correctionDueOn: requested ? correctionNoticeDeadline(calendar, receivedOn) : null,
    extendedDays,
    closedOn: closed?.on ?? null,
    outcome: closed?.outcome ?? null,
    status,
    nextDueOn,
    period,
  };
}

/** The interchange `overdue`: closed after the due date, or open with the due date before today. */
export function isOverdue(clock: Pick<CaseClock, 'dueOn' | 'closedOn'>, today: string): boolean {
  if (clock.dueOn === null) return false;
  return clock.closedOn !== null ? clock.closedOn > clock.dueOn : clock.dueOn < today;
}
