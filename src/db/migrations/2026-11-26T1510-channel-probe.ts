import type { Kysely } from 'kysely';
import { agencyRef, withId } from '../migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  // A test application submitted by the channel probe: kept out of the queue and exports, and deleted on withdrawal.
  await db.schema
    .alterTable('applications')
    .addColumn('is_probe', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await withId(db, db.schema.createTable('channel_probes'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('failed_step', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_probes_agency').on('channel_probes').columns(['agency_id', 'ran_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_probes').execute();
  await db.schema.alterTable('applications').dropColumn('is_probe').execute();
}
