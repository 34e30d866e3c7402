/**
 * The receipt date of e-mail applications under the agency's setting (第三十一条(三)): registration keeps both the day
 * the mail arrived and the day both sides confirmed; the setting picks one. Changing the setting moves the receipt date
 * (and so every due date) of the agency's open e-mail cases, in the setting's transaction, each move logged on the case.
 */
import type { Transaction } from 'kysely';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { Database } from '../db/schema.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import { clockEventsByCase, derivedColumns, eventData, isOpenCase } from './applications.repo.ts';
import type { EmailReceiptRule } from './settings.schema.ts';

/** What registration records of an e-mail application: the day the mail arrived and the day both sides confirmed. */
export type EmailReceiptDates = { arrivedOn: string | null; confirmedOn: string | null };

/** The receipt date of an e-mail application under `rule`, or null when the date that rule needs was not recorded. */
export function emailReceivedOn(rule: EmailReceiptRule, d: EmailReceiptDates): string | null {
  return rule === 'arrival' ? d.arrivedOn : d.confirmedOn;
}

/** A case whose receipt date moved with the setting. */
export type MovedReceipt = { id: number; ref: string; oldReceivedOn: string; newReceivedOn: string; oldDueOn: string | null; newDueOn: string | null };

/**
 * Applies `rule` to the agency's open e-mail cases: a case whose rule date was recorded and differs gets it as its
 * receipt date and its due fields recomputed; one whose events predate the new date keeps its date (never rewritten
 * into an impossible history). Returns the cases moved.
 */
export async function applyEmailReceiptRule(
  trx: Transaction<Database>,
  calendar: WorkCalendar,
  ctx: { agencyId: number; rule: EmailReceiptRule; actor: Actor; now: string; today: string },
): Promise<MovedReceipt[]> {
  const rows = await trx
    .selectFrom('applications')
    .select(['id', 'ref', 'status', 'receivedOn', 'dueOn', 'version'])
    .where('agencyId', '=', ctx.agencyId)
    .where('channel', '=', 'email')
    .where(isOpenCase)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const registered = await trx
    .selectFrom('applicationEvents')
    .select(['applicationId', 'dataJson'])
    .where('applicationId', 'in', ids)
    .where('type', '=', 'registered')
    .execute();
  const datesOf = new Map(registered.map((e) => [e.applicationId, eventData(e)]));
  const events = await clockEventsByCase(trx, ids);
  const moved: MovedReceipt[] = [];
  for (const r of rows) {
    const d = datesOf.get(r.id) ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const next = emailReceivedOn(ctx.rule, { arrivedOn: str(d.arrivedOn), confirmedOn: str(d.confirmedOn) });
    const log = events.get(r.id) ?? [];
    if (next === null || r.receivedOn === null || next === r.receivedOn || log.some((e) => e.on < next)) continue;
    const { columns } = derivedColumns(calendar, { status: r.status, receivedOn: next }, log);
    await trx
      .updateTable('applications')
      .set({ ...columns, receivedOn: next, version: r.version + 1, updatedAt: ctx.now })
      .where('id', '=', r.id)
      .execute();
    await trx
      .insertInto('applicationEvents')
      .values({
        applicationId: r.id,
        agencyId: ctx.agencyId,
        type: 'receipt_date_changed',
        eventOn: ctx.today,
        dataJson: JSON.stringify({ from: r.receivedOn, to: next, rule: ctx.rule }),
        actorId: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        actorName: actorName(ctx.actor),
        createdAt: ctx.now,
      })
      .execute();
    moved.push({ id: r.id, ref: r.ref, oldReceivedOn: r.receivedOn, newReceivedOn: next, oldDueOn: r.dueOn, newDueOn: columns.dueOn });
  }
  return moved;
}
