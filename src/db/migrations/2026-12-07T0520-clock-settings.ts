import type { Kysely } from 'kysely';

// Issue 14, the clock rules: per agency, the receipt date of e-mail applications (第三十一条(三): the day both sides
// confirm, the default; or the older reading, the day the mail arrives) and who is the head of the disclosure office
// (信息公开工作机构负责人) who approves extensions (第三十三条): chosen users (JSON array of ids) and/or a role.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('application_settings')
    .addColumn('email_receipt', 'text', (c) => c.notNull().defaultTo('confirmed'))
    .execute();
  await db.schema
    .alterTable('application_settings')
    .addColumn('extension_approver_role', 'text', (c) => c.defaultTo('leader'))
    .execute();
  await db.schema.alterTable('application_settings').addColumn('extension_approver_ids', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_settings').dropColumn('extension_approver_ids').execute();
  await db.schema.alterTable('application_settings').dropColumn('extension_approver_role').execute();
  await db.schema.alterTable('application_settings').dropColumn('email_receipt').execute();
}
