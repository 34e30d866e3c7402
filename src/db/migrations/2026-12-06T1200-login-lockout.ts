import type { Kysely } from 'kysely';

// Progressive account lock-out (issue 11): an account's throttle row keeps counting failures since the last
// successful sign-in and remembers the last one, and the session opened by that sign-in carries them, so the user
// is told what happened while they were away.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('login_throttle')
    .addColumn('since_success', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('login_throttle').addColumn('last_failure_at', 'text').execute();
  await db.schema.alterTable('login_throttle').addColumn('last_failure_ip', 'text').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('failures_before', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sessions').addColumn('last_failure_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('last_failure_ip', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['last_failure_ip', 'last_failure_at', 'failures_before']) await db.schema.alterTable('sessions').dropColumn(column).execute();
  for (const column of ['last_failure_ip', 'last_failure_at', 'since_success']) await db.schema.alterTable('login_throttle').dropColumn(column).execute();
}
