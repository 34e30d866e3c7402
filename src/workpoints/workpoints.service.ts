import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { type WorkTaskInput, workPlanSchema, workTaskSchema } from '../reports/records.schema.ts';
import { type RecordDeps, requireRecordKeeper } from '../reports/records.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';

export type WorkTask = Omit<Database['workTasks'], 'id'> & { id: number };

const toRow = (d: WorkTaskInput) => ({ year: d.year, task: d.task, owner: d.owner, status: d.status, note: d.note ?? null });

/** Sets the title of the year's 政务公开工作要点 (without 《》); audited. */
export async function saveWorkPlanTitle(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<void> {
  requireRecordKeeper(actor, agencyId);
  const { year } = parseInput(workPlanSchema.pick({ year: true }), input);
  await inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('workPlans').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
    const d = parseInput(workPlanSchema, keepAbsent({ title: before?.title ?? '' }, input));
    const title = d.title.replace(/^《|》$/g, '');
    const now = deps.clock.now().toISOString();
    if (before) await trx.updateTable('workPlans').set({ title, updatedAt: now }).where('agencyId', '=', agencyId).where('year', '=', d.year).execute();
    else await trx.insertInto('workPlans').values({ agencyId, year: d.year, title, updatedAt: now }).execute();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'workplan.save', entityType: 'work_plan', entityId: d.year, before, after: { title } });
  });
}

/** The title of the year's 工作要点, or null. */
export async function getWorkPlanTitle(db: DbOrTrx, agencyId: number, year: number): Promise<string | null> {
  const row = await db.selectFrom('workPlans').select('title').where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  return row?.title ?? null;
}

/** Adds a task to the year's checklist; audited. */
export async function createWorkTask(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<WorkTask> {
  requireRecordKeeper(actor, agencyId);
  const d = parseInput(workTaskSchema, input);
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now().toISOString();
    const row = await trx
      .insertInto('workTasks')
      .values({ agencyId, ...toRow(d), createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'worktask.create', entityType: 'work_task', entityId: row.id, after: row });
    return row;
  });
}

/** A task as its edit form shows it; what a field absent from a submission keeps. */
export function workTaskForm(x: WorkTask): Record<string, string> {
  return { year: String(x.year), task: x.task, owner: x.owner, status: x.status, note: x.note ?? '' };
}

/** Updates a task (its status as the year goes on); audited. */
export async function updateWorkTask(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<WorkTask> {
  requireRecordKeeper(actor, agencyId);
  return inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('workTasks').selectAll().where('id', '=', id).where('agencyId', '=', agencyId).executeTakeFirst();
    if (!before) throw notFound();
    const d = parseInput(workTaskSchema, keepAbsent(workTaskForm(before), input));
    const after = await trx
      .updateTable('workTasks')
      .set({ ...toRow(d), updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'worktask.update', entityType: 'work_task', entityId: id, before, after });
    return after;
  });
}

/** Removes a task; audited. */
export async function deleteWorkTask(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  requireRecordKeeper(actor, agencyId);
  await inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('workTasks').selectAll().where('id', '=', id).where('agencyId', '=', agencyId).executeTakeFirst();
    if (!before) throw notFound();
    await trx.deleteFrom('workTasks').where('id', '=', id).execute();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'worktask.delete', entityType: 'work_task', entityId: id, before });
  });
}

/** The year's tasks in the order they were entered. */
export function listWorkTasks(db: DbOrTrx, agencyId: number, year: number): Promise<WorkTask[]> {
  return db.selectFrom('workTasks').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).orderBy('id').execute();
}
