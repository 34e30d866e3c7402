import { type Kysely, sql } from 'kysely';
import { agencyRef } from '../migration-helpers.ts';

// Issue 14: the facts a complete 公开指南 needs beyond the agency's contact facts (国办公开办函〔2019〕61号, 条例
// 第十二条), the staff's own paragraphs per section of the guide, and the site frame's footer (国办发〔2017〕47号) for
// the platform ('platform') and each agency ('agency:<id>'). The old whole-guide text becomes the 概述 section's text.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guide_settings')
    .addColumn('agency_id', 'integer', (c) => agencyRef(c).primaryKey())
    .addColumn('functions', 'text')
    .addColumn('mailing_address', 'text')
    .addColumn('reception_address', 'text')
    .addColumn('accepts_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_payment', 'text')
    .addColumn('supervisor', 'text')
    .addColumn('supervisor_phone', 'text')
    .addColumn('complaint_channels', 'text')
    .addColumn('review_phone', 'text')
    .addColumn('court_phone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('guide_sections')
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('guide_sections_pk', ['agency_id', 'section'])
    .execute();
  await db.schema
    .createTable('site_frames')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('sponsor', 'text')
    .addColumn('organizer', 'text')
    .addColumn('site_code', 'text')
    .addColumn('icp_record', 'text')
    .addColumn('psb_record', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A guide written whole by staff keeps showing, now as the 概述 section in place of the generated one.
  await sql`insert into guide_sections (agency_id, section, mode, body, updated_at)
    select agency_id, 'overview', 'replace', guide_text, coalesce(guide_updated_on, '2026-12-07') || 'T00:00:00.000Z'
    from disclosure_settings where guide_text is not null and guide_text <> ''`.execute(db);
  await sql`update disclosure_settings set guide_text = null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_frames').execute();
  await db.schema.dropTable('guide_sections').execute();
  await db.schema.dropTable('guide_settings').execute();
}
