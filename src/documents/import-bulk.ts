import { CompiledQuery, type Insertable, type Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { withIndexesRebuilt } from '../db/bulk-load.ts';
import { dialectOf } from '../db/dialect.ts';
import { lockNumbering } from '../db/locks.ts';
import { type UnnestColumn, unnestInsert } from '../db/pg-arrays.ts';
import type { Agency, Database } from '../db/schema.ts';
import type { ImportContext } from '../interchange/importer.ts';
import { type PreparedIndexRow, pgIndexInsert, prepareIndexRow, withBulkIndexing, writeIndexRows } from '../search/search.service.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { bumpContentVersion } from '../web/content-version.ts';
import type { draftSchema } from './documents.schema.ts';
import { CATEGORIES, type DocumentsTable } from './documents.tables.ts';
import { bodyHtmlAndText } from './sanitize.ts';

const I = t.documents.import;

/**
 * The fast path of the `document` import for records that are new (issue 17: ≥ 5,000 documents/s): multi-row
 * INSERTs, 索引号 numbered in memory, the search rows written in bulk, review steps in bulk and one audit entry per
 * agency with the refs imported, all inside the import's one transaction (all or nothing).
 */

export type NewPlanned = { line: number; agency: Agency; ref: string; interpretsRef: string | null; data: ReturnType<typeof draftSchema.parse> };

/**
 * The new documents of an import as the checks let them through, in file order, step by step; `rows` and `published`
 * are counted from the file's lines before the checks (they decide whether indexes are rebuilt), `givenIndexNos` are
 * the 索引号 the file gives per agency.
 */
export type NewLoad = {
  planned: AsyncIterable<readonly NewPlanned[]>;
  rows: number;
  published: number;
  givenIndexNos: ReadonlyMap<number, readonly string[]>;
};

/** From this many new documents on, the documents table's list indexes may be rebuilt after the load. */
const REBUILD_FROM = 20_000;

/**
 * Documents per chunk. On PostgreSQL a chunk is one statement (its documents, review steps and search rows), so the
 * database waits for this process once per chunk, and the chunk stays small: the server's CPU per 10,000 search rows
 * was 0.16 s in statements of 500 and 0.46 s in statements of 2,000 (arrays of several MB). On SQLite, which does not
 * wait, 2,000 rows an INSERT.
 */
const writeChunk = (postgres: boolean) => (postgres ? 500 : 2000);
/** Rows built between two turns of the event loop. */
const YIELD_EVERY = 100;

/** Should the documents outnumber the ids first taken (PostgreSQL), at least this many more are taken at a time. */
const MORE_IDS = 500;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** SQLite: multi-row INSERTs under its parameter limit; returns the new ids in row order. */
async function insertMany(trx: Transaction<Database>, table: string, rows: Record<string, unknown>[], returning: boolean): Promise<number[]> {
  const ids: number[] = [];
  if (rows.length === 0) return ids;
  const columns = Object.keys(rows[0] as object);
  const size = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${snake(c)}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      for (const c of columns) params.push(row[c] ?? null);
      tuples.push(`(${columns.map(() => '?').join(', ')})`);
    }
    const text = head + tuples.join(', ');
    const result = await trx.executeQuery<{ id: number }>(CompiledQuery.raw(returning ? `${text} returning "id"` : text, params));
    if (returning) for (const r of result.rows) ids.push(Number(r.id));
  }
  return ids;
}

const pgTypes = new Map<string, Map<string, string>>();

/** PostgreSQL: a table's column types (udt names), read once per process. */
async function columnTypes(trx: Transaction<Database>, table: string): Promise<Map<string, string>> {
  let types = pgTypes.get(table);
  if (!types) {
    const found = await trx.executeQuery<{ name: string; type: string }>(
      CompiledQuery.raw(
        'select column_name as name, udt_name as type from information_schema.columns where table_schema = current_schema() and table_name = $1',
        [table],
      ),
    );
    types = new Map(found.rows.map((r) => [r.name, r.type]));
    pgTypes.set(table, types);
  }
  return types;
}

/** The columns of rows (camelCase keys, all rows alike) for unnestInsert, typed as the table's. */
function unnestColumns(types: ReadonlyMap<string, string>, rows: readonly Record<string, unknown>[]): UnnestColumn[] {
  return Object.keys(rows[0] as object).map((c) => ({ name: snake(c), type: types.get(snake(c)) ?? 'text', values: rows.map((r) => r[c] ?? null) }));
}

/**
 * PostgreSQL: `n` new documents ids taken from the table's sequence at once, in ascending order, so that a chunk's
 * review steps and search rows go in the same statement as its documents rows (they need the ids).
 */
async function reserveDocumentIds(trx: Transaction<Database>, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const r = await trx.executeQuery<{ id: number }>(
    CompiledQuery.raw(`select nextval(pg_get_serial_sequence('documents', 'id'))::int4 as id from generate_series(1, $1::int4)`, [n]),
  );
  return r.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/**
 * The next free 索引号 per prefix, as documents.service's nextIndexNo numbers them, counted in memory: the numbers an
 * agency has are read once per agency (one query, not one per prefix: a query per agency, category and year was
 * most of the import's database time). `given`: the 索引号 the file gives, per agency, which are never handed out.
 */
async function indexNumberer(trx: Transaction<Database>, given: ReadonlyMap<number, readonly string[]>) {
  const max = new Map<string, number>();
  const known = new Map<number, string[]>();
  const numbersOf = async (agency: Agency, agencyPrefix: string): Promise<string[]> => {
    let list = known.get(agency.id);
    if (!list) {
      // Held to the commit: a publication in the agency meanwhile waits rather than failing the whole import.
      await lockNumbering(trx, 'document-index-no', agency.id);
      const rows = await trx.selectFrom('documents').select('indexNo').where('agencyId', '=', agency.id).where('indexNo', 'like', `${agencyPrefix}%`).execute();
      list = [...rows.map((r) => r.indexNo ?? ''), ...(given.get(agency.id) ?? [])];
      known.set(agency.id, list);
    }
    return list;
  };
  return async (agency: Agency, category: string, year: string): Promise<string> => {
    const agencyPrefix = `${agency.creditCode ?? agency.code.toUpperCase()}/`;
    const prefix = `${agencyPrefix}${String(CATEGORIES.indexOf(category as never) + 1).padStart(2, '0')}-${year}-`;
    let m = max.get(`${agency.id}\u0000${prefix}`);
    if (m === undefined) {
      m = 0;
      for (const no of await numbersOf(agency, agencyPrefix)) {
        if (no.startsWith(prefix)) m = Math.max(m, Number(no.slice(prefix.length)) || 0);
      }
    }
    m += 1;
    max.set(`${agency.id}\u0000${prefix}`, m);
    return `${prefix}${String(m).padStart(4, '0')}`;
  };
}

/**
 * The documents rows, their review steps and the search index rows of the published ones, built and written chunk by
 * chunk; the ids in the rows' order. A chunk's index rows are tokenised with the chunk and written right after its
 * documents rows (they need the ids): tokenising was most of this process's work, and it now overlaps the database's
 * writing of the chunk before.
 */
async function writeDocumentRows(ctx: ImportContext, load: NewLoad, now: string) {
  const { trx } = ctx;
  const nextIndexNo = await indexNumberer(trx, load.givenIndexNos);
  const planned: NewPlanned[] = [];
  const rows: Insertable<DocumentsTable>[] = [];
  const postgres = dialectOf(trx) === 'postgres';
  // SQLite's come back from each INSERT; PostgreSQL's are taken before (topped up should the lines be more).
  const ids: number[] = postgres ? await reserveDocumentIds(trx, load.rows) : [];
  // The published rows of the chunk being built: their positions in `rows` and their index rows.
  let indexAt: number[] = [];
  let indexRows: PreparedIndexRow[] = [];
  // Chunks are written (one after the other) while the next is built: the database and this process work at the
  // same time.
  let writing: Promise<void> = Promise.resolve();
  const queued: Promise<void>[] = [];
  const write = (from: number) => {
    const chunk = rows.slice(from);
    const at = indexAt;
    const prepared = indexRows;
    indexAt = [];
    indexRows = [];
    // Called once the chunk's ids are known.
    const steps = () =>
      chunk.map((row, k) => ({
        agencyId: row.agencyId,
        documentId: ids[from + k] as number,
        step: 'import',
        fromStatus: 'draft',
        toStatus: row.status,
        actorName: I.actor,
        comment: I.line((planned[from + k] as NewPlanned).line),
        checklistJson: null,
        at: now,
      }));
    writing = writing.then(async () => {
      if (!postgres) {
        ids.push(...(await insertMany(trx, 'documents', chunk, true)));
        await insertMany(trx, 'review_steps', steps(), false);
        await writeIndexRows(
          trx,
          at.map((i) => ids[i] as number),
          prepared,
        );
        return;
      }
      if (chunk.length === 0) return;
      // One statement: the documents rows (their ids reserved), their review steps and search rows.
      const documents = unnestInsert('documents', unnestColumns(await columnTypes(trx, 'documents'), chunk));
      const reviewSteps = unnestInsert('review_steps', unnestColumns(await columnTypes(trx, 'review_steps'), steps()), documents.params.length + 1);
      const search = pgIndexInsert(
        at.map((i) => ids[i] as number),
        prepared,
        documents.params.length + reviewSteps.params.length + 1,
      );
      const text = `with d as (${documents.text}), s as (${reviewSteps.text}) ${search ? search.text : 'select 1'}`;
      await trx.executeQuery(CompiledQuery.raw(text, [...documents.params, ...reviewSteps.params, ...(search?.params ?? [])]));
    });
    // Handled where it is awaited; without this a failure while the next chunk is built would crash the process.
    writing.catch(() => undefined);
    queued.push(writing);
  };
  let written = 0;
  try {
    for await (const step of load.planned) {
      for (const p of step) {
        planned.push(p);
        await addRow(p, planned.length - 1);
      }
    }
  } catch (e) {
    // The chunks in flight end before the caller rolls back on this connection.
    await Promise.allSettled(queued);
    throw e;
  }
  write(written);
  await writing;
  return { planned, rows, ids: ids.slice(0, planned.length) };

  async function addRow(p: NewPlanned, i: number) {
    if (i % 1000 === 999) ctx.options.onProgress?.('document', i + 1, load.rows);
    // Lets the database's answers in while a chunk is built, so that the next statement queued (the next chunk's, or
    // on SQLite the chunk's next table) is sent then instead of after the whole chunk is built.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    if (postgres && i >= ids.length) ids.push(...(await reserveDocumentIds(trx, Math.max(MORE_IDS, load.rows - i))));
    if (i - written === writeChunk(postgres)) {
      write(written);
      written = i;
      // Two chunks queued at most: the database goes from one to the next without waiting for this process.
      if (queued.length > 1) await queued.shift();
    }
    const d = p.data;
    const body = bodyHtmlAndText(d.body);
    const normative = d.category === 'rule' || d.category === 'normative';
    const publishedOn = d.publishedOn ?? null;
    const indexNo = d.indexNo ?? (publishedOn ? await nextIndexNo(p.agency, d.category, publishedOn.slice(0, 4)) : null);
    const issuingBody = d.issuingBody ?? p.agency.name;
    const validity = normative ? (d.validity ?? 'in_force') : null;
    if (publishedOn) {
      indexAt.push(i);
      indexRows.push(
        prepareIndexRow(trx, {
          agencyId: p.agency.id,
          title: d.title,
          docNo: d.docNo ?? null,
          indexNo,
          bodyText: body.text,
          attachmentText: '',
          category: d.category,
          publishedOn,
          validity,
          issuingBody,
        }),
      );
    }
    rows.push({
      // Reserved on PostgreSQL; on SQLite NULL, which an INTEGER PRIMARY KEY numbers itself. Always present: a spread
      // here made every row a slow object (twice the GC, a second of CPU per 100,000 rows).
      id: postgres ? (ids[i] as number) : undefined,
      agencyId: p.agency.id,
      ref: p.ref,
      title: d.title,
      indexNo,
      docNo: d.docNo ?? null,
      issuingBody,
      category: d.category,
      topic: d.topic ?? null,
      issuedOn: d.issuedOn,
      publishedOn,
      bodyHtml: body.html,
      bodyText: body.text,
      validity,
      validityChangedOn: normative && d.validity && d.validity !== 'in_force' ? (d.validityChangedOn ?? null) : null,
      status: publishedOn ? 'published' : 'draft',
      version: 1,
      interpretsId: null,
      interpretationForm: d.category === 'interpretation' ? (d.interpretationForm ?? 'text') : null,
      withdrawnReason: null,
      withdrawnOn: null,
      createdBy: I.actor,
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** Writes the new documents; `refIds` receives agencyId/ref → id so later records (replacements) can refer to them. */
export async function insertNewDocuments(ctx: ImportContext, load: NewLoad, refIds: Map<string, number>): Promise<void> {
  const { trx, clock, actor } = ctx;
  const now = clock.now().toISOString();
  // A load at least the size of the table (a site's first migration) builds the list indexes once, after the rows,
  // and so does the search index (from its own threshold on).
  const { planned, rows, ids } = await withIndexesRebuilt(
    trx,
    'documents',
    load.rows,
    REBUILD_FROM,
    () => withBulkIndexing(trx, load.published, () => writeDocumentRows(ctx, load, now)),
    ['documents', 'review_steps', 'document_search'],
  );
  for (const [i, p] of planned.entries()) refIds.set(`${p.agency.id}\u0000${p.ref}`, ids[i] as number);
  // Interpretations refer to documents of the file or of the database (checked when planning).
  for (const [i, p] of planned.entries()) {
    if (!p.interpretsRef) continue;
    const target =
      refIds.get(`${p.agency.id}\u0000${p.interpretsRef}`) ??
      (await trx.selectFrom('documents').select('id').where('agencyId', '=', p.agency.id).where('ref', '=', p.interpretsRef).executeTakeFirst())?.id;
    if (target !== undefined)
      await trx
        .updateTable('documents')
        .set({ interpretsId: target })
        .where('id', '=', ids[i] as number)
        .execute();
  }
  const byAgency = new Map<Agency, { refs: string[]; published: number }>();
  planned.forEach((p, i) => {
    const entry = byAgency.get(p.agency) ?? { refs: [], published: 0 };
    entry.refs.push(p.ref);
    if (rows[i]?.status === 'published') entry.published++;
    byAgency.set(p.agency, entry);
  });
  for (const [agency, entry] of byAgency) {
    if (entry.published > 0) await bumpContentVersion(trx, agency.code);
    await recordAudit(trx, clock, {
      actor,
      agencyId: agency.id,
      action: 'document.import',
      entityType: 'document',
      entityId: null,
      after: { created: entry.refs.length, published: entry.published, refs: entry.refs },
    });
  }
}
