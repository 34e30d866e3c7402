/**
 * The rectification list (问题整改清单): problems found by inspections, evaluations and self-checks, and their
 * rectification. The annual report's section 五 reads it; the oversight module creates and closes items through
 * this API (createRectificationItem, closeRectificationItem, listOpenItems).
 */
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { dateField, type RectificationInput, rectificationSchema } from '../reports/records.schema.ts';
import { type RecordDeps, requireRecordKeeper } from '../reports/records.ts';
import type { Actor } from '../shared/actor.ts';
import { invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput } from '../shared/validation.ts';

export type RectificationItem = Omit<Database['rectificationItems'], 'id'> & { id: number };

const toRow = (d: RectificationInput) => ({
  problem: d.problem,
  source: d.source,
  sourceDetail: d.sourceDetail ?? null,
  foundOn: d.foundOn,
  measure: d.measure,
  owner: d.owner,
  dueOn: d.dueOn,
  closedOn: d.closedOn ?? null,
});

/** Adds a problem to the agency's list; audited. */
export async function createRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<RectificationItem> {
  requireRecordKeeper(actor, agencyId);
  const d = parseInput(rectificationSchema, input);
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now().toISOString();
    const row = await trx
      .insertInto('rectificationItems')
      .values({ agencyId, ...toRow(d), createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'rectification.create', entityType: 'rectification_item', entityId: row.id, after: row });
    return row;
  });
}

/** Rewrites an item (all fields); audited. */
export async function updateRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<RectificationItem> {
  requireRecordKeeper(actor, agencyId);
  const d = parseInput(rectificationSchema, input);
  return inTransaction(deps.db, async (trx) => {
    const before = await getItem(trx, agencyId, id);
    const after = await trx
      .updateTable('rectificationItems')
      .set({ ...toRow(d), updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'rectification.update', entityType: 'rectification_item', entityId: id, before, after });
    return after;
  });
}

/** Closes (销号) an open item on a date not before it was found; INVALID_STATE when already closed; audited. */
export async function closeRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, id: number, closedOn: unknown): Promise<RectificationItem> {
  requireRecordKeeper(actor, agencyId);
  const on = parseInput(dateField(t.reports.records.rectification.closedOn), closedOn);
  return inTransaction(deps.db, async (trx) => {
    const before = await getItem(trx, agencyId, id);
    if (before.closedOn) throw invalidState(t.reports.records.rectification.alreadyClosed);
    if (on < before.foundOn) throw invalidState(t.reports.records.rectification.closedBeforeFound);
    const after = await trx
      .updateTable('rectificationItems')
      .set({ closedOn: on, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'rectification.close', entityType: 'rectification_item', entityId: id, before, after });
    return after;
  });
}

/** Removes an item entered by mistake; audited. */
export async function deleteRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  requireRecordKeeper(actor, agencyId);
  await inTransaction(deps.db, async (trx) => {
    const before = await getItem(trx, agencyId, id);
    await trx.deleteFrom('rectificationItems').where('id', '=', id).execute();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'rectification.delete', entityType: 'rectification_item', entityId: id, before });
  });
}

async function getItem(db: DbOrTrx, agencyId: number, id: number): Promise<RectificationItem> {
  const row = await db.selectFrom('rectificationItems').selectAll().where('id', '=', id).where('agencyId', '=', agencyId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The agency's items still open, earliest due first. */
export function listOpenItems(db: DbOrTrx, agencyId: number): Promise<RectificationItem[]> {
  return db
    .selectFrom('rectificationItems')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('closedOn', 'is', null)
    .orderBy('dueOn')
    .orderBy('id')
    .execute();
}

/** The agency's items found in a year (or all when no year), open ones first, then by date found. */
export function listRectificationItems(db: DbOrTrx, agencyId: number, year?: number): Promise<RectificationItem[]> {
  let q = db.selectFrom('rectificationItems').selectAll().where('agencyId', '=', agencyId);
  if (year !== undefined) q = q.where('foundOn', '>=', `${year}-01-01`).where('foundOn', '<=', `${year}-12-31`);
  return q.orderBy('foundOn').orderBy('id').execute();
}

/** True when an open item's due date has passed. */
export const isOverdue = (item: Pick<RectificationItem, 'closedOn' | 'dueOn'>, today: string) => item.closedOn === null && item.dueOn < today;
