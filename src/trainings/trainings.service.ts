import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { type TrainingInput, trainingSchema } from '../reports/records.schema.ts';
import { type RecordDeps, requireRecordKeeper } from '../reports/records.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';

export type Training = Omit<Database['trainings'], 'id'> & { id: number };

const toRow = (d: TrainingInput) => ({ heldOn: d.heldOn, kind: d.kind, topic: d.topic, attendance: d.attendance, notes: d.notes ?? null });

/** Records a training or meeting on disclosure work; audited. */
export async function createTraining(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<Training> {
  requireRecordKeeper(actor, agencyId);
  const d = parseInput(trainingSchema, input);
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now().toISOString();
    const row = await trx
      .insertInto('trainings')
      .values({ agencyId, ...toRow(d), createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'training.create', entityType: 'training', entityId: row.id, after: row });
    return row;
  });
}

/** A training as its edit form shows it; what a field absent from a submission keeps. */
export function trainingForm(x: Training): Record<string, string> {
  return { heldOn: x.heldOn, kind: x.kind, topic: x.topic, attendance: String(x.attendance), notes: x.notes ?? '' };
}

/** Updates one of the agency's trainings; audited. */
export async function updateTraining(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<Training> {
  requireRecordKeeper(actor, agencyId);
  return inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('trainings').selectAll().where('id', '=', id).where('agencyId', '=', agencyId).executeTakeFirst();
    if (!before) throw notFound();
    const d = parseInput(trainingSchema, keepAbsent(trainingForm(before), input));
    const after = await trx
      .updateTable('trainings')
      .set({ ...toRow(d), updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'training.update', entityType: 'training', entityId: id, before, after });
    return after;
  });
}

/** Removes one of the agency's trainings; audited. */
export async function deleteTraining(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  requireRecordKeeper(actor, agencyId);
  await inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('trainings').selectAll().where('id', '=', id).where('agencyId', '=', agencyId).executeTakeFirst();
    if (!before) throw notFound();
    await trx.deleteFrom('trainings').where('id', '=', id).execute();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'training.delete', entityType: 'training', entityId: id, before });
  });
}

/** The agency's trainings and meetings held in a year, by date. */
export function listTrainings(db: DbOrTrx, agencyId: number, year: number): Promise<Training[]> {
  return db
    .selectFrom('trainings')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('heldOn', '>=', `${year}-01-01`)
    .where('heldOn', '<=', `${year}-12-31`)
    .orderBy('heldOn')
    .orderBy('id')
    .execute();
}
