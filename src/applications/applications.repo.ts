/**
 * Reading applications and their event log, and deriving the stored due fields from the log.
 * The event log is the source of truth; `derivedColumns` is the one place the stored copy is computed.
 */
import { type Selectable, type SqlBool, sql, type Transaction } from 'kysely';
import type { DueDateRecomputer, MovedDueDate } from '../calendar/calendar.service.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { DbOrTrx } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';
import type { ApplicationEventsTable, ApplicationStatus, ApplicationsTable } from './applications.tables.ts';
import { type CaseClock, type CaseClockEvent, CLOCK_EVENT_TYPES, type ClockEventType, type ConsultationParty, deriveClock } from './deadlines.ts';

export type ApplicationRow = Selectable<ApplicationsTable>;
export type EventRow = Selectable<ApplicationEventsTable>;

const CLOCK_TYPES: ReadonlySet<string> = new Set(CLOCK_EVENT_TYPES);

/** Open cases, written literally so the partial index `applications_open` applies (a bound 1 would not match it). */
export const isOpenCase = sql<SqlBool>`applications.is_open = 1`;
/** Online applications awaiting confirmation, literally for the partial index `applications_pending`. */
export const isPendingCase = sql<SqlBool>`applications.status = 'pending'`;
/** Answers waiting for a leader's sign-off (partial index `applications_signoff`). */
export const isAwaitingSignoff = sql<SqlBool>`applications.answer_state = 'pending_signoff'`;
/** Extension requests waiting for a leader (partial index `applications_extension`). */
export const hasExtensionRequest = sql<SqlBool>`applications.extension_request_json is not null`;

/** True for the event types of the interchange format (the ones that move the clock, and `closed`). */
export const isClockEventType = (type: string): type is ClockEventType => CLOCK_TYPES.has(type);

/** The stored data of an event (JSON text) as an object. */
export function eventData(row: Pick<EventRow, 'dataJson'>): Record<string, unknown> {
  if (!row.dataJson) return {};
  const parsed: unknown = JSON.parse(row.dataJson);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

/** A stored clock event as the rules read it. */
export function toClockEvent(type: ClockEventType, on: string, data: Record<string, unknown>): CaseClockEvent {
  switch (type) {
    case 'correction_requested':
      return { type, on, replyBy: str(data.replyBy), lateReason: str(data.lateReason) };
    case 'consultation_started':
      return { type, on, party: (data.party === 'agency' ? 'agency' : 'third_party') as ConsultationParty, receivedOn: str(data.receivedOn) };
    case 'fee_notice':
      return { type, on, amount: num(data.amount) };
    case 'longer_period':
      return { type, on, days: num(data.days), dueOn: str(data.dueOn) ?? on, reason: str(data.reason) ?? '' };
    case 'extended':
      return { type, on, days: num(data.days ?? 20) };
    case 'closed':
      return { type, on, outcome: data.outcome as OutcomeCode };
    default:
      return { type, on };
  }
}

/** The clock events of a case's log, in log order. */
export function clockEventsOf(rows: readonly Pick<EventRow, 'type' | 'eventOn' | 'dataJson'>[]): CaseClockEvent[] {
  const out: CaseClockEvent[] = [];
  for (const r of rows) if (isClockEventType(r.type)) out.push(toClockEvent(r.type, r.eventOn, eventData(r)));
  return out;
}

/** The stored fields that follow from the log. */
export type DerivedColumns = Pick<
  ApplicationRow,
  'status' | 'isOpen' | 'dueOn' | 'provisional' | 'nextDueOn' | 'correctionDueOn' | 'extendedDays' | 'closedOn'
>;

/** Derives the stored due fields of a case; a pending or discarded application has none. */
export function derivedColumns(
  calendar: WorkCalendar,
  row: Pick<ApplicationRow, 'status' | 'receivedOn'>,
  events: readonly CaseClockEvent[],
): { columns: DerivedColumns; clock: CaseClock | null } {
  if (row.receivedOn === null || row.status === 'pending' || row.status === 'discarded') {
    return {
      columns: { status: row.status, isOpen: 0, dueOn: null, provisional: 0, nextDueOn: null, correctionDueOn: null, extendedDays: 0, closedOn: null },
      clock: null,
    };
  }
  const clock = deriveClock(calendar, row.receivedOn, events);
  const status: ApplicationStatus = clock.status;
  return {
    columns: {
      status,
      isOpen: status === 'closed' ? 0 : 1,
      dueOn: clock.dueOn,
      provisional: clock.provisional ? 1 : 0,
      nextDueOn: clock.nextDueOn,
      correctionDueOn: clock.correctionDueOn,
      extendedDays: clock.extendedDays,
      closedOn: clock.closedOn,
    },
    clock,
  };
}

/** One application of an agency, or undefined (another agency's case reads as absent). */
export function findApplication(db: DbOrTrx, agencyId: number, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('agencyId', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

/**
 * One application of an agency, its row held until the transaction ends: another action on the case, from any
 * server, waits here and then reads what this one wrote. PostgreSQL locks the row (FOR UPDATE); SQLite's IMMEDIATE
 * transaction already holds the database's write lock.
 */
export function lockApplication(trx: Transaction<Database>, agencyId: number, id: number): Promise<ApplicationRow | undefined> {
  const query = trx.selectFrom('applications').selectAll().where('agencyId', '=', agencyId).where('id', '=', id);
  return (dialectOf(trx) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/** A case's event log in the order it was written. */
export function listEvents(db: DbOrTrx, applicationId: number): Promise<EventRow[]> {
  return db.selectFrom('applicationEvents').selectAll().where('applicationId', '=', applicationId).orderBy('id').execute();
}

/** The clock events of many cases at once, keyed by application id (bulk recomputation, export). */
export async function clockEventsByCase(db: DbOrTrx, ids: readonly number[]): Promise<Map<number, CaseClockEvent[]>> {
  const map = new Map<number, CaseClockEvent[]>();
  for (const id of ids) map.set(id, []);
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('applicationEvents')
    .select(['applicationId', 'type', 'eventOn', 'dataJson'])
    .where('applicationId', 'in', [...ids])
    .where('type', 'in', [...CLOCK_EVENT_TYPES])
    .orderBy('applicationId')
    .orderBy('id')
    .execute();
  for (const r of rows) map.get(r.applicationId)?.push(toClockEvent(r.type as ClockEventType, r.eventOn, eventData(r)));
  return map;
}

const RECOMPUTE_BATCH = 500;

/**
 * Recomputes every open case's stored due fields with a new calendar, inside the calendar change's transaction,
 * and lists the cases whose due date moved (registered in composition.ts).
 */
export const recomputeApplicationDueDates: DueDateRecomputer = async (trx: Transaction<Database>, calendar: WorkCalendar) => {
  const moved: MovedDueDate[] = [];
  let lastId = 0;
  for (;;) {
    const rows = await trx
      .selectFrom('applications')
      .innerJoin('agencies', 'agencies.id', 'applications.agencyId')
      .select([
        'applications.id',
        'applications.ref',
        'applications.status',
        'applications.receivedOn',
        'applications.dueOn',
        'applications.nextDueOn',
        'applications.provisional',
        'agencies.code as agencyCode',
      ])
      .where(isOpenCase)
      .where('applications.id', '>', lastId)
      .orderBy('applications.id')
      .limit(RECOMPUTE_BATCH)
      .execute();
    if (rows.length === 0) break;
    const events = await clockEventsByCase(
      trx,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      const { columns } = derivedColumns(calendar, r, events.get(r.id) ?? []);
      if (columns.dueOn !== r.dueOn || columns.nextDueOn !== r.nextDueOn || columns.provisional !== r.provisional) {
        await trx.updateTable('applications').set(columns).where('id', '=', r.id).execute();
        if (columns.dueOn !== r.dueOn) {
          moved.push({
            agencyCode: r.agencyCode,
            kind: 'application',
            ref: r.ref,
            oldDueOn: r.dueOn,
            newDueOn: columns.dueOn,
            href: `/admin/${r.agencyCode}/applications/${r.id}`,
          });
        }
      }
    }
    lastId = rows[rows.length - 1]?.id ?? lastId;
  }
  return moved;
};

/** The application of an agency with this reference, or undefined. */
export function findApplicationByRef(db: DbOrTrx, agencyId: number, ref: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('agencyId', '=', agencyId).where('ref', '=', ref).executeTakeFirst();
}
