import type { Kysely } from 'kysely';
import { agencyRef } from '../migration-helpers.ts';

// Issue 13: letters fit to be sent. Per agency: the 文号 pattern, the 复议机关 and the court named in the 救济途径
// sentence, and how long the applicant may download an answer's files. The 文号 counter (one row per agency and
// year, bumped in the sign-off's transaction, so numbers have neither gaps nor repeats) and the number each case's
// letter received, kept for good: a case keeps its number if its answer is reopened and signed again.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_settings')
    .addColumn('agency_id', 'integer', (c) => agencyRef(c).primaryKey())
    .addColumn('doc_number_pattern', 'text', (c) => c.notNull())
    .addColumn('review_body', 'text')
    .addColumn('court', 'text')
    .addColumn('answer_download_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('letter_number_counters')
    .addColumn('agency_id', 'integer', (c) => agencyRef(c))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_number_counters_pk', ['agency_id', 'year'])
    .execute();
  await db.schema
    .createTable('application_letter_numbers')
    .addColumn('application_id', 'integer', (c) => c.primaryKey().references('applications.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => agencyRef(c))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('allocated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_letter_numbers_serial', ['agency_id', 'year', 'serial'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_letter_numbers').execute();
  await db.schema.dropTable('letter_number_counters').execute();
  await db.schema.dropTable('application_settings').execute();
}
