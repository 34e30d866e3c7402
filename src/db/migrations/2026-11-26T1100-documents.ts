import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { agencyRef, withId } from '../migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await withId(db, db.schema.createTable('documents'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('index_no', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('issuing_body', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('validity', 'text')
    .addColumn('validity_changed_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('interprets_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('interpretation_form', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('withdrawn_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('documents_agency_ref', ['agency_id', 'ref'])
    .addUniqueConstraint('documents_agency_index_no', ['agency_id', 'index_no'])
    .execute();
  await db.schema.createIndex('documents_list').on('documents').columns(['agency_id', 'status', 'published_on', 'id']).execute();
  await db.schema.createIndex('documents_category').on('documents').columns(['agency_id', 'category', 'status', 'published_on']).execute();
  await db.schema.createIndex('documents_published').on('documents').columns(['status', 'published_on']).execute();
  await db.schema.createIndex('documents_interprets').on('documents').columns(['interprets_id']).execute();

  await withId(db, db.schema.createTable('document_versions'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('replaced_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_versions_doc_version', ['document_id', 'version'])
    .execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('extracted_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_document').on('attachments').columns(['document_id']).execute();

  await withId(db, db.schema.createTable('review_steps'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('checklist_json', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_steps_document').on('review_steps').columns(['document_id', 'id']).execute();

  await withId(db, db.schema.createTable('sensitive_words'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('word', 'text', (c) => c.notNull())
    .addUniqueConstraint('sensitive_words_agency_word', ['agency_id', 'word'])
    .execute();

  await db.schema
    .createTable('page_views')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_views_pk', ['document_id', 'day'])
    .execute();
  await db.schema.createIndex('page_views_agency_day').on('page_views').columns(['agency_id', 'day']).execute();

  await db.schema
    .createTable('disclosure_settings')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('interpretation_lag_days', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('guide_text', 'text')
    .addColumn('guide_updated_on', 'text')
    .addColumn('rules_text', 'text')
    .addColumn('rules_updated_on', 'text')
    .execute();

  await db.schema
    .createTable('content_versions')
    .addColumn('agency_code', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('cleanup_rounds'))
    .addColumn('agency_id', 'integer', agencyRef)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createTable('cleanup_decisions')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('cleanup_rounds.id'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('decision', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('cleanup_decisions_pk', ['round_id', 'document_id'])
    .execute();

  // Full-text search over pre-tokenised text (character bigrams, see src/search/tokenize.ts).
  if (pg) {
    await db.schema
      .createTable('document_search')
      .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id'))
      .addColumn('agency_id', 'integer', (c) => c.notNull())
      .addColumn('sort_key', 'bigint', (c) => c.notNull())
      .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
      .addColumn('title_tsv', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index document_search_tsv on document_search using gin (tsv)`.execute(db);
    await sql`create index document_search_title_tsv on document_search using gin (title_tsv)`.execute(db);
    await db.schema.createIndex('document_search_sort').on('document_search').columns(['sort_key']).execute();
  } else {
    // Contentless: the text lives in `documents`; the rowid is a sort key (publication day, then id) so the newest
    // matches come first without sorting every match.
    await sql`create virtual table document_fts using fts5(title, body, docno, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await db.schema.dropTable('document_search').execute();
  else await sql`drop table document_fts`.execute(db);
  for (const table of [
    'cleanup_decisions',
    'cleanup_rounds',
    'content_versions',
    'disclosure_settings',
    'page_views',
    'sensitive_words',
    'review_steps',
    'attachments',
    'document_versions',
    'documents',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
