import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import type { AuditEntry, Database } from '../db/schema.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { sha256Hex } from '../shared/ids.ts';

export const GENESIS_HASH = '0'.repeat(64);
// Any constant: PostgreSQL serialises appends to the chain on this advisory lock key.
const AUDIT_LOCK_KEY = 7_345_001;

export type AuditInput = {
  actor: Actor;
  agencyId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

type Hashed = Pick<AuditEntry, 'at' | 'actorId' | 'actorName' | 'agencyId' | 'action' | 'entityType' | 'entityId' | 'beforeJson' | 'afterJson' | 'prevHash'>;

/** The hash of an entry: over every stored field and the previous hash, so altering or removing a row shows. */
export function hashEntry(e: Hashed): string {
  return sha256Hex(JSON.stringify([e.prevHash, e.at, e.actorId, e.actorName, e.agencyId, e.action, e.entityType, e.entityId, e.beforeJson, e.afterJson]));
}

const toJson = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Appends an entry to the hash chain inside the caller's transaction, so the change and its record commit together.
 * Values should be the domain record before and after the change, without secrets (no password hashes).
 */
export async function recordAudit(trx: Transaction<Database>, clock: Clock, input: AuditInput): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('auditLog').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const entry: Hashed = {
    at: clock.now().toISOString(),
    actorId: input.actor.kind === 'user' ? input.actor.id : null,
    actorName: actorName(input.actor),
    agencyId: input.agencyId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    beforeJson: toJson(input.before),
    afterJson: toJson(input.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('auditLog')
    .values({ ...entry, hash: hashEntry(entry) })
    .execute();
}

export type ChainReport = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; reason: string };

/** Walks the whole chain in order and reports the first entry whose link or content does not verify. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('id', '>', lastId).orderBy('id').limit(batchSize).execute();
    for (const row of rows) {
      if (row.prevHash !== prev) {
        return { ok: false, count, brokenAt: row.id, reason: '前一条记录的哈希不匹配（记录被删除、插入或改动）' };
      }
      if (hashEntry(row) !== row.hash) {
        return { ok: false, count, brokenAt: row.id, reason: '记录内容与其哈希不符（记录被改动）' };
      }
      prev = row.hash;
      lastId = row.id;
      count++;
    }
    if (rows.length < batchSize) return { ok: true, count };
  }
}

/** The newest entries of one agency (or of the platform when agencyId is null and the caller is a superadmin). */
export async function listAudit(db: Db, agencyId: number | null, limit = 100): Promise<AuditEntry[]> {
  let q = db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(limit);
  if (agencyId !== null) q = q.where('agencyId', '=', agencyId);
  return q.execute();
}

/** How many entries the agency's log holds (the console home's figure). */
export async function countAudit(db: Db, agencyId: number): Promise<number> {
  const row = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', agencyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
