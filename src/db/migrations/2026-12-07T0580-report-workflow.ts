import type { Kysely } from 'kysely';
import { agencyRef, withId } from '../migration-helpers.ts';

// The report's workflow as the roles live it (issue 15): a report has versions (a correction of a published report is
// version 2, …); each step (submit, return with its reason, a confirmed risk, a correction) is an event of its
// history; a version superseded by a correction stays readable as it was published.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('annual_reports')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('annual_reports').addColumn('correction_note', 'text').execute();
  await withId(db, db.schema.createTable('annual_report_events'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('risks_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_report_events_report').on('annual_report_events').columns(['agency_id', 'year', 'id']).execute();
  await withId(db, db.schema.createTable('annual_report_versions'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('sections_json', 'text', (c) => c.notNull())
    .addColumn('tables_json', 'text', (c) => c.notNull())
    .addColumn('checks_json', 'text', (c) => c.notNull())
    .addColumn('comparison_json', 'text')
    .addColumn('correction_note', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_report_versions_agency_year_version', ['agency_id', 'year', 'version'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annual_report_versions').execute();
  await db.schema.dropTable('annual_report_events').execute();
  await db.schema.alterTable('annual_reports').dropColumn('correction_note').execute();
  await db.schema.alterTable('annual_reports').dropColumn('version').execute();
}
