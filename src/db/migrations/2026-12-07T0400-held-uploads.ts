import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { agencyRef, withId } from '../migration-helpers.ts';

// Files of a public application that was refused (issue 13): held for half an hour against a token the re-rendered
// form carries (stored as its SHA-256), bound to the agency, so a resubmission uses them. Expired rows are pruned.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const blob = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
  await withId(db, db.schema.createTable('held_uploads'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('held_uploads_token').on('held_uploads').columns(['token_hash', 'agency_id']).execute();
  await db.schema.createIndex('held_uploads_client').on('held_uploads').columns(['client_key', 'expires_at']).execute();
  await db.schema.createIndex('held_uploads_expires').on('held_uploads').columns(['expires_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('held_uploads').execute();
}
