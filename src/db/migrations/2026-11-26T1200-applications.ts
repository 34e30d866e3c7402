import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const blob = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';

  await withId(db, db.schema.createTable('applications'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('tracking_no', 'text')
    .addColumn('query_code_hash', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_detail', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text')
    .addColumn('applicant_id_type', 'text')
    .addColumn('applicant_id_number', 'text')
    .addColumn('applicant_legal_rep', 'text')
    .addColumn('applicant_contact', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('applicant_postcode', 'text')
    .addColumn('applicant_key', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('form_wanted', 'text')
    .addColumn('way_wanted', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handler_id', 'integer', (c) => c.references('users.id'))
    .addColumn('due_on', 'text')
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_due_on', 'text')
    .addColumn('correction_due_on', 'text')
    .addColumn('extended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_request_json', 'text')
    .addColumn('outcome', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('legal_basis', 'text')
    .addColumn('answer_letter', 'text')
    .addColumn('answer_state', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('answer_note', 'text')
    .addColumn('answer_signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answer_signed_at', 'text')
    .addColumn('delivered_on', 'text')
    .addColumn('delivery_method', 'text')
    .addColumn('archived_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('applications_agency_ref', ['agency_id', 'ref'])
    .execute();
  // Tracking numbers are unique where there is one (imported cases have none, and cost this index nothing).
  await db.schema
    .createIndex('applications_tracking_no')
    .unique()
    .on('applications')
    .column('tracking_no')
    .where(sql.ref('tracking_no'), 'is not', null)
    .execute();
  // Partial indexes where they serve: only open and pending cases are indexed for the workbench, so the bulk of an
  // agency's history (closed cases, and everything an import loads) costs nothing to index. Queries name the
  // condition literally (is_open = 1, status = 'pending') so the planners can use them.
  await db.schema
    .createIndex('applications_open')
    .on('applications')
    .columns(['agency_id', 'next_due_on', 'id'])
    .where(sql.ref('is_open'), '=', sql.lit(1))
    .execute();
  await db.schema
    .createIndex('applications_pending')
    .on('applications')
    .columns(['agency_id', 'id'])
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();
  await db.schema
    .createIndex('applications_signoff')
    .on('applications')
    .columns(['agency_id', 'id'])
    .where(sql.ref('answer_state'), '=', sql.lit('pending_signoff'))
    .execute();
  await db.schema
    .createIndex('applications_extension')
    .on('applications')
    .columns(['agency_id', 'id'])
    .where(sql.ref('extension_request_json'), 'is not', null)
    .execute();
  // Years of receipt (queue filters, table 3), covering the status and outcome filters so counting a large list reads
  // the index alone; and an applicant's month (按件 fees).
  await db.schema.createIndex('applications_received').on('applications').columns(['agency_id', 'received_on', 'status', 'outcome']).execute();
  await db.schema.createIndex('applications_applicant').on('applications').columns(['agency_id', 'applicant_key', 'received_on']).execute();

  await withId(db, db.schema.createTable('application_events'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('event_on', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_events_case').on('application_events').columns(['application_id', 'id']).execute();

  await withId(db, db.schema.createTable('application_fees'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('notice_on', 'text', (c) => c.notNull())
    .addColumn('pay_by', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_fees_case').on('application_fees').columns(['application_id']).execute();
  await db.schema.createIndex('application_fees_agency').on('application_fees').columns(['agency_id', 'notice_on']).execute();

  await withId(db, db.schema.createTable('application_attachments'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_attachments_case').on('application_attachments').columns(['application_id']).execute();

  await db.schema
    .createTable('application_reminders')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('recipient', 'text')
    .addPrimaryKeyConstraint('application_reminders_pk', ['application_id', 'kind', 'due_on'])
    .execute();

  await withId(db, db.schema.createTable('appeals'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('appeals_agency_ref', ['agency_id', 'ref'])
    .execute();
  await db.schema.createIndex('appeals_filed').on('appeals').columns(['agency_id', 'filed_on']).execute();
  await db.schema.createIndex('appeals_application').on('appeals').columns(['application_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['appeals', 'application_reminders', 'application_attachments', 'application_fees', 'application_events', 'applications']) {
    await db.schema.dropTable(table).execute();
  }
}
