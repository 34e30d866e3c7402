/**
 * The actions on a case, from confirmation to archive. Each one: parse the form (zod), check the role (policy) and
 * the case's state (transitions.refusalOf), append to the event log, re-derive the stored due fields from the whole
 * log, and write the audit record — in one transaction holding the case's row (lockApplication), so two actions at
 * once, from any server, run one after the other; the version compare in the UPDATE stays as a second guard.
 */
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import { type Clock, chinaDate } from '../shared/clock.ts';
import { conflict, DomainError, forbidden, invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';
import { checkAnswerAttachments, letterWithDownloads } from './answer-files.service.ts';
import { queueApplicantNotices } from './applicant-notices.ts';
import { can, HANDLER_ROLES, permissionFor } from './applications.policy.ts';
import {
  type ApplicationRow,
  clockEventsOf,
  derivedColumns,
  eventData,
  isClockEventType,
  listEvents,
  lockApplication,
  toClockEvent,
} from './applications.repo.ts';
import { type ActionInput, type ActionName, actionSchemas } from './applications.schema.ts';
import type { ApplicationsTable } from './applications.tables.ts';
import { type CaseClockEvent, DEFAULT_CORRECTION_REPLY_DAYS, FEE_PAYMENT_DAYS } from './deadlines.ts';
import { feeFor, feeMonthOf } from './fees.ts';
import { assertAnswerComplete } from './letter-checks.ts';
import { allocateDocNumber } from './letter-number.ts';
import { defaultLegalBasis, draftAnswerLetter } from './letters.ts';
import { applicationSettings } from './settings.queries.ts';
import { type CaseAction, type CaseSnapshot, type ExtensionRequest, refusalOf } from './transitions.ts';

// config.publicUrl: the tracking page's address in the applicant's notices.
type Deps = { db: DbOrTrx; clock: Clock; config?: Pick<Config, 'publicUrl'> | undefined };

const r = t.applications.rules;
const f = t.applications.form;

/** A new entry of the event log. */
type NewEvent = { type: string; on: string; data: Record<string, unknown> };

/** What an action changes: log entries and stored columns. */
type Change = { events: NewEvent[]; set: Partial<Omit<ApplicationsTable, 'id' | 'isProbe'>> };

/** The pending extension request stored on a case. */
export function extensionRequestOf(row: Pick<ApplicationRow, 'extensionRequestJson'>): ExtensionRequest | null {
  return row.extensionRequestJson ? (JSON.parse(row.extensionRequestJson) as ExtensionRequest) : null;
}

/** A case as the rules see it: its row, its log and its derived clock. */
export function snapshotOf(calendar: WorkCalendar, row: ApplicationRow, events: readonly CaseClockEvent[]): CaseSnapshot {
  const { clock } = derivedColumns(calendar, row, events);
  return {
    status: row.status,
    submittedOn: chinaDate(row.submittedAt),
    receivedOn: row.receivedOn,
    events,
    clock,
    answerState: row.answerState,
    outcome: (row.outcome as OutcomeCode | null) ?? null,
    extensionRequest: extensionRequestOf(row),
    deliveredOn: row.deliveredOn,
    archivedOn: row.archivedOn,
  };
}

/** The rules' view of an action's input (the fields that decide whether it is allowed). */
function caseActionOf<A extends ActionName>(action: A, input: ActionInput<A>, calendar: WorkCalendar): CaseAction {
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
      return { type: 'start_consultation', on, party: i.party as 'third_party' | 'agency' };
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
async function changeOf(
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
            data: { party: input.party, partyName: str('partyName'), note: str('note'), replyBy: ctx.calendar.addWorkdays(on, 15).date },
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
      const payBy = ctx.calendar.addWorkdays(on, FEE_PAYMENT_DAYS).date;
      return { events: [{ type: 'fee_notice', on, data: { amount, schedule, quantity, payBy, howToPay: str('howToPay') } }], set: {} };
    }
    case 'record_fee_payment':
      return { events: [{ type: 'fee_paid', on, data: {} }], set: {} };
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
      // The answer ends the case: an extension request still waiting has nothing left to extend.
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

export type ActionResult = { row: ApplicationRow; events: NewEvent[] };

/** What an action's form shows of the case (the answer editor); a field absent from a submission keeps it. */
function shownValues(action: ActionName, row: ApplicationRow): Record<string, string> {
  if (action !== 'save_answer') return {};
  return { outcome: row.outcome ?? '', legalBasis: row.legalBasis ?? '', letter: row.answerLetter ?? '' };
}

/**
 * Performs `action` on case `id` of the agency with the form's `values` (strings; `version` guards against acting on
 * a stale page). Refusals are INVALID_STATE errors with a Chinese message; bad input is VALIDATION with field messages.
 */
export async function actOnApplication(
  deps: Deps,
  actor: Actor,
  agency: Agency,
  id: number,
  action: ActionName,
  values: Record<string, unknown>,
): Promise<ActionResult> {
  if (!(action in actionSchemas)) throw notFound();
  if (!can(actor, permissionFor(action), agency.id)) throw forbidden(permissionFor(action) === 'approve' ? r.leaderOnly : r.handlerOnly);
  return performCaseAction(deps, actor, agency, id, action, values);
}

/** The action once the caller is entitled to it (staff above; the applicant's online 补正, correction.service.ts). */
export async function performCaseAction(
  deps: Deps,
  actor: Actor,
  agency: Agency,
  id: number,
  action: ActionName,
  values: Record<string, unknown>,
): Promise<ActionResult> {
  const calendar = await loadWorkCalendar(deps.db);
  const today = deps.clock.today();
  const now = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (trx) => {
    // The state check below and the write after it see the case as it stands: a concurrent action waits for this one.
    const row = await lockApplication(trx, agency.id, id);
    if (!row) throw notFound();
    const input = parseInput(actionSchemas[action], keepAbsent(shownValues(action, row), values)) as Record<string, unknown>;
    if (values.version !== undefined && values.version !== '' && Number(values.version) !== row.version) throw conflict(r.staleVersion);
    const log = await listEvents(trx, id);
    const events = clockEventsOf(log);
    const snapshot = snapshotOf(calendar, row, events);
    if (action === 'save_answer' && row.answerState !== 'draft') throw invalidState(r.noDraft);
    const refusal = refusalOf(snapshot, caseActionOf(action, input as never, calendar), { calendar, today });
    if (refusal) throw invalidState(refusal);
    if ((action === 'save_answer' && input.submit === true) || action === 'sign_answer')
      await checkAnswerAttachments(trx, id, action === 'sign_answer' ? row.outcome : (input.outcome as string));

    // Placeholders and a missing legal basis stop the answer on its way to the leader and at the sign-off.
    const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : null);
    if (action === 'save_answer' && input.submit === true)
      assertAnswerComplete({ outcome: str('outcome'), legalBasis: str('legalBasis'), letter: str('letter'), agencyName: agency.name }, false);
    if (action === 'sign_answer')
      assertAnswerComplete({ outcome: row.outcome, legalBasis: row.legalBasis, letter: str('letter') ?? row.answerLetter, agencyName: agency.name }, true);

    const change = await changeOf(trx, agency, actor, row, snapshot, action, input, { calendar, today, now });
    // The leader's sign-off gives the letter its 文号 (kept if the case already has one), in this transaction.
    if (action === 'sign_answer') {
      const settings = await applicationSettings(trx, agency.id);
      const year = Number(today.slice(0, 4));
      const docNumber = await allocateDocNumber(trx, { agencyId: agency.id, applicationId: id, year, pattern: settings.docNumberPattern, now });
      for (const e of change.events) e.data.docNumber = docNumber;
    }
    // A form posted back as it was shown (the same handler, an unchanged draft) writes nothing.
    if (change.events.length === 0 && Object.entries(change.set).every(([k, v]) => row[k as keyof ApplicationRow] === v)) return { row, events: [] };
    const nextEvents = [...events];
    for (const e of change.events) {
      if (isClockEventType(e.type)) nextEvents.push(toClockEvent(e.type, e.on, e.data));
    }
    const merged = { ...row, ...change.set };
    const { columns, clock } = derivedColumns(calendar, merged, nextEvents);
    // The applicant is told the new due date of an approved extension.
    for (const e of change.events) if (e.type === 'extended') e.data.newDueOn = clock?.dueOn ?? null;
    if (action === 'send_answer' || action === 'record_fee_payment') {
      const feeStatus = action === 'record_fee_payment' ? 'paid' : 'lapsed';
      const on = change.events[0]?.on ?? today;
      if (action === 'record_fee_payment' || row.outcome === 'other.unpaid_fee') {
        await trx
          .updateTable('applicationFees')
          .set(feeStatus === 'paid' ? { status: 'paid', paidOn: on } : { status: 'lapsed' })
          .where('applicationId', '=', id)
          .where('status', '=', 'outstanding')
          .execute();
      }
    }
    const updated = await trx
      .updateTable('applications')
      .set({ ...change.set, ...columns, version: row.version + 1, updatedAt: now })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw conflict(r.staleVersion);
    for (const e of change.events) {
      await trx
        .insertInto('applicationEvents')
        .values({
          applicationId: id,
          agencyId: agency.id,
          type: e.type,
          eventOn: e.on,
          dataJson: JSON.stringify(e.data),
          actorId: actor.kind === 'user' ? actor.id : null,
          actorName: actorName(actor),
          createdAt: now,
        })
        .execute();
      if (e.type === 'fee_notice') {
        await trx
          .insertInto('applicationFees')
          .values({
            applicationId: id,
            agencyId: agency.id,
            schedule: String(e.data.schedule),
            quantity: Number(e.data.quantity),
            amount: Number(e.data.amount),
            noticeOn: e.on,
            payBy: String(e.data.payBy),
            paidOn: null,
            status: 'outstanding',
            createdAt: now,
          })
          .execute();
      }
    }
    await queueApplicantNotices(trx, deps, agency, updated, change.events);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: `application.${action}`,
      entityType: 'application',
      entityId: id,
      before: { ref: row.ref, status: row.status, dueOn: row.dueOn, answerState: row.answerState, version: row.version },
      after: {
        ref: row.ref,
        status: updated.status,
        dueOn: updated.dueOn,
        answerState: updated.answerState,
        version: updated.version,
        events: change.events.map((e) => ({ type: e.type, on: e.on })),
      },
    });
    return { row: updated, events: change.events };
  });
}

export { eventData };
