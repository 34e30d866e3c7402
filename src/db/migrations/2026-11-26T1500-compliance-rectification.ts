import { type Kysely, sql } from 'kysely';

// Links a rectification item to the self-check finding it came from, so the next passing check closes it (逐项销号).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rectification_items').addColumn('finding_key', 'text').execute();
  await db.schema.alterTable('rectification_items').addColumn('indicator_code', 'text').execute();
  await db.schema.alterTable('rectification_items').addColumn('check_year', 'integer').execute();
  // At most one open item per finding; once closed, a finding that comes back opens a new item.
  await db.schema
    .createIndex('rectification_items_open_finding')
    .unique()
    .on('rectification_items')
    .columns(['agency_id', 'check_year', 'finding_key'])
    .where(sql.ref('closed_on'), 'is', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rectification_items_open_finding').execute();
  for (const c of ['check_year', 'indicator_code', 'finding_key']) await db.schema.alterTable('rectification_items').dropColumn(c).execute();
}
