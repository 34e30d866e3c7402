import type { Kysely } from 'kysely';

// The self-check's documents-side indicators: the agency's note for a column category that has nothing published
// (空白栏目 need a reason, e.g. 本机关无规章制定权), shown on the category page instead of the bare "暂无" line.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('category_notes')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('category_notes_pk', ['agency_id', 'category'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('category_notes').execute();
}
