import { CompiledQuery, type Insertable, type Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { dialectOf } from '../db/dialect.ts';
import type { Agency, Database } from '../db/schema.ts';
import type { ImportContext } from '../interchange/importer.ts';
import { bulkIndexDocuments } from '../search/search.service.ts';
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

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Multi-row INSERT under both databases' parameter limits; returns the new ids in row order. */
async function insertMany(trx: Transaction<Database>, table: string, rows: Record<string, unknown>[], returning: boolean): Promise<number[]> {
  const ids: number[] = [];
  if (rows.length === 0) return ids;
  const columns = Object.keys(rows[0] as object);
  const postgres = dialectOf(trx) === 'postgres';
  const size = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${snake(c)}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const c of columns) {
        params.push(row[c] ?? null);
        marks.push(postgres ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    const text = head + tuples.join(', ');
    const result = await trx.executeQuery<{ id: number }>(CompiledQuery.raw(returning ? `${text} returning "id"` : text, params));
    if (returning) for (const r of result.rows) ids.push(Number(r.id));
  }
  return ids;
}

/**
 * The next free 索引号 per prefix, as documents.service's nextIndexNo numbers them, counted in memory: the numbers an
 * agency has are read once per agency (one query, not one per prefix: a query per agency, category and year was
 * most of the import's database time).
 */
async function indexNumberer(trx: Transaction<Database>, planned: readonly NewPlanned[]) {
  const max = new Map<string, number>();
  const known = new Map<number, string[]>();
  const given = new Map<number, string[]>();
  for (const p of planned) {
    if (!p.data.indexNo) continue;
    const list = given.get(p.agency.id);
    if (list) list.push(p.data.indexNo);
    else given.set(p.agency.id, [p.data.indexNo]);
  }
  const numbersOf = async (agency: Agency, agencyPrefix: string): Promise<string[]> => {
    let list = known.get(agency.id);
    if (!list) {
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

/** Writes the new documents; `refIds` receives agencyId/ref → id so later records (replacements) can refer to them. */
export async function insertNewDocuments(ctx: ImportContext, planned: readonly NewPlanned[], refIds: Map<string, number>): Promise<void> {
  const { trx, clock, actor } = ctx;
  const now = clock.now().toISOString();
  const nextIndexNo = await indexNumberer(trx, planned);
  const rows: Insertable<DocumentsTable>[] = [];
  for (const [i, p] of planned.entries()) {
    if (i % 1000 === 999) ctx.options.onProgress?.('document', i + 1, planned.length);
    const d = p.data;
    const body = bodyHtmlAndText(d.body);
    const normative = d.category === 'rule' || d.category === 'normative';
    const publishedOn = d.publishedOn ?? null;
    rows.push({
      agencyId: p.agency.id,
      ref: p.ref,
      title: d.title,
      indexNo: d.indexNo ?? (publishedOn ? await nextIndexNo(p.agency, d.category, publishedOn.slice(0, 4)) : null),
      docNo: d.docNo ?? null,
      issuingBody: d.issuingBody ?? p.agency.name,
      category: d.category,
      topic: d.topic ?? null,
      issuedOn: d.issuedOn,
      publishedOn,
      bodyHtml: body.html,
      bodyText: body.text,
      validity: normative ? (d.validity ?? 'in_force') : null,
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
  const ids = await insertMany(trx, 'documents', rows, true);
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
  const published = rows.flatMap((r, i) =>
    r.status === 'published'
      ? [{ ...r, id: ids[i] as number, docNo: r.docNo ?? null, publishedOn: r.publishedOn as string, attachmentText: '', validity: r.validity ?? null }]
      : [],
  );
  await bulkIndexDocuments(trx, published);
  await insertMany(
    trx,
    'review_steps',
    planned.map((p, i) => ({
      agencyId: p.agency.id,
      documentId: ids[i],
      step: 'import',
      fromStatus: 'draft',
      toStatus: rows[i]?.status,
      actorName: I.actor,
      comment: I.line(p.line),
      checklistJson: null,
      at: now,
    })),
    false,
  );
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
