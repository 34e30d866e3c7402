import type { Kysely } from 'kysely';

// Issue 16. A self-check run an agency submits for its year (the city view and history show it, a later re-run never
// replaces it silently), and how a rectification item linked to a finding was closed: 'fixed' (the indicator no
// longer fails for the record) or 'remains' (rectified, but the record still counts against the year: 已整改，仍计扣分).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('compliance_runs').addColumn('submitted_at', 'text').execute();
  await db.schema.alterTable('compliance_runs').addColumn('submitted_by', 'text').execute();
  await db.schema.alterTable('rectification_items').addColumn('closure', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rectification_items').dropColumn('closure').execute();
  await db.schema.alterTable('compliance_runs').dropColumn('submitted_by').execute();
  await db.schema.alterTable('compliance_runs').dropColumn('submitted_at').execute();
}
