import type { Kysely } from 'kysely';

// Throttling of the public application form (issue 11): one counter per key (a digest of the client address, phone
// or e-mail) and window (an hour or a China day), incremented atomically in the submission's transaction.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intake_throttle')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('intake_throttle_pk', ['key', 'window'])
    .execute();
  // Pruning deletes the windows that have ended.
  await db.schema.createIndex('intake_throttle_expires').on('intake_throttle').columns(['expires_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intake_throttle').execute();
}
