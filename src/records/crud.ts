/**
 * Create, update and delete of a simple agency-owned record, done the same way for every record module: the module's
 * policy, zod validation (an update lays the submission over the record's form, so a field absent from it keeps its
 * value), the agency's own rows only (another agency's read as not found), and each write with its audit entry in one
 * transaction. A module's service describes its record once (a RecordKind) and keeps only its specifics.
 */
import type { Generated, Insertable, Transaction, Updateable } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';

export type RecordDeps = { db: DbOrTrx; clock: Clock };

type Owned = { id: unknown; agencyId: number; createdAt: string; updatedAt: string };

/** The tables this helper can keep: rows with an id, the owning agency, and when they were created and last changed. */
export type RecordTable = { [K in keyof Database]: Database[K] extends Owned ? K : never }[keyof Database];

/** A stored row, its id a number. */
export type RecordRow<T extends RecordTable> = Omit<Database[T], 'id'> & { id: number };

/** The columns a form writes (the helper sets the id, the agency and the instants). */
export type RecordColumns<T extends RecordTable> = Partial<Omit<Insertable<Database[T]>, 'id' | 'agencyId' | 'createdAt' | 'updatedAt'>>;

/** One kind of record as its module describes it. */
export type RecordKind<T extends RecordTable, S extends z.ZodType> = {
  table: T;
  /** The audit entries' entity type and action prefix (`${action}.create`, `.update`, `.delete`), as the chain has them. */
  entityType: string;
  action: string;
  schema: S;
  /** The module's policy: who may write these records (anyone else gets FORBIDDEN). */
  mayKeep(actor: Actor, agencyId: number): boolean;
  /** The columns a validated form writes. */
  toRow(data: z.output<S>): RecordColumns<T>;
  /** A row as its edit form shows it: what a field absent from an update keeps. */
  toForm(row: RecordRow<T>): Record<string, string>;
  /** Rules that need the database (a duplicate, a reopening), checked in the write's transaction; `before` on update. */
  check?(trx: Transaction<Database>, agencyId: number, data: z.output<S>, before?: RecordRow<T>): Promise<void>;
};

// Kysely cannot type a query over a table chosen by a type parameter: these queries see every record table as its
// Owned columns; the module's own columns are typed by RecordKind above.
type LooseRow = { id: Generated<number>; agencyId: number; createdAt: string; updatedAt: string };
type Loose = Transaction<Record<string, LooseRow>>;
const loose = (db: DbOrTrx) => db as unknown as Loose;

function requireKeeper(kind: { mayKeep(actor: Actor, agencyId: number): boolean }, actor: Actor, agencyId: number): void {
  if (!kind.mayKeep(actor, agencyId)) throw forbidden();
}

/** One of the agency's records; NOT_FOUND when it does not exist or belongs to another agency. */
export async function findRecord<T extends RecordTable>(kind: { table: T }, db: DbOrTrx, agencyId: number, id: number): Promise<RecordRow<T>> {
  const row = await loose(db)
    .selectFrom(kind.table as string)
    .selectAll()
    .where('id', '=', id)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row as unknown as RecordRow<T>;
}

/** Adds a record to the agency's (with `extra` columns the form does not carry); audited. */
export async function createRecord<T extends RecordTable, S extends z.ZodType>(
  kind: RecordKind<T, S>,
  deps: RecordDeps,
  actor: Actor,
  agencyId: number,
  input: unknown,
  extra?: RecordColumns<T>,
): Promise<RecordRow<T>> {
  requireKeeper(kind, actor, agencyId);
  const data = parseInput(kind.schema, input);
  return inTransaction(deps.db, async (trx) => {
    await kind.check?.(trx, agencyId, data);
    const now = deps.clock.now().toISOString();
    const row = await loose(trx)
      .insertInto(kind.table as string)
      .values({ agencyId, ...kind.toRow(data), ...extra, createdAt: now, updatedAt: now } as Insertable<LooseRow>)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: `${kind.action}.create`, entityType: kind.entityType, entityId: row.id, after: row });
    return row as unknown as RecordRow<T>;
  });
}

/** Updates one of the agency's records (a field absent from the input keeps its value); audited. */
export async function updateRecord<T extends RecordTable, S extends z.ZodType>(
  kind: RecordKind<T, S>,
  deps: RecordDeps,
  actor: Actor,
  agencyId: number,
  id: number,
  input: unknown,
): Promise<RecordRow<T>> {
  requireKeeper(kind, actor, agencyId);
  return inTransaction(deps.db, async (trx) => {
    const before = await findRecord(kind, trx, agencyId, id);
    const data = parseInput(kind.schema, keepAbsent(kind.toForm(before), input));
    await kind.check?.(trx, agencyId, data, before);
    const after = await loose(trx)
      .updateTable(kind.table as string)
      .set({ ...kind.toRow(data), updatedAt: deps.clock.now().toISOString() } as Updateable<LooseRow>)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: `${kind.action}.update`, entityType: kind.entityType, entityId: id, before, after });
    return after as unknown as RecordRow<T>;
  });
}

/** Removes one of the agency's records; audited. */
export async function deleteRecord<T extends RecordTable, S extends z.ZodType>(
  kind: RecordKind<T, S>,
  deps: RecordDeps,
  actor: Actor,
  agencyId: number,
  id: number,
): Promise<void> {
  requireKeeper(kind, actor, agencyId);
  await inTransaction(deps.db, async (trx) => {
    const before = await findRecord(kind, trx, agencyId, id);
    await loose(trx)
      .deleteFrom(kind.table as string)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: `${kind.action}.delete`, entityType: kind.entityType, entityId: id, before });
  });
}
