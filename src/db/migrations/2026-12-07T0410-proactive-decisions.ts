import type { Kysely } from 'kysely';
import { agencyRef, withId } from '../migration-helpers.ts';

// 依申请公开转主动公开 (issue 13, 条例 第四十四条): the agency's decision on a cluster of similar disclosed cases (a
// 主动公开 draft started, or declined with a reason), and the cases it covers, each at most once.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('proactive_decisions'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proactive_decisions_agency').on('proactive_decisions').columns(['agency_id']).execute();
  await db.schema
    .createTable('proactive_decision_cases')
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('proactive_decisions.id'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addPrimaryKeyConstraint('proactive_decision_cases_pk', ['application_id'])
    .execute();
  await db.schema.createIndex('proactive_decision_cases_decision').on('proactive_decision_cases').columns(['decision_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('proactive_decision_cases').execute();
  await db.schema.dropTable('proactive_decisions').execute();
}
