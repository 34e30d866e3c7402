import type { Kysely } from 'kysely';
import { agencyRef, withId } from '../migration-helpers.ts';

// What the annual report tells beyond the tables (issue 15): the agency's 工作机制 (its leading group and the rules it
// works by, e.g. a 保密审核制度) and its 工作创新, each a record the narrative is drafted from.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('work_mechanisms'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('adjusted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_mechanisms_agency_date').on('work_mechanisms').columns(['agency_id', 'adopted_on']).execute();
  await withId(db, db.schema.createTable('work_innovations'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('noted_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_innovations_agency_date').on('work_innovations').columns(['agency_id', 'noted_on']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_innovations').execute();
  await db.schema.dropTable('work_mechanisms').execute();
}
