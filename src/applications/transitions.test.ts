import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChineseDaysArrangements } from '../calendar/chinese-days.ts';
import { WorkCalendar } from '../calendar/day-table.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';
import { type CaseClockEvent, deriveClock } from './deadlines.ts';
import { availableActions, type CaseAction, type CaseActionType, type CaseSnapshot, checkSequence, refusalOf } from './transitions.ts';

const cal = new WorkCalendar(loadChineseDaysArrangements());
const RECEIVED = '2024-09-27';

function snapshot(events: CaseClockEvent[], extra: Partial<CaseSnapshot> = {}): CaseSnapshot {
  const clock = deriveClock(cal, RECEIVED, events);
  return {
    status: clock.status,
    submittedOn: RECEIVED,
    receivedOn: RECEIVED,
    events,
    clock,
    answerState: 'none',
    outcome: null,
    extensionRequest: null,
    deliveredOn: null,
    archivedOn: null,
    ...extra,
  };
}
const refuse = (s: CaseSnapshot, a: CaseAction, today = '2024-12-31') => refusalOf(s, a, { calendar: cal, today });

describe('checkSequence: the rules every list of clock events keeps', () => {
  it('accepts the interchange example', () => {
    const events: CaseClockEvent[] = [
      { type: 'correction_requested', on: '2024-10-08' },
      { type: 'correction_received', on: '2024-10-14' },
      { type: 'consultation_started', on: '2024-10-15', party: 'third_party' },
      { type: 'consultation_ended', on: '2024-10-22' },
      { type: 'extended', on: '2024-11-01', days: 20 },
      { type: 'closed', on: '2024-11-20', outcome: 'partial' },
    ];
    expect(checkSequence(cal, RECEIVED, events)).toEqual([]);
  });

  it('names the event and field of each broken rule', () => {
    const problems = checkSequence(cal, RECEIVED, [
      { type: 'consultation_ended', on: '2024-09-20' },
      { type: 'extended', on: '2024-10-08', days: 15 },
      { type: 'extended', on: '2024-10-09', days: 10 },
      { type: 'fee_paid', on: '2024-10-09' },
      { type: 'closed', on: '2024-10-10', outcome: 'other.no_correction' },
      { type: 'closed', on: '2024-10-11', outcome: 'granted' },
    ]);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'on'],
      [2, 'days'],
      [3, 'type'],
      [4, 'outcome'],
      [5, 'type'],
    ]);
    expect(problems[1]?.message).toBe('延长答复期限合计不得超过 20 个工作日（已延长 15 个工作日）。');
  });

  it('refuses a late 补正 notice without a reason, and a second one', () => {
    // The 7th working day after 2024-09-27 is Sat 2024-10-12 (补班); 10-14 is late.
    const late = checkSequence(cal, RECEIVED, [{ type: 'correction_requested', on: '2024-10-14' }]);
    expect(late).toEqual([{ index: 0, field: 'lateReason', message: '补正通知应在收到申请后 7 个工作日内（2024-10-12 前）发出；逾期发出须说明理由。' }]);
    expect(checkSequence(cal, RECEIVED, [{ type: 'correction_requested', on: '2024-10-14', lateReason: '申请人要求的信息涉及多个科室，需核实' }])).toEqual([]);
    expect(checkSequence(cal, RECEIVED, [{ type: 'correction_requested', on: '2024-10-12' }])).toEqual([]);
    const twice = checkSequence(cal, RECEIVED, [
      { type: 'correction_requested', on: '2024-10-08' },
      { type: 'correction_received', on: '2024-10-09' },
      { type: 'correction_requested', on: '2024-10-10' },
    ]);
    expect(twice[0]?.message).toContain('一次性告知');
  });
});

describe('refusalOf: console actions on a case today', () => {
  it('refuses answering a closed case', () => {
    const closed = snapshot([{ type: 'closed', on: '2024-10-20', outcome: 'granted' }], { outcome: 'granted' });
    expect(refuse(closed, { type: 'draft_answer', outcome: 'granted' })).toBe('该申请已于 2024-10-20 答复办结，不能再办理或再次答复。');
    expect(refuse(closed, { type: 'request_correction', on: '2024-10-21', replyBy: '2024-11-10' })).toContain('已于 2024-10-20 答复办结');
    expect(availableActions(closed, { calendar: cal, today: '2024-12-31' })).toEqual(['deliver']);
  });

  it('refuses extending twice beyond 20 working days, and after the due date', () => {
    const once = snapshot([{ type: 'extended', on: '2024-10-25', days: 15 }]);
    expect(refuse(once, { type: 'request_extension', on: '2024-10-28', days: 10 })).toBe('延长答复期限合计不得超过 20 个工作日（已延长 15 个工作日）。');
    expect(refuse(once, { type: 'request_extension', on: '2024-10-28', days: 5 })).toBeNull();
    // Due 2024-10-30 without extension: a request on 10-31 is too late.
    expect(refuse(snapshot([]), { type: 'request_extension', on: '2024-10-31', days: 5 })).toBe('答复期限已于 2024-10-30 届满，不能再延长。');
  });

  it('refuses a correction notice after 7 working days without a reason', () => {
    const s = snapshot([]);
    expect(refuse(s, { type: 'request_correction', on: '2024-10-14', replyBy: '2024-11-04' })).toContain('7 个工作日内（2024-10-12 前）');
    expect(refuse(s, { type: 'request_correction', on: '2024-10-14', replyBy: '2024-11-04', lateReason: '需向申请人核实' })).toBeNull();
    expect(refuse(s, { type: 'request_correction', on: '2025-01-02', replyBy: '2024-11-04' }, '2024-12-01')).toBe('日期不能晚于今天。');
  });

  it('lets the office end a case for no correction or no payment only after the applicant’s time ran out', () => {
    const waiting = snapshot([{ type: 'correction_requested', on: '2024-10-08', replyBy: '2024-10-28' }]);
    const draft = (o: OutcomeCode, today: string) => refuse(waiting, { type: 'draft_answer', outcome: o }, today);
    expect(draft('other.no_correction', '2024-10-28')).toBe('申请人的补正期限至 2024-10-28 届满，届满后才能按逾期不补正处理。');
    expect(draft('other.no_correction', '2024-10-29')).toBeNull();
    expect(draft('granted', '2024-10-29')).toBe('申请人尚未补正，不能作出该答复。');
    expect(draft('other.unpaid_fee', '2024-10-29')).toContain('只适用于已发出收费通知');
    const notice: CaseClockEvent = { type: 'fee_notice', on: '2024-10-08', amount: 100 };
    // Not delivered: the 20 working days have not started.
    expect(refuse(snapshot([notice]), { type: 'draft_answer', outcome: 'other.unpaid_fee' }, '2025-06-30')).toContain('尚未登记送达');
    // Delivered 10-08: 10-09 (1), 10-10 (2), 10-11 (3), 10-12 Sat 补班 (4), 10-14 (5) … 10-18 (9), 10-21 (10) … 10-25 (14),
    // 10-28 (15) … 11-01 (19), 11-04 (20).
    const fee = snapshot([notice, { type: 'fee_notice_delivered', on: '2024-10-08' }]);
    expect(refuse(fee, { type: 'draft_answer', outcome: 'other.unpaid_fee' }, '2024-11-04')).toContain('2024-11-04 届满');
    expect(refuse(fee, { type: 'draft_answer', outcome: 'other.unpaid_fee' }, '2024-11-05')).toBeNull();
  });

  it('walks the answer through sign-off before it can be sent', () => {
    const base = snapshot([]);
    expect(refuse(base, { type: 'send_answer', on: '2024-10-20' })).toBe('答复尚未经领导签发，不能发送。');
    expect(refuse({ ...base, answerState: 'draft', outcome: 'granted' }, { type: 'sign_answer' })).toBe('答复尚未提交领导签发。');
    expect(refuse({ ...base, answerState: 'pending_signoff', outcome: 'granted' }, { type: 'sign_answer' })).toBeNull();
    expect(refuse({ ...base, answerState: 'signed', outcome: 'granted' }, { type: 'send_answer', on: '2024-10-20' })).toBeNull();
    expect(refuse({ ...base, answerState: 'signed', outcome: 'granted' }, { type: 'send_answer', on: '2024-09-26' })).toContain('不能早于收到申请之日');
  });

  it('offers the forms that make sense for the state', () => {
    const ctx = { calendar: cal, today: '2024-10-10' };
    expect(availableActions(snapshot([]), ctx)).toEqual([
      'request_correction',
      'start_consultation',
      'request_extension',
      'issue_fee_notice',
      'set_longer_period',
      'draft_answer',
    ]);
    const pending: CaseSnapshot = { ...snapshot([]), status: 'pending', receivedOn: null, clock: null };
    expect(availableActions(pending, ctx)).toEqual(['confirm', 'discard']);
    const consulting = snapshot([{ type: 'consultation_started', on: '2024-10-09', party: 'agency' }]);
    expect(availableActions(consulting, ctx)).toContain('end_consultation');
    expect(availableActions(consulting, ctx)).not.toContain('start_consultation');
  });
});

describe('a pending extension request is decided or withdrawn before the answer (issue 14)', () => {
  const REQUEST = { days: 10, reason: '需协调', on: '2024-10-10', by: '王承办' };
  const ctx = { calendar: cal, today: '2024-10-11' };

  it('refuses signing and sending while a request waits, with the way out in the message', () => {
    const review = { ...snapshot([]), answerState: 'pending_signoff' as const, outcome: 'granted' as const, extensionRequest: REQUEST };
    expect(refuse(review, { type: 'sign_answer' }, ctx.today)).toBe('延期申请尚待审批：请领导先批准或不予批准，或由承办人撤回延期申请，再签发或发送答复。');
    expect(availableActions(review, ctx)).toEqual([
      'request_correction',
      'start_consultation',
      'approve_extension',
      'refuse_extension',
      'withdraw_extension',
      'issue_fee_notice',
      'set_longer_period',
      'return_answer',
    ]);
    // Old data: signed with a request still waiting (before this rule); sending waits for the decision too.
    const signed = { ...review, answerState: 'signed' as const };
    expect(refuse(signed, { type: 'send_answer', on: ctx.today }, ctx.today)).toContain('延期申请尚待审批');
    expect(availableActions(signed, ctx)).not.toContain('send_answer');
    expect(refuse({ ...signed, extensionRequest: null }, { type: 'send_answer', on: ctx.today }, ctx.today)).toBeNull();
  });

  it('offers no extension action once the answer is signed or sent', () => {
    const signed = { ...snapshot([]), answerState: 'signed' as const, outcome: 'granted' as const };
    expect(refuse(signed, { type: 'request_extension', on: ctx.today, days: 5 }, ctx.today)).toBe('答复已签发，请直接发送，不能再申请延期。');
    const offered = availableActions(signed, ctx);
    for (const a of ['request_extension', 'approve_extension', 'refuse_extension', 'withdraw_extension'] as const) expect(offered).not.toContain(a);
    const sent = snapshot([{ type: 'closed', on: '2024-10-11', outcome: 'granted' }], { answerState: 'signed', outcome: 'granted', extensionRequest: REQUEST });
    expect(availableActions(sent, ctx)).toEqual(['deliver']);
  });

  /** What an action does to the snapshot, as the service's change does (case-changes.ts), for the random walk. */
  function apply(s: CaseSnapshot, a: CaseActionType, today: string): CaseSnapshot {
    const add = (e: CaseClockEvent, extra: Partial<CaseSnapshot> = {}) => snapshot([...s.events, e], { ...s, ...extra, events: [...s.events, e] });
    switch (a) {
      case 'request_correction':
        return add({ type: 'correction_requested', on: today, replyBy: cal.addWorkdays(today, 15).date, lateReason: 'x' });
      case 'receive_correction':
        return add({ type: 'correction_received', on: today });
      case 'start_consultation':
        return add({ type: 'consultation_started', on: today, party: 'agency' });
      case 'end_consultation':
        return add({ type: 'consultation_ended', on: today });
      case 'request_extension':
        return { ...s, extensionRequest: { ...REQUEST, on: today } };
      case 'approve_extension':
        return add({ type: 'extended', on: today, days: s.extensionRequest?.days ?? 0 }, { extensionRequest: null });
      case 'refuse_extension':
      case 'withdraw_extension':
        return { ...s, extensionRequest: null };
      case 'issue_fee_notice':
        return add({ type: 'fee_notice', on: today, amount: 100 });
      case 'record_fee_notice_delivery':
        return add({ type: 'fee_notice_delivered', on: today });
      case 'record_fee_payment':
        return add({ type: 'fee_paid', on: today });
      case 'draft_answer':
        return { ...s, answerState: 'draft', outcome: 'other.other' };
      case 'submit_answer':
        return { ...s, answerState: 'pending_signoff' };
      case 'return_answer':
        return { ...s, answerState: 'draft' };
      case 'sign_answer':
        return { ...s, answerState: 'signed' };
      case 'send_answer':
        return add({ type: 'closed', on: today, outcome: s.outcome ?? 'other.other' });
      case 'deliver':
        return { ...s, deliveredOn: today };
      case 'archive':
        return { ...s, archivedOn: today };
      default:
        return s;
    }
  }

  it('keeps its invariants on every reachable case (random walks through the offered actions)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 })), { maxLength: 40 }), (steps) => {
        let s = snapshot([]);
        let today = '2024-09-30';
        for (const [pick, days] of steps) {
          const c = { calendar: cal, today };
          const offered = availableActions(s, c);
          const closed = s.clock?.closedOn != null;
          if (s.extensionRequest) {
            expect(offered).not.toContain('sign_answer');
            expect(offered).not.toContain('send_answer');
            // A waiting request can always be answered one way or the other while the case is open.
            if (!closed) expect(offered).toEqual(expect.arrayContaining(['refuse_extension', 'withdraw_extension']));
          } else for (const a of ['approve_extension', 'refuse_extension', 'withdraw_extension'] as const) expect(offered).not.toContain(a);
          if (s.answerState === 'signed') expect(offered).not.toContain('request_extension');
          if (closed) expect(offered.every((a) => a === 'deliver' || a === 'archive')).toBe(true);
          const choices = [...offered, ...(refusalOf(s, { type: 'submit_answer' }, c) === null ? (['submit_answer'] as const) : [])];
          if (choices.length === 0) break;
          s = apply(s, choices[pick % choices.length] as CaseActionType, today);
          expect(checkSequence(cal, RECEIVED, s.events)).toEqual([]);
          today = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        }
      }),
      { numRuns: 300 },
    );
  });
});
