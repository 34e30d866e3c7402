import type { Kysely } from 'kysely';

// The city view (issue 7): a government agency's children, each one's latest self-check of a year, and tables 3 and 4
// aggregated across them in one query each.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('agencies_parent').on('agencies').columns(['parent_id']).execute();
  // The latest run of each agency for a year is the highest id of (agency, year): one index seek per agency.
  await db.schema.createIndex('compliance_runs_agency_year').on('compliance_runs').columns(['agency_id', 'year', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('compliance_runs_agency_year').execute();
  await db.schema.dropIndex('agencies_parent').execute();
}
