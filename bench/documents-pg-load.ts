// The generated corpus in PostgreSQL (issue 17): multi-row INSERTs with binary tsvectors (the import's bulk path),
// one statement in flight while the next is built, the indexes of the two tables built once after the rows. The
// schema is named by size and corpus version and kept, so a rerun at the same size only times the queries
// (BENCH_PG_FRESH=1 loads again; `drop schema bench_docs_… cascade` frees the disk).
import os from 'node:os';
import pg from 'pg';
import { type Db, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { textToHtml } from '../src/documents/sanitize.ts';
import { pgValues } from '../src/search/search.service.ts';
import { corpus } from './documents-corpus.ts';
import { createAgencies } from './documents-search.ts';

// Bump when the corpus, the index rows or the schema change: a kept schema of another version is loaded again.
const CORPUS_VERSION = 3;
const NOW = '2025-01-01T00:00:00.000Z';
const BATCH = 500;
const DOC_COLS = [
  'id',
  'agency_id',
  'ref',
  'index_no',
  'title',
  'doc_no',
  'issuing_body',
  'category',
  'issued_on',
  'published_on',
  'body_html',
  'body_text',
  'validity',
];

export type PgCorpus = { db: Db; schema: string; agencyIds: number[]; seconds: number; reused: boolean; sizes: Record<string, number>; close(): Promise<void> };

export async function loadPostgres(url: string, n: number): Promise<PgCorpus> {
  const schema = `bench_docs_${n}_v${CORPUS_VERSION}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const marker = await admin.query(`select 1 from pg_tables where schemaname = $1 and tablename = 'bench_loaded'`, [schema]);
  const reused = (marker.rowCount ?? 0) > 0 && process.env.BENCH_PG_FRESH !== '1';
  if (!reused) {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
  }
  const handle = openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), pgOptions: `-c search_path=${schema}`, poolSize: 4 });
  const close = async () => {
    await handle.destroy();
    await admin.end();
  };
  const started = Date.now();
  let agencyIds: number[];
  if (reused) {
    agencyIds = (await admin.query<{ id: number }>(`select id from ${schema}.agencies where code like 'b%' order by code`)).rows.map((r) => r.id);
  } else {
    await migrateToLatest(handle.db);
    agencyIds = await createAgencies(handle.db);
    await fill(admin, schema, n, agencyIds);
    await admin.query(`create table ${schema}.bench_loaded (documents integer not null)`);
    await admin.query(`insert into ${schema}.bench_loaded values ($1)`, [n]);
  }
  const sizes: Record<string, number> = {};
  for (const rel of [
    'documents',
    'document_search',
    'document_search_tsv',
    'document_search_title_tsv',
    'document_search_sort',
    'document_search_agency_sort',
  ]) {
    const r = await admin.query<{ mb: number }>(`select (pg_total_relation_size($1::regclass) / 1048576)::int as mb`, [`${schema}.${rel}`]);
    sizes[rel] = Number(r.rows[0]?.mb ?? 0);
  }
  return { db: handle.db, schema, agencyIds, seconds: (Date.now() - started) / 1000, reused, sizes, close };
}

/** The rows, then every secondary index of documents and document_search built once (definitions from the catalogue). */
async function fill(admin: pg.Client, schema: string, n: number, agencyIds: number[]): Promise<void> {
  const indexes = await admin.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = $1 and i.tablename in ('documents', 'document_search')
       and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
    [schema],
  );
  for (const i of indexes.rows) await admin.query(`drop index ${schema}.${i.name}`);
  await admin.query('begin');
  await admin.query('set local synchronous_commit = off');
  const started = Date.now();
  let inFlight: Promise<unknown> | null = null;
  let docs: unknown[] = [];
  let search: unknown[] = [];
  let docRows: string[] = [];
  let searchRows: string[] = [];
  const flush = async () => {
    if (docRows.length === 0) return;
    const statements = [
      [`insert into ${schema}.documents (${DOC_COLS.join(',')}, status, version, created_by, created_at, updated_at) values ${docRows.join(',')}`, docs],
      [`insert into ${schema}.document_search (document_id, agency_id, sort_key, tsv, title_tsv) values ${searchRows.join(',')}`, search],
    ] as const;
    if (inFlight) await inFlight;
    inFlight = (async () => {
      for (const [text, params] of statements) await admin.query(text, params as unknown[]);
    })();
    inFlight.catch(() => undefined);
    docs = [];
    search = [];
    docRows = [];
    searchRows = [];
  };
  for (const d of corpus(n, agencyIds)) {
    const b = docs.length;
    docs.push(
      d.id,
      d.agencyId,
      d.ref,
      d.indexNo,
      d.title,
      d.docNo,
      d.issuingBody,
      d.category,
      d.publishedOn,
      d.publishedOn,
      textToHtml(d.bodyText),
      d.bodyText,
      d.validity,
    );
    docRows.push(`(${DOC_COLS.map((_, k) => `$${b + k + 1}`).join(',')},'published',1,'bench','${NOW}','${NOW}')`);
    const v = pgValues(d);
    const c = search.length;
    search.push(d.id, d.agencyId, v.key, v.tsv, v.titleTsv);
    searchRows.push(`($${c + 1},$${c + 2},$${c + 3},$${c + 4}::tsvector,$${c + 5}::tsvector)`);
    if (docRows.length === BATCH) await flush();
    if (d.id % 100_000 === 0) process.stderr.write(`  PostgreSQL: ${d.id} documents (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  await flush();
  if (inFlight) await inFlight;
  for (const i of indexes.rows) {
    const t0 = Date.now();
    // As src/db/bulk-load.ts: GIN builds faster with a small accumulator (at a million documents 43 s at 8 MB, 95 s
    // at 256 MB), a b-tree sorts in memory.
    await admin.query(`set local maintenance_work_mem = '${/ using gin /i.test(i.def) ? '8MB' : '1GB'}'`);
    await admin.query(i.def);
    process.stderr.write(`  PostgreSQL: ${i.name} built (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  }
  await admin.query(`select setval(pg_get_serial_sequence('${schema}.documents', 'id'), ${n})`);
  await admin.query('commit');
  await admin.query(`vacuum (analyze) ${schema}.documents`);
  await admin.query(`vacuum (analyze) ${schema}.document_search`);
}
