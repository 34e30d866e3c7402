/**
 * The rectification list (问题整改清单): problems found by inspections, evaluations and self-checks, and their
 * rectification. The annual report's section 五 reads it; the oversight module creates and closes items through
 * this API (createRectificationItem, closeRectificationItem, listOpenItems).
 */

import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { createRecord, deleteRecord, findRecord, type RecordDeps, type RecordKind, updateRecord } from '../records/crud.ts';
import type { Actor } from '../shared/actor.ts';
import { conflict, forbidden, invalidState } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput } from '../shared/validation.ts';
import { canKeepRectification } from './rectification.policy.ts';
import { closedOnField, type RectificationInput, rectificationSchema } from './rectification.schema.ts';

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

/** The self-check finding an item rectifies: it closes when a check of the same year no longer finds it. */
export type FindingLink = { findingKey: string; indicatorCode: string; checkYear: number };

/** Adds a problem to the agency's list (optionally linked to a self-check finding); audited. */
export function createRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown, link?: FindingLink): Promise<RectificationItem> {
  return createRecord(items, deps, actor, agencyId, input, link);
}

/** An item as its edit form shows it; what a field absent from a submission keeps. */
export function rectificationForm(x: RectificationItem): Record<string, string> {
  return {
    problem: x.problem,
    source: x.source,
    sourceDetail: x.sourceDetail ?? '',
    foundOn: x.foundOn,
    measure: x.measure,
    owner: x.owner,
    dueOn: x.dueOn,
    closedOn: x.closedOn ?? '',
  };
}

const items: RecordKind<'rectificationItems', typeof rectificationSchema> = {
  table: 'rectificationItems',
  entityType: 'rectification_item',
  action: 'rectification',
  schema: rectificationSchema,
  mayKeep: canKeepRectification,
  toRow,
  toForm: rectificationForm,
  check: async (trx, agencyId, d, before) => {
    // Reopening an item whose self-check finding already has a newer open item would list the problem twice.
    if (before?.closedOn && !d.closedOn && before.findingKey && before.checkYear !== null) {
      const open = await openFindingItems(trx, agencyId, before.checkYear);
      if (open.some((i) => i.findingKey === before.findingKey)) throw conflict(t.reports.records.rectification.reopenTwice);
    }
  },
};

/** Rewrites an item's fields (a field absent from the input keeps its value); audited. */
export function updateRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<RectificationItem> {
  return updateRecord(items, deps, actor, agencyId, id, input);
}

/** Closes (销号) an open item on a date not before it was found; INVALID_STATE when already closed; audited. */
export async function closeRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, id: number, closedOn: unknown): Promise<RectificationItem> {
  if (!canKeepRectification(actor, agencyId)) throw forbidden();
  const on = parseInput(closedOnField, closedOn);
  return inTransaction(deps.db, async (trx) => {
    const before = await findRecord(items, trx, agencyId, id);
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

/** The agency's open items linked to findings of a year's self-check. */
export function openFindingItems(db: DbOrTrx, agencyId: number, checkYear: number): Promise<RectificationItem[]> {
  return db
    .selectFrom('rectificationItems')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('checkYear', '=', checkYear)
    .where('findingKey', 'is not', null)
    .where('closedOn', 'is', null)
    .orderBy('id')
    .execute();
}

/** The record a finding key is about: the key without its last part (`application:12:overdue` → `application:12`). */
const recordOfKey = (key: string) => key.slice(0, Math.max(0, key.lastIndexOf(':')));

/**
 * Closes the open items of a year's self-check whose indicator ran (was judged) and no longer reports their key; runs
 * in the caller's transaction (the check's), one audit record per item. An item whose record the indicator still fails
 * for under another key (an overdue case answered late) closes as 'remains' (已整改，仍计扣分), never as fixed (销号).
 * Returns the items closed.
 */
export async function closeResolvedFindingItems(
  trx: Transaction<Database>,
  clock: RecordDeps['clock'],
  actor: Actor,
  agencyId: number,
  check: { year: number; runId: number; ranCodes: ReadonlySet<string>; openKeys: ReadonlySet<string>; failingRecords?: ReadonlySet<string> },
): Promise<RectificationItem[]> {
  // Never before the item was found (a clock behind the run's): ISO dates sort as strings.
  const on = clock.today();
  const closed: RectificationItem[] = [];
  for (const before of await openFindingItems(trx, agencyId, check.year)) {
    if (!before.indicatorCode || !check.ranCodes.has(before.indicatorCode) || check.openKeys.has(before.findingKey ?? '')) continue;
    const closure = check.failingRecords?.has(`${before.indicatorCode}|${recordOfKey(before.findingKey ?? '')}`) ? 'remains' : 'fixed';
    const after = await trx
      .updateTable('rectificationItems')
      .set({ closedOn: [on, before.foundOn].sort()[1] ?? on, closure, updatedAt: clock.now().toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, {
      actor,
      agencyId,
      action: 'rectification.close',
      entityType: 'rectification_item',
      entityId: before.id,
      before,
      after: { ...after, closedBy: 'compliance_run', runId: check.runId },
    });
    closed.push(after);
  }
  return closed;
}

/** Removes an item entered by mistake; audited. */
export function deleteRectificationItem(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  return deleteRecord(items, deps, actor, agencyId, id);
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
