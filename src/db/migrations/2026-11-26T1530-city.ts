import { type Kysely, sql } from 'kysely';

// The city view (issue 7): a government's children, each one's latest self-check of a year, tables 3 and 4 summed
// across them and their performance figures, each read for all the agencies at once.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('agencies_parent').on('agencies').columns(['parent_id']).execute();
  // The latest run of each agency for a year is the highest id of (agency, year): one index seek per agency.
  await db.schema.createIndex('compliance_runs_agency_year').on('compliance_runs').columns(['agency_id', 'year', 'id']).execute();
  // Table 3 reads every column it needs from this index alone (received by the end of the year; when and how each
  // was closed; the applicant type), not from the table.
  await db.schema
    .createIndex('applications_received_cover')
    .on('applications')
    .columns(['agency_id', 'received_on', 'closed_on', 'outcome', 'applicant_type'])
    .execute();
  // Open cases past their due date on a day (the figures' overdue count): only open cases are indexed (few), by due
  // date. Without it SQLite reads each agency's whole history; the query names is_open = 1 literally.
  await db.schema.createIndex('applications_open_due').on('applications').columns(['agency_id', 'due_on']).where(sql.ref('is_open'), '=', sql.lit(1)).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_open_due').execute();
  await db.schema.dropIndex('applications_received_cover').execute();
  await db.schema.dropIndex('compliance_runs_agency_year').execute();
  await db.schema.dropIndex('agencies_parent').execute();
}
