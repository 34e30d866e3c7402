/** 工作机制: the agency's 政务公开工作领导小组 and its rules, which the report's 监督保障 and 政府信息管理 speak of. */
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { createRecord, deleteRecord, type RecordDeps, type RecordKind, updateRecord } from '../records/crud.ts';
import { flag } from '../records/fields.ts';
import type { Actor } from '../shared/actor.ts';
import { canKeepMechanisms } from './mechanisms.policy.ts';
import { type MechanismInput, mechanismSchema } from './mechanisms.schema.ts';

export type Mechanism = Omit<Database['workMechanisms'], 'id'> & { id: number };

/** A record as its edit form shows it; what a field absent from a submission keeps. */
export function mechanismForm(x: Mechanism): Record<string, string> {
  return { kind: x.kind, name: x.name, adoptedOn: x.adoptedOn, adjusted: x.adjusted === 1 ? 'on' : '', reason: x.reason ?? '', detail: x.detail ?? '' };
}

const mechanisms: RecordKind<'workMechanisms', typeof mechanismSchema> = {
  table: 'workMechanisms',
  entityType: 'mechanism',
  action: 'mechanism',
  schema: mechanismSchema,
  mayKeep: canKeepMechanisms,
  toRow: (d: MechanismInput) => ({
    kind: d.kind,
    name: d.name,
    adoptedOn: d.adoptedOn,
    adjusted: flag(d.adjusted),
    reason: d.reason ?? null,
    detail: d.detail ?? null,
  }),
  toForm: mechanismForm,
};

/** Records a leading group's setting-up or adjustment, or a rule; audited. */
export function createMechanism(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<Mechanism> {
  return createRecord(mechanisms, deps, actor, agencyId, input);
}

/** Updates one of the agency's 工作机制 records; audited. */
export function updateMechanism(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<Mechanism> {
  return updateRecord(mechanisms, deps, actor, agencyId, id, input);
}

/** Removes one of the agency's 工作机制 records; audited. */
export function deleteMechanism(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  return deleteRecord(mechanisms, deps, actor, agencyId, id);
}

/** The records dated in a year, by date (the console's list). */
export function listMechanisms(db: DbOrTrx, agencyId: number, year: number): Promise<Mechanism[]> {
  return db
    .selectFrom('workMechanisms')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('adoptedOn', '>=', `${year}-01-01`)
    .where('adoptedOn', '<=', `${year}-12-31`)
    .orderBy('adoptedOn')
    .orderBy('id')
    .execute();
}

/** What stands at the end of a year: the leading group as last set up or adjusted, and every rule adopted by then. */
export async function mechanismsInForce(db: DbOrTrx, agencyId: number, year: number): Promise<{ leadingGroup: Mechanism | null; rules: Mechanism[] }> {
  const rows = await db
    .selectFrom('workMechanisms')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('adoptedOn', '<=', `${year}-12-31`)
    .orderBy('adoptedOn')
    .orderBy('id')
    .execute();
  const groups = rows.filter((r) => r.kind === 'leading_group');
  // A revised rule replaces the earlier record of the same name.
  const rules = [...new Map(rows.filter((r) => r.kind === 'rule').map((r) => [r.name, r])).values()];
  return { leadingGroup: groups.at(-1) ?? null, rules };
}
