/**
 * Which move is allowed when (pure). Two layers:
 * - checkSequence: the rules any list of clock events must keep (imports and the console alike): date order, one
 *   补正 notice within 7 working days (or with a reason), consultations and fee notices opened before closed,
 *   extensions of 20 working days at most in all, nothing after the answer, outcomes that need their history.
 * - refusalOf: a console action on a case as it stands today, with its Chinese refusal message, or null.
 * The console shows exactly the actions availableActions returns, and the services refuse the rest.
 */
import type { WorkCalendar } from '../calendar/day-table.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';
import type { AnswerState, ApplicationStatus } from './applications.tables.ts';
import {
  type CaseClock,
  type CaseClockEvent,
  type ConsultationParty,
  correctionNoticeDeadline,
  DEFAULT_CORRECTION_REPLY_DAYS,
  feePayBy,
  MAX_EXTENSION_DAYS,
} from './deadlines.ts';

const r = { ...t.applications.rules, ...t.applications.clock.rules };

/** A rule broken by one event of a sequence: its index, the field, the reason. */
export type SequenceProblem = { index: number; field: string; message: string };

/** Where a sequence of clock events stands after each step. */
export type SequenceState = {
  correction: 'none' | 'requested' | 'received';
  correctionReplyBy: string | null;
  consultation: { since: string; party: ConsultationParty } | null;
  /** An outstanding fee notice and the day the applicant received it (null until delivery is recorded). */
  fee: { since: string; deliveredOn: string | null } | null;
  extendedDays: number;
  closed: boolean;
  lastOn: string | null;
};

/** The state after replaying `events` (assumed valid). */
export function replay(events: readonly CaseClockEvent[]): SequenceState {
  const s: SequenceState = { correction: 'none', correctionReplyBy: null, consultation: null, fee: null, extendedDays: 0, closed: false, lastOn: null };
  for (const e of events) step(s, e);
  return s;
}

function step(s: SequenceState, e: CaseClockEvent): void {
  s.lastOn = e.on;
  switch (e.type) {
    case 'correction_requested':
      s.correction = 'requested';
      s.correctionReplyBy = e.replyBy ?? null;
      break;
    case 'correction_received':
      s.correction = 'received';
      break;
    case 'consultation_started':
      s.consultation = { since: e.on, party: e.party };
      break;
    case 'consultation_ended':
      s.consultation = null;
      break;
    case 'fee_notice':
      s.fee = { since: e.on, deliveredOn: null };
      break;
    case 'fee_notice_delivered':
      if (s.fee) s.fee = { ...s.fee, deliveredOn: e.on };
      break;
    case 'longer_period':
      break;
    case 'fee_paid':
      s.fee = null;
      break;
    case 'extended':
      s.extendedDays += e.days;
      break;
    case 'closed':
      s.closed = true;
      break;
  }
}

/** The problem `e` would make after state `s`, or null. */
function problemOf(calendar: WorkCalendar, receivedOn: string, s: SequenceState, e: CaseClockEvent): { field: string; message: string } | null {
  if (e.on < receivedOn) return { field: 'on', message: r.beforeReceipt(receivedOn) };
  if (s.lastOn !== null && e.on < s.lastOn) return { field: 'on', message: r.outOfOrder(s.lastOn) };
  if (s.closed) return { field: 'type', message: r.afterClosed };
  switch (e.type) {
    case 'correction_requested': {
      if (s.correction !== 'none') return { field: 'type', message: r.correctionOnce };
      const deadline = correctionNoticeDeadline(calendar, receivedOn);
      if (e.on > deadline && !e.lateReason?.trim()) return { field: 'lateReason', message: r.correctionLate(deadline) };
      if (e.replyBy !== undefined && e.replyBy <= e.on) return { field: 'replyBy', message: r.replyByAfterNotice };
      return null;
    }
    case 'correction_received':
      return s.correction === 'requested' ? null : { field: 'type', message: r.noCorrectionRequested };
    case 'consultation_started':
      return s.consultation ? { field: 'type', message: r.consultationOpen } : null;
    case 'consultation_ended':
      return s.consultation ? null : { field: 'type', message: r.noConsultation };
    case 'fee_notice':
      if (s.fee) return { field: 'type', message: r.feeOutstanding };
      if (!Number.isInteger(e.amount) || e.amount <= 0) return { field: 'amount', message: r.feeAmount };
      return null;
    case 'fee_paid':
      return s.fee ? null : { field: 'type', message: r.noFeeNotice };
    case 'fee_notice_delivered':
      if (!s.fee) return { field: 'type', message: r.noFeeNotice };
      return s.fee.deliveredOn ? { field: 'type', message: r.feeAlreadyDelivered } : null;
    case 'longer_period':
      if (!Number.isInteger(e.days) || e.days < 1) return { field: 'dueOn', message: r.longerNotLater(e.dueOn) };
      return e.reason.trim() ? null : { field: 'reason', message: r.longerReason };
    case 'extended':
      if (!Number.isInteger(e.days) || e.days < 1 || e.days > MAX_EXTENSION_DAYS) return { field: 'days', message: r.extensionDays };
      if (s.extendedDays + e.days > MAX_EXTENSION_DAYS) return { field: 'days', message: r.extensionTotal(s.extendedDays) };
      return null;
    case 'closed':
      if (e.outcome === 'other.no_correction' && s.correction !== 'requested') return { field: 'outcome', message: r.noCorrectionOutcome };
      if (e.outcome === 'other.unpaid_fee' && !s.fee) return { field: 'outcome', message: r.unpaidFeeOutcome };
      if (e.outcome === 'unavailable.unclear_after_correction' && s.correction !== 'received') return { field: 'outcome', message: r.unclearOutcome };
      return null;
  }
}

/** Every rule broken by a sequence of clock events of a case received on `receivedOn` (empty when valid). */
export function checkSequence(calendar: WorkCalendar, receivedOn: string, events: readonly CaseClockEvent[]): SequenceProblem[] {
  const s = replay([]);
  const problems: SequenceProblem[] = [];
  events.forEach((e, index) => {
    const p = problemOf(calendar, receivedOn, s, e);
    if (p) problems.push({ index, ...p });
    step(s, e);
  });
  return problems;
}

/** The working days a 第三十五条 decision adds: from the due date as it runs to the date the agency set. */
export function longerPeriodDays(s: Pick<CaseSnapshot, 'clock'>, dueOn: string, calendar: WorkCalendar): number {
  const current = s.clock?.dueOn;
  return current ? calendar.workdaysBetween(current, dueOn).days : 0;
}

/** A pending extension request awaiting a leader. */
export type ExtensionRequest = { days: number; reason: string; on: string; by: string };

/** A case as the console acts on it. */
export type CaseSnapshot = {
  status: ApplicationStatus;
  submittedOn: string;
  receivedOn: string | null;
  events: readonly CaseClockEvent[];
  /** Null while the application awaits confirmation (no receipt date yet). */
  clock: CaseClock | null;
  answerState: AnswerState;
  outcome: OutcomeCode | null;
  extensionRequest: ExtensionRequest | null;
  deliveredOn: string | null;
  archivedOn: string | null;
};

/** The console's actions on a case, with the inputs the rules read. */
export type CaseAction =
  | { type: 'confirm'; on: string }
  | { type: 'discard' }
  | { type: 'request_correction'; on: string; replyBy: string; lateReason?: string | undefined }
  | { type: 'receive_correction'; on: string }
  | { type: 'start_consultation'; on: string; party: ConsultationParty; receivedOn?: string | undefined }
  | { type: 'end_consultation'; on: string }
  | { type: 'request_extension'; on: string; days: number }
  | { type: 'approve_extension'; on: string }
  | { type: 'refuse_extension' }
  | { type: 'withdraw_extension' }
  | { type: 'issue_fee_notice'; on: string; amount: number }
  | { type: 'record_fee_notice_delivery'; on: string }
  | { type: 'record_fee_payment'; on: string }
  | { type: 'set_longer_period'; on: string; dueOn: string; reason: string }
  | { type: 'draft_answer'; outcome: OutcomeCode }
  | { type: 'submit_answer' }
  | { type: 'return_answer' }
  | { type: 'sign_answer' }
  | { type: 'send_answer'; on: string }
  | { type: 'deliver'; on: string }
  | { type: 'archive'; on: string }
  | { type: 'assign' };

export type CaseActionType = CaseAction['type'];

/** The actions a leader takes (the answer's sign-off); the rest are the handler's or the office head's. */
export const LEADER_ACTIONS: ReadonlySet<CaseActionType> = new Set(['return_answer', 'sign_answer']);
/**
 * The decisions on the answer period that 第三十三条 gives the head of the disclosure office (信息公开工作机构负责人):
 * an extension, and the longer reasonable period of 第三十五条. Who that is, is the agency's setting.
 */
export const OFFICE_HEAD_ACTIONS: ReadonlySet<CaseActionType> = new Set(['approve_extension', 'refuse_extension', 'set_longer_period']);

type Ctx = { calendar: WorkCalendar; today: string };

/** The clock event an action adds, if it adds one. */
function eventOf(s: CaseSnapshot, a: CaseAction, calendar: WorkCalendar): CaseClockEvent | null {
  switch (a.type) {
    case 'request_correction':
      return { type: 'correction_requested', on: a.on, replyBy: a.replyBy, lateReason: a.lateReason };
    case 'receive_correction':
      return { type: 'correction_received', on: a.on };
    case 'start_consultation':
      return { type: 'consultation_started', on: a.on, party: a.party, receivedOn: a.receivedOn };
    case 'end_consultation':
      return { type: 'consultation_ended', on: a.on };
    case 'approve_extension':
      return { type: 'extended', on: a.on, days: s.extensionRequest?.days ?? 0 };
    case 'request_extension':
      return { type: 'extended', on: a.on, days: a.days };
    case 'issue_fee_notice':
      return { type: 'fee_notice', on: a.on, amount: a.amount };
    case 'record_fee_notice_delivery':
      return { type: 'fee_notice_delivered', on: a.on };
    case 'record_fee_payment':
      return { type: 'fee_paid', on: a.on };
    case 'set_longer_period':
      return { type: 'longer_period', on: a.on, dueOn: a.dueOn, reason: a.reason, days: longerPeriodDays(s, a.dueOn, calendar) };
    case 'send_answer':
      return s.outcome ? { type: 'closed', on: a.on, outcome: s.outcome } : null;
    default:
      return null;
  }
}

/** Why an outcome cannot be the answer yet (the applicant's time has not run out, a pause is still open), or null. */
function outcomeRefusal(s: CaseSnapshot, outcome: OutcomeCode, on: string, ctx: Ctx): string | null {
  const state = replay(s.events);
  if (outcome === 'other.no_correction') {
    if (state.correction !== 'requested') return r.noCorrectionOutcome;
    const replyBy = s.clock?.openPause?.kind === 'correction' ? s.clock.openPause.dueOn : state.correctionReplyBy;
    if (replyBy && on <= replyBy) return r.correctionNotDue(replyBy);
    return null;
  }
  if (outcome === 'other.unpaid_fee') {
    if (!state.fee) return r.unpaidFeeOutcome;
    // The 20 working days run from the applicant's receipt of the notice: none before it is recorded.
    if (!state.fee.deliveredOn) return r.feeNotDelivered;
    const payBy = feePayBy(ctx.calendar, state.fee.deliveredOn);
    if (on <= payBy) return r.feeNotDue(payBy);
    return null;
  }
  if (outcome === 'other.other') return null;
  if (state.correction === 'requested') return r.awaitingCorrection;
  if (state.fee) return r.awaitingFee;
  return null;
}

/**
 * Why `action` is refused on the case today (a Chinese message), or null when it is allowed. Roles are checked by
 * the service; this is about the case's state and dates.
 */
export function refusalOf(s: CaseSnapshot, a: CaseAction, ctx: Ctx): string | null {
  const closedOn = s.clock?.closedOn ?? null;
  if ('on' in a) {
    if (a.on > ctx.today) return r.future;
    if (a.type === 'confirm') {
      if (a.on < s.submittedOn) return r.beforeSubmission(s.submittedOn);
    } else if (s.receivedOn !== null && a.on < s.receivedOn) return r.beforeReceipt(s.receivedOn);
  }
  if (a.type === 'confirm' || a.type === 'discard') return s.status === 'pending' ? null : r.notPending;
  if (s.status === 'pending' || s.status === 'discarded' || s.receivedOn === null || s.clock === null) return r.notReceived;

  switch (a.type) {
    case 'deliver':
      if (!closedOn) return r.notClosed;
      if (s.deliveredOn) return r.alreadyDelivered;
      return a.on < closedOn ? r.deliverBeforeAnswer(closedOn) : null;
    case 'archive':
      if (!closedOn) return r.notClosed;
      if (!s.deliveredOn) return r.archiveBeforeDelivery;
      if (s.archivedOn) return r.alreadyArchived;
      return a.on < s.deliveredOn ? r.outOfOrder(s.deliveredOn) : null;
    case 'assign':
      return null;
    default:
      break;
  }
  if (closedOn) return r.closedAlready(closedOn);

  switch (a.type) {
    case 'request_extension':
    case 'approve_extension': {
      if (a.type === 'request_extension' && s.extensionRequest) return r.extensionPending;
      // A signed answer is sent, not extended: a request now would only hold the letter back.
      if (a.type === 'request_extension' && s.answerState === 'signed') return r.extensionAfterSignoff;
      if (a.type === 'approve_extension' && !s.extensionRequest) return r.noExtensionRequest;
      if (s.clock.dueOn === null) return r.extensionWhilePaused;
      if (a.on > s.clock.dueOn) return r.extensionTooLate(s.clock.dueOn);
      break;
    }
    case 'refuse_extension':
    case 'withdraw_extension':
      return s.extensionRequest ? null : r.noExtensionRequest;
    case 'issue_fee_notice':
      if (replay(s.events).correction === 'requested') return r.awaitingCorrection;
      break;
    case 'start_consultation':
      if (a.receivedOn !== undefined && a.receivedOn < a.on) return r.consultationReceivedBefore;
      if (a.receivedOn !== undefined && a.receivedOn > ctx.today) return r.future;
      break;
    case 'record_fee_notice_delivery': {
      const fee = replay(s.events).fee;
      if (fee && a.on < fee.since) return r.outOfOrder(fee.since);
      break;
    }
    case 'set_longer_period': {
      // 第三十五条: a date later than the period as it runs, decided before it ends; the 20-day cap is not in play.
      if (s.clock.dueOn === null) return r.longerWhilePaused;
      if (a.on > s.clock.dueOn) return r.longerTooLate(s.clock.dueOn);
      if (a.dueOn <= s.clock.dueOn) return r.longerNotLater(s.clock.dueOn);
      if (!ctx.calendar.isWorkday(a.dueOn)) return r.longerNotWorkday;
      break;
    }
    case 'draft_answer':
      if (s.answerState === 'pending_signoff' || s.answerState === 'signed') return r.answerInReview;
      return outcomeRefusal(s, a.outcome, ctx.today, ctx);
    case 'submit_answer':
      return s.answerState === 'draft' ? null : r.noDraft;
    case 'return_answer':
      return s.answerState === 'pending_signoff' ? null : r.notSubmitted;
    case 'sign_answer':
      if (s.answerState !== 'pending_signoff') return r.notSubmitted;
      // 第三十三条: the answer period is the leader's to extend or not; that decision comes before the answer.
      return s.extensionRequest ? r.extensionUndecided : null;
    case 'send_answer': {
      if (s.answerState !== 'signed' || !s.outcome) return r.notSigned;
      if (s.extensionRequest) return r.extensionUndecided;
      const refusal = outcomeRefusal(s, s.outcome, a.on, ctx);
      if (refusal) return refusal;
      break;
    }
    default:
      break;
  }
  const event = eventOf(s, a, ctx.calendar);
  if (!event) return null;
  const state = replay(s.events);
  const p = problemOf(ctx.calendar, s.receivedOn, state, event);
  return p?.message ?? null;
}

/** Sample inputs per action, to ask refusalOf which forms make sense today (dates = today). */
function probe(type: CaseActionType, s: CaseSnapshot, ctx: Ctx): CaseAction {
  const on = ctx.today;
  switch (type) {
    case 'confirm':
    case 'receive_correction':
    case 'end_consultation':
    case 'approve_extension':
    case 'record_fee_payment':
    case 'record_fee_notice_delivery':
    case 'send_answer':
    case 'deliver':
    case 'archive':
      return { type, on } as CaseAction;
    case 'request_correction':
      return { type, on, replyBy: ctx.calendar.addWorkdays(on, DEFAULT_CORRECTION_REPLY_DAYS).date, lateReason: 'probe' };
    case 'start_consultation':
      return { type, on, party: 'third_party' };
    case 'request_extension':
      return { type, on, days: Math.max(1, MAX_EXTENSION_DAYS - (s.clock?.extendedDays ?? 0)) };
    case 'issue_fee_notice':
      return { type, on, amount: 100 };
    case 'set_longer_period': {
      const due = s.clock?.dueOn ?? on;
      let next = ctx.calendar.addWorkdays(due, 1).date;
      if (next <= due) next = ctx.calendar.addWorkdays(due, 2).date;
      return { type, on, dueOn: next, reason: 'probe' };
    }
    case 'draft_answer':
      return { type, outcome: 'other.other' };
    default:
      return { type } as CaseAction;
  }
}

const ALL_ACTIONS: readonly CaseActionType[] = [
  'confirm',
  'discard',
  'request_correction',
  'receive_correction',
  'start_consultation',
  'end_consultation',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'withdraw_extension',
  'issue_fee_notice',
  'record_fee_notice_delivery',
  'record_fee_payment',
  'set_longer_period',
  'draft_answer',
  'submit_answer',
  'return_answer',
  'sign_answer',
  'send_answer',
  'deliver',
  'archive',
];

/** The actions that make sense on the case today, in the order the console lists them. */
export function availableActions(s: CaseSnapshot, ctx: Ctx): CaseActionType[] {
  return ALL_ACTIONS.filter((type) => refusalOf(s, probe(type, s, ctx), ctx) === null);
}
