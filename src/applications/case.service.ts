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
import { conflict, forbidden, invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';
import { answerAttachmentsProblem } from './answer-files.service.ts';
import { queueApplicantNotices } from './applicant-notices.ts';
import { can, isOfficeHead, permissionFor } from './applications.policy.ts';
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
import { type ActionName, actionSchemas } from './applications.schema.ts';
import { caseActionOf, changeOf, type NewEvent } from './case-changes.ts';
import type { CaseClockEvent } from './deadlines.ts';
import { assertAnswerComplete } from './letter-checks.ts';
import { allocateDocNumber } from './letter-number.ts';
import { applicationSettings, approversInWords } from './settings.queries.ts';
import { type CaseSnapshot, type ExtensionRequest, refusalOf } from './transitions.ts';

// config.publicUrl: the tracking page's address in the applicant's notices.
type Deps = { db: DbOrTrx; clock: Clock; config?: Pick<Config, 'publicUrl'> | undefined };

const r = t.applications.rules;
const _f = t.applications.form;

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
  const permission = permissionFor(action);
  if (permission === 'decide_period') {
    // 第三十三条: the head of the disclosure office, as the agency designates it (settings), decides the period.
    const { extensionApprovers } = await applicationSettings(deps.db, agency.id);
    if (!isOfficeHead(actor, agency.id, extensionApprovers)) {
      throw forbidden(t.applications.clock.rules.officeHeadOnly(await approversInWords(deps.db, extensionApprovers)));
    }
  } else if (!can(actor, permission, agency.id)) throw forbidden(permission === 'approve' ? r.leaderOnly : r.handlerOnly);
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
    // Placeholders, a missing legal basis and missing files stop the answer on its way to the leader and at the sign-off.
    const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : null);
    if (action === 'save_answer' && input.submit === true) {
      const files = await answerAttachmentsProblem(trx, id, str('outcome'));
      assertAnswerComplete({ outcome: str('outcome'), legalBasis: str('legalBasis'), letter: str('letter'), agencyName: agency.name }, false, files);
    }
    if (action === 'sign_answer') {
      const files = await answerAttachmentsProblem(trx, id, row.outcome);
      assertAnswerComplete(
        { outcome: row.outcome, legalBasis: row.legalBasis, letter: str('letter') ?? row.answerLetter, agencyName: agency.name },
        true,
        files,
      );
    }

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
    for (const e of change.events)
      if (e.type === 'consultation_started') e.data.replyBy = clock?.openPause?.kind === 'consultation' ? clock.openPause.dueOn : null;
    if (action === 'record_fee_notice_delivery') {
      // The 20 working days to pay run from the applicant's receipt of the notice.
      const payBy = clock?.openPause?.kind === 'fee' ? clock.openPause.dueOn : null;
      await trx.updateTable('applicationFees').set({ payBy }).where('applicationId', '=', id).where('status', '=', 'outstanding').execute();
      for (const e of change.events) e.data.payBy = payBy;
    }
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
            payBy: null,
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
