import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  // The performance figures' one row-per-case read: the cases answered in a year, with every column it needs, so
  // 100,000 cases are read from the index alone (and the cases answered after a day, for a past year's overdue count).
  await db.schema.createIndex('applications_answered').on('applications').columns(['agency_id', 'closed_on', 'received_on', 'due_on', 'outcome']).execute();
  // Extensions, corrections and consultations by the day they happened; only those rare events are indexed, and the
  // query names the condition literally so both planners can use the partial index.
  await db.schema
    .createIndex('application_events_measures')
    .on('application_events')
    .columns(['agency_id', 'type', 'event_on', 'application_id'])
    .where(sql.ref('type'), 'in', sql`('extended', 'correction_requested', 'consultation_started')`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('application_events_measures').execute();
  await db.schema.dropIndex('applications_answered').execute();
}
