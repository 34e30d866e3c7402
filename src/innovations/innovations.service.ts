/** 工作创新: the year's new ways of disclosure work, which the report tells under 六、其他需要报告的事项. */
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { createRecord, deleteRecord, type RecordDeps, type RecordKind, updateRecord } from '../records/crud.ts';
import type { Actor } from '../shared/actor.ts';
import { canKeepInnovations } from './innovations.policy.ts';
import { type InnovationInput, innovationSchema } from './innovations.schema.ts';

export type Innovation = Omit<Database['workInnovations'], 'id'> & { id: number };

/** A record as its edit form shows it; what a field absent from a submission keeps. */
export function innovationForm(x: Innovation): Record<string, string> {
  return { notedOn: x.notedOn, title: x.title, summary: x.summary };
}

const innovations: RecordKind<'workInnovations', typeof innovationSchema> = {
  table: 'workInnovations',
  entityType: 'innovation',
  action: 'innovation',
  schema: innovationSchema,
  mayKeep: canKeepInnovations,
  toRow: (d: InnovationInput) => ({ notedOn: d.notedOn, title: d.title, summary: d.summary }),
  toForm: innovationForm,
};

/** Records a 工作创新; audited. */
export function createInnovation(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<Innovation> {
  return createRecord(innovations, deps, actor, agencyId, input);
}

/** Updates one of the agency's 工作创新 records; audited. */
export function updateInnovation(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<Innovation> {
  return updateRecord(innovations, deps, actor, agencyId, id, input);
}

/** Removes one of the agency's 工作创新 records; audited. */
export function deleteInnovation(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  return deleteRecord(innovations, deps, actor, agencyId, id);
}

/** The agency's 工作创新 of a year, by date. */
export function listInnovations(db: DbOrTrx, agencyId: number, year: number): Promise<Innovation[]> {
  return db
    .selectFrom('workInnovations')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('notedOn', '>=', `${year}-01-01`)
    .where('notedOn', '<=', `${year}-12-31`)
    .orderBy('notedOn')
    .orderBy('id')
    .execute();
}
