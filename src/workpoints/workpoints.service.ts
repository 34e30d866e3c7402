/** The year's 政务公开工作要点: the plan's title and the checklist of its tasks, which the annual report reports on. */

import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { createRecord, deleteRecord, type RecordDeps, type RecordKind, updateRecord } from '../records/crud.ts';
import type { Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/errors.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { canKeepWorkPoints } from './workpoints.policy.ts';
import { type WorkTaskInput, workPlanSchema, workTaskSchema } from './workpoints.schema.ts';

export type WorkTask = Omit<Database['workTasks'], 'id'> & { id: number };

/** Sets the title of the year's 政务公开工作要点 (without 《》); audited. */
export async function saveWorkPlanTitle(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<void> {
  if (!canKeepWorkPoints(actor, agencyId)) throw forbidden();
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

/** A task as its edit form shows it; what a field absent from a submission keeps. */
export function workTaskForm(x: WorkTask): Record<string, string> {
  return { year: String(x.year), task: x.task, owner: x.owner, status: x.status, note: x.note ?? '' };
}

const workTasks: RecordKind<'workTasks', typeof workTaskSchema> = {
  table: 'workTasks',
  entityType: 'work_task',
  action: 'worktask',
  schema: workTaskSchema,
  mayKeep: canKeepWorkPoints,
  toRow: (d: WorkTaskInput) => ({ year: d.year, task: d.task, owner: d.owner, status: d.status, note: d.note ?? null }),
  toForm: workTaskForm,
};

/** Adds a task to the year's checklist; audited. */
export function createWorkTask(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<WorkTask> {
  return createRecord(workTasks, deps, actor, agencyId, input);
}

/** Updates a task (its status as the year goes on); audited. */
export function updateWorkTask(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<WorkTask> {
  return updateRecord(workTasks, deps, actor, agencyId, id, input);
}

/** Removes a task; audited. */
export function deleteWorkTask(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  return deleteRecord(workTasks, deps, actor, agencyId, id);
}

/** The year's tasks in the order they were entered. */
export function listWorkTasks(db: DbOrTrx, agencyId: number, year: number): Promise<WorkTask[]> {
  return db.selectFrom('workTasks').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).orderBy('id').execute();
}
