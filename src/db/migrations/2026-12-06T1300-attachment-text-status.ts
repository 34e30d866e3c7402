import type { Kysely } from 'kysely';

// Issue 11: what became of an attachment's text — read, cut at the output limit, not a readable type, or not read
// (corrupt file, time or memory limit, server busy) — so the editor sees which attachments the personal-data check
// did not cover. Earlier rows: PDF and DOCX were read (failures were not recorded), other types never are.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('attachments')
    .addColumn('text_status', 'text', (c) => c.notNull().defaultTo('read'))
    .execute();
  await db
    .updateTable('attachments')
    .set({ text_status: 'none' })
    .where('media_type', 'not in', ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attachments').dropColumn('text_status').execute();
}
