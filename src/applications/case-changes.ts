/**
 * What each action on a case changes: the entries it adds to the event log and the columns it sets, built once the
 * rules (transitions.ts) allowed it. The case service (case.service.ts) applies the change in the action's transaction.
 */
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';
import { letterWithDownloads } from './answer-files.service.ts';
import { HANDLER_ROLES } from './applications.policy.ts';
import { type ApplicationRow, listEvents } from './applications.repo.ts';
import type { ActionInput, ActionName } from './applications.schema.ts';
import type { ApplicationsTable } from './applications.tables.ts';
import { DEFAULT_CORRECTION_REPLY_DAYS } from './deadlines.ts';
import { feeFor, feeMonthOf } from './fees.ts';
import { defaultLegalBasis, draftAnswerLetter } from './letters.ts';
import { type CaseAction, type CaseSnapshot, type ExtensionRequest, longerPeriodDays } from './transitions.ts';

const f = t.applications.form;

/** A new entry of the event log. */
export type NewEvent = { type: string; on: string; data: Record<string, unknown> };

/** What an action changes: log entries and stored columns. */
export type Change = { events: NewEvent[]; set: Partial<Omit<ApplicationsTable, 'id' | 'isProbe'>> };

/** The rules' view of an action's input (the fields that decide whether it is allowed). */
export function caseActionOf<A extends ActionName>(action: A, input: ActionInput<A>, calendar: WorkCalendar): CaseAction {
  const i = input as Record<string, unknown>;
  const on = typeof i.on === 'string' ? i.on : '';
  switch (action) {
    case 'request_correction':
      return {
        type: 'request_correction',
        on,
        replyBy: (i.replyBy as string | undefined) ?? calendar.addWorkdays(on, DEFAULT_CORRECTION_REPLY_DAYS).date,
        lateReason: i.lateReason as string | undefined,
      };
    case 'start_consultation':
      return { type: 'start_consultation', on, party: i.party as 'third_party' | 'agency', receivedOn: i.receivedOn as string | undefined };
    case 'set_longer_period':
      return { type: 'set_longer_period', on, dueOn: String(i.dueOn ?? ''), reason: String(i.reason ?? '') };
    case 'request_extension':
      return { type: 'request_extension', on, days: i.days as number };
    case 'issue_fee_notice':
      return { type: 'issue_fee_notice', on, amount: 1 };
    case 'draft_answer':
    case 'save_answer':
      return { type: 'draft_answer', outcome: i.outcome as OutcomeCode };
    default:
      return (on ? { type: action, on } : { type: action }) as CaseAction;
  }
}

/** The position of a case in its applicant's month (for 按件 fees): 1 for the first application of the month. */
async function monthlyPosition(db: DbOrTrx, row: ApplicationRow): Promise<number> {
  if (!row.applicantKey || !row.receivedOn) return 1;
  const month = feeMonthOf(row.receivedOn);
  const received = row.receivedOn;
  const result = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', row.agencyId)
    .where('applicantKey', '=', row.applicantKey)
    .where('receivedOn', '>=', `${month}-01`)
    .where('receivedOn', '<=', `${month}-31`)
    .where((eb) => eb.or([eb('receivedOn', '<', received), eb.and([eb('receivedOn', '=', received), eb('id', '<=', row.id)])]))
    .executeTakeFirstOrThrow();
  return Number(result.n);
}

/** Builds the change of one action (the state was already checked by refusalOf). */
export async function changeOf(
  db: DbOrTrx,
  agency: Agency,
  actor: Actor,
  row: ApplicationRow,
  s: CaseSnapshot,
  action: ActionName,
  input: Record<string, unknown>,
  ctx: { calendar: WorkCalendar; today: string; now: string },
): Promise<Change> {
  const on = typeof input.on === 'string' ? input.on : ctx.today;
  const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
  switch (action) {
    case 'confirm':
      return { events: [{ type: 'confirmed', on, data: { rule: t.applications.receiptRules.online } }], set: { receivedOn: on, status: 'processing' } };
    case 'discard':
      return { events: [{ type: 'discarded', on: ctx.today, data: { reason: str('reason') } }], set: { status: 'discarded' } };
    case 'request_correction': {
      const replyBy = str('replyBy') ?? ctx.calendar.addWorkdays(on, DEFAULT_CORRECTION_REPLY_DAYS).date;
      return { events: [{ type: 'correction_requested', on, data: { items: input.items, replyBy, lateReason: str('lateReason') } }], set: {} };
    }
    case 'receive_correction':
      return { events: [{ type: 'correction_received', on, data: { note: str('note'), text: str('text') } }], set: {} };
    case 'start_consultation':
      return {
        events: [
          {
            type: 'consultation_started',
            on,
            // replyBy (the 15th working day after the other party's receipt) is set from the derived clock.
            data: { party: input.party, partyName: str('partyName'), note: str('note'), receivedOn: str('receivedOn') },
          },
        ],
        set: {},
      };
    case 'end_consultation':
      return { events: [{ type: 'consultation_ended', on, data: { note: str('note') } }], set: {} };
    case 'request_extension': {
      const request: ExtensionRequest = { days: input.days as number, reason: str('reason') ?? '', on, by: actorName(actor) };
      return {
        events: [{ type: 'extension_requested', on, data: { days: request.days, reason: request.reason } }],
        set: { extensionRequestJson: JSON.stringify(request) },
      };
    }
    case 'approve_extension': {
      const req = s.extensionRequest as ExtensionRequest;
      return {
        events: [
          { type: 'extended', on, data: { days: req.days, reason: req.reason, requestedBy: req.by, requestedOn: req.on, approvedBy: actorName(actor) } },
        ],
        set: { extensionRequestJson: null },
      };
    }
    case 'refuse_extension':
      return {
        events: [{ type: 'extension_refused', on: ctx.today, data: { note: str('note'), days: s.extensionRequest?.days } }],
        set: { extensionRequestJson: null },
      };
    case 'withdraw_extension':
      return {
        events: [{ type: 'extension_withdrawn', on: ctx.today, data: { note: str('note'), days: s.extensionRequest?.days } }],
        set: { extensionRequestJson: null },
      };
    case 'issue_fee_notice': {
      const schedule = input.schedule as 'per_application' | 'per_page';
      let quantity: number;
      if (schedule === 'per_page') {
        if (typeof input.pages !== 'number') throw new DomainError('VALIDATION', t.errors.validation, { pages: f.pagesRequired });
        quantity = input.pages;
      } else quantity = await monthlyPosition(db, row);
      const amount = feeFor(schedule, quantity);
      const detail = schedule === 'per_page' ? t.applications.letters.feeDetailPerPage(quantity) : t.applications.letters.feeDetailPerApplication(quantity);
      if (amount <= 0) throw new DomainError('VALIDATION', f.noFeeDue(detail), { schedule: f.noFeeDue(detail) });
      // No payment deadline yet: it runs from the day the applicant receives the notice (record_fee_notice_delivery).
      return { events: [{ type: 'fee_notice', on, data: { amount, schedule, quantity, howToPay: str('howToPay') } }], set: {} };
    }
    case 'record_fee_notice_delivery':
      return { events: [{ type: 'fee_notice_delivered', on, data: { method: str('method') } }], set: {} };
    case 'record_fee_payment':
      return { events: [{ type: 'fee_paid', on, data: {} }], set: {} };
    case 'set_longer_period': {
      const dueOn = String(input.dueOn);
      const days = longerPeriodDays(s, dueOn, ctx.calendar);
      return {
        events: [
          { type: 'longer_period', on, data: { dueOn, days, reason: str('reason'), decidedBy: actorName(actor), previousDueOn: s.clock?.dueOn ?? null } },
        ],
        set: {},
      };
    }
    case 'draft_answer': {
      const outcome = input.outcome as OutcomeCode;
      const events = await listEvents(db, row.id);
      const corrected = events.find((e) => e.type === 'correction_received');
      const letter = draftAnswerLetter(outcome, {
        agencyName: agency.name,
        applicantName: row.applicantName,
        ref: row.ref,
        receivedOn: row.receivedOn ?? ctx.today,
        subject: row.subject,
        correctedOn: corrected?.eventOn ?? null,
        formWanted: row.formWanted ? (t.applications.formsWanted[row.formWanted as keyof typeof t.applications.formsWanted] ?? null) : null,
        wayWanted: row.wayWanted ? (t.applications.waysWanted[row.wayWanted as keyof typeof t.applications.waysWanted] ?? null) : null,
        date: ctx.today,
      });
      // The answer's files stay when it is drafted again: the letter keeps saying where to download them.
      const withFiles = await letterWithDownloads(db, { ...row, outcome }, letter);
      return {
        events: [{ type: 'answer_drafted', on: ctx.today, data: { outcome } }],
        set: { outcome, legalBasis: defaultLegalBasis(outcome), answerLetter: withFiles, answerState: 'draft', answerNote: null },
      };
    }
    case 'save_answer': {
      const submit = input.submit === true;
      return {
        events: submit ? [{ type: 'answer_submitted', on: ctx.today, data: { outcome: input.outcome } }] : [],
        set: {
          outcome: input.outcome as OutcomeCode,
          legalBasis: str('legalBasis') ?? null,
          answerLetter: str('letter') ?? '',
          answerState: submit ? 'pending_signoff' : 'draft',
        },
      };
    }
    case 'return_answer':
      return {
        events: [{ type: 'answer_returned', on: ctx.today, data: { note: str('note') } }],
        set: { answerState: 'draft', answerNote: str('note') ?? null },
      };
    case 'sign_answer':
      return {
        events: [{ type: 'answer_signed', on: ctx.today, data: { outcome: row.outcome } }],
        set: {
          answerState: 'signed',
          answerLetter: str('letter') ?? row.answerLetter,
          answerSignedBy: actor.kind === 'user' ? actor.id : null,
          answerSignedAt: ctx.now,
          answerNote: null,
        },
      };
    case 'send_answer':
      // The rules refuse sending while an extension request waits (transitions.ts); clearing it is a guard for old data.
      return { events: [{ type: 'closed', on, data: { outcome: row.outcome, legalBasis: row.legalBasis } }], set: { extensionRequestJson: null } };
    case 'deliver':
      return { events: [{ type: 'delivered', on, data: { method: str('method') } }], set: { deliveredOn: on, deliveryMethod: str('method') ?? null } };
    case 'archive':
      return { events: [{ type: 'archived', on, data: {} }], set: { archivedOn: on } };
    case 'assign': {
      const handlerId = input.handlerId as number;
      const member = await db
        .selectFrom('userRoles')
        .innerJoin('users', 'users.id', 'userRoles.userId')
        .select(['users.id', 'users.displayName'])
        .where('userRoles.agencyId', '=', agency.id)
        .where('userRoles.userId', '=', handlerId)
        .where('userRoles.role', 'in', [...HANDLER_ROLES])
        .where('users.isActive', '=', 1)
        .executeTakeFirst();
      if (!member) throw new DomainError('VALIDATION', f.handlerNotMember, { handlerId: f.handlerNotMember });
      if (handlerId === row.handlerId) return { events: [], set: {} };
      return { events: [{ type: 'assigned', on: ctx.today, data: { handlerId, name: member.displayName } }], set: { handlerId } };
    }
  }
}
