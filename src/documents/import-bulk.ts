import { CompiledQuery, type Insertable, type Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { withIndexesRebuilt } from '../db/bulk-load.ts';
import { dialectOf } from '../db/dialect.ts';
import { lockNumbering } from '../db/locks.ts';
import { binaryArray, isBinaryElementType } from '../db/pg-arrays.ts';
import type { Agency, Database } from '../db/schema.ts';
import type { ImportContext } from '../interchange/importer.ts';
import { type PreparedIndexRow, prepareIndexRow, withBulkIndexing, writeIndexRows } from '../search/search.service.ts';
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

/** Rows of one documents INSERT on the overlapped path. */
const WRITE_CHUNK = 2000;
/** Rows built between two turns of the event loop. */
const YIELD_EVERY = 100;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Multi-row INSERT under both databases' parameter limits; returns the new ids in row order. */
async function insertMany(trx: Transaction<Database>, table: string, rows: Record<string, unknown>[], returning: boolean): Promise<number[]> {
  const ids: number[] = [];
  if (rows.length === 0) return ids;
  if (dialectOf(trx) === 'postgres') return insertUnnest(trx, table, rows, returning);
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

/**
 * Rows per unnest INSERT. Measured on the server (CPU per 10,000 documents rows): 0.13 s at 500, 0.14 s at 250, 0.20 s
 * at 1,000, 0.24 s at 2,000, whose arrays and WITH ORDINALITY rows no longer fit in work_mem and the caches.
 */
const UNNEST_ROWS = 500;

const pgTypes = new Map<string, Map<string, string>>();

/**
 * PostgreSQL: one INSERT … SELECT FROM unnest of one array per column. Planning a VALUES list of thousands of
 * parameters cost the server more than writing the rows; a handful of arrays plans at once. The arrays go in binary
 * (db/pg-arrays.ts), not as text literals to escape and parse. The ids come back in the arrays' order (WITH
 * ORDINALITY, sorted), not in whatever order the server returns rows.
 */
async function insertUnnest(trx: Transaction<Database>, table: string, rows: Record<string, unknown>[], returning: boolean): Promise<number[]> {
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
  const columns = Object.keys(rows[0] as object);
  const names = columns.map((c) => `"${snake(c)}"`).join(', ');
  const arrays = columns.map((c, k) => `$${k + 1}::${types.get(snake(c)) ?? 'text'}[]`).join(', ');
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += UNNEST_ROWS) {
    const chunk = rows.slice(i, i + UNNEST_ROWS);
    const params = columns.map((c) => {
      const values = chunk.map((r) => r[c] ?? null);
      const type = types.get(snake(c)) ?? 'text';
      return isBinaryElementType(type) ? binaryArray(type, values) : values;
    });
    const text = returning
      ? `with input as (select * from unnest(${arrays}) with ordinality as u(${names}, n)),
         added as (insert into "${table}" (${names}) select ${names} from input order by n returning "id")
         select "id" from added order by "id"`
      : `insert into "${table}" (${names}) select * from unnest(${arrays})`;
    const result = await trx.executeQuery<{ id: number }>(CompiledQuery.raw(text, params));
    if (returning) for (const r of result.rows) ids.push(Number(r.id));
  }
  return ids;
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
  const ids: number[] = [];
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
    writing = writing.then(async () => {
      ids.push(...(await insertMany(trx, 'documents', chunk, true)));
      await insertMany(
        trx,
        'review_steps',
        chunk.map((row, k) => ({
          agencyId: row.agencyId,
          documentId: ids[from + k],
          step: 'import',
          fromStatus: 'draft',
          toStatus: row.status,
          actorName: I.actor,
          comment: I.line((planned[from + k] as NewPlanned).line),
          checklistJson: null,
          at: now,
        })),
        false,
      );
      await writeIndexRows(
        trx,
        at.map((i) => ids[i] as number),
        prepared,
      );
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
  return { planned, rows, ids };

  async function addRow(p: NewPlanned, i: number) {
    if (i % 1000 === 999) ctx.options.onProgress?.('document', i + 1, load.rows);
    // Lets the database's answers in while a chunk is built, so that the chunk before goes on to its next statement
    // (its search rows come after its documents rows) instead of waiting for the whole chunk to be built.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    if (i - written === WRITE_CHUNK) {
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
