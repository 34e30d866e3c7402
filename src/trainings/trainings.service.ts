/** Trainings and meetings on disclosure work, which the annual report counts. */
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { createRecord, deleteRecord, type RecordDeps, type RecordKind, updateRecord } from '../records/crud.ts';
import type { Actor } from '../shared/actor.ts';
import { canKeepTrainings } from './trainings.policy.ts';
import { type TrainingInput, trainingSchema } from './trainings.schema.ts';

export type Training = Omit<Database['trainings'], 'id'> & { id: number };

/** A training as its edit form shows it; what a field absent from a submission keeps. */
export function trainingForm(x: Training): Record<string, string> {
  return { heldOn: x.heldOn, kind: x.kind, topic: x.topic, attendance: x.attendance > 0 ? String(x.attendance) : '', notes: x.notes ?? '' };
}

const trainings: RecordKind<'trainings', typeof trainingSchema> = {
  table: 'trainings',
  entityType: 'training',
  action: 'training',
  schema: trainingSchema,
  mayKeep: canKeepTrainings,
  toRow: (d: TrainingInput) => ({ heldOn: d.heldOn, kind: d.kind, topic: d.topic, attendance: d.attendance, notes: d.notes ?? null }),
  toForm: trainingForm,
};

/** Records a training or meeting on disclosure work; audited. */
export function createTraining(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<Training> {
  return createRecord(trainings, deps, actor, agencyId, input);
}

/** Updates one of the agency's trainings; audited. */
export function updateTraining(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<Training> {
  return updateRecord(trainings, deps, actor, agencyId, id, input);
}

/** Removes one of the agency's trainings; audited. */
export function deleteTraining(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  return deleteRecord(trainings, deps, actor, agencyId, id);
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
