import type { Kysely } from 'kysely';
import { agencyRef, withId } from '../migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  // The yearly figures kept in other systems (interchange kind "figures"); money in double precision keeps decimals.
  await withId(db, db.schema.createTable('yearly_figures'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('licensing_decisions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('penalty_decisions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('coercion_decisions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fees_wan', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('website_updates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('website_visits', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('new_media_posts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new_media_reads', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('processing_fee_notices', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processing_fee_collected', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('licensing_items', 'integer')
    .addColumn('other_service_items', 'integer')
    .addColumn('other_service_decisions', 'integer')
    .addColumn('penalty_items', 'integer')
    .addColumn('coercion_items', 'integer')
    .addColumn('fee_items', 'integer')
    .addColumn('procurement_items', 'integer')
    .addColumn('procurement_amount_wan', 'double precision')
    .addColumn('new_media_accounts', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('yearly_figures_agency_year', ['agency_id', 'year'])
    .execute();

  // NPC deputies' suggestions (npc) and CPPCC proposals (cppcc) the agency handled.
  await withId(db, db.schema.createTable('proposals'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('session', 'text', (c) => c.notNull())
    .addColumn('handled_on', 'text')
    .addColumn('on_time', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reply_published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('satisfaction', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('proposals_agency_number', ['agency_id', 'year', 'kind', 'number'])
    .execute();

  // Trainings and meetings on disclosure work.
  await withId(db, db.schema.createTable('trainings'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('attendance', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trainings_agency_date').on('trainings').columns(['agency_id', 'held_on']).execute();

  // The year's 政务公开工作要点: its title, and its tasks as a checklist.
  await db.schema
    .createTable('work_plans')
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_plans_pk', ['agency_id', 'year'])
    .execute();
  await withId(db, db.schema.createTable('work_tasks'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_tasks_agency_year').on('work_tasks').columns(['agency_id', 'year']).execute();

  // Problems found by inspections and evaluations, and their rectification (also read by the oversight module).
  await withId(db, db.schema.createTable('rectification_items'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_detail', 'text')
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_items_agency').on('rectification_items').columns(['agency_id', 'closed_on']).execute();

  // One annual report per agency-year: its narrative, workflow state, and (once published) its frozen tables.
  await withId(db, db.schema.createTable('annual_reports'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('sections_json', 'text', (c) => c.notNull())
    .addColumn('tables_json', 'text')
    .addColumn('checks_json', 'text')
    .addColumn('comparison_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addUniqueConstraint('annual_reports_agency_year', ['agency_id', 'year'])
    .execute();

  // Per-agency report settings: an earlier local deadline (MM-DD of the following year) and the table-4 note.
  await db.schema
    .createTable('report_settings')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('local_deadline', 'text')
    .addColumn('appeals_include_carried', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['report_settings', 'annual_reports', 'rectification_items', 'work_tasks', 'work_plans', 'trainings', 'proposals', 'yearly_figures']) {
    await db.schema.dropTable(table).execute();
  }
}
