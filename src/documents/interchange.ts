import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import { lockNumbering } from '../db/locks.ts';
import type { Agency } from '../db/schema.ts';
import type { ExportHandler } from '../interchange/exporter.ts';
import { type ImportContext, type ImportHandler, type ImportLine, type ImportProblem, importRecords } from '../interchange/importer.ts';
import { unindexDocument } from '../search/search.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { fieldErrorsOf } from '../shared/validation.ts';

const I = t.documents.import;

import { draftSchema } from './documents.schema.ts';
import { publishInTransaction } from './documents.service.ts';
import { insertNewDocuments } from './import-bulk.ts';
import { bodyToHtml, htmlToText } from './sanitize.ts';

/**
 * Documents in the interchange format (interchange.md "Documents"): the `document` import handler (all or nothing,
 * problems by line and English field name with a Chinese reason) and the export of published documents.
 */

// Our form field names → the interchange's field names, for messages.
const FIELD_NAMES: Record<string, string> = { interpretsId: 'interprets', body: 'body' };

type Planned = {
  line: number;
  agency: Agency;
  ref: string;
  existingId: number | null;
  interpretsRef: string | null;
  data: ReturnType<typeof draftSchema.parse>;
};

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v));

type Parsed = { line: number; agency: Agency; code: string; ref: string; interpretsRef: string | null; data: ReturnType<typeof draftSchema.parse> };

const IN_CHUNK = 500;

/** agencyId/value → id of the documents whose `column` is one of the values: one query per agency and 500 values. */
async function lookup(ctx: ImportContext, column: 'ref' | 'indexNo', wanted: Map<number, Set<string>>): Promise<Map<string, { id: number; category: string }>> {
  const out = new Map<string, { id: number; category: string }>();
  for (const [agencyId, values] of wanted) {
    const list = [...values];
    for (let i = 0; i < list.length; i += IN_CHUNK) {
      const rows = await ctx.trx
        .selectFrom('documents')
        .select(['id', 'category', column])
        .where('agencyId', '=', agencyId)
        .where(column, 'in', list.slice(i, i + IN_CHUNK))
        .execute();
      for (const r of rows) out.set(`${agencyId}\u0000${(r as Record<string, unknown>)[column]}`, { id: r.id, category: r.category });
    }
  }
  return out;
}

/**
 * Validates every line before anything is written, so a bad record never leaves a half-written transaction. The
 * database is asked in batches (refs, 索引号 and interpreted documents of all lines at once), not once per line.
 */
async function plan(ctx: ImportContext, lines: ImportLine[]): Promise<{ problems: ImportProblem[]; planned: Planned[] }> {
  const { trx, options } = ctx;
  const problems: ImportProblem[] = [];
  const planned: Planned[] = [];
  const agencies = new Map<string, Agency | null>();
  const parsedLines: Parsed[] = [];
  const refsWanted = new Map<number, Set<string>>();
  const indexNosWanted = new Map<number, Set<string>>();
  const want = (m: Map<number, Set<string>>, agencyId: number, v: string) => {
    const set = m.get(agencyId) ?? new Set<string>();
    set.add(v);
    m.set(agencyId, set);
  };
  for (const { line, record: r } of lines) {
    const problem = (field: string, message: string) => problems.push({ line, field, message });
    const code = str(r.agency);
    if (!code) {
      problem('agency', I.agencyMissing);
      continue;
    }
    if (!agencies.has(code)) agencies.set(code, (await trx.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst()) ?? null);
    const agency = agencies.get(code);
    if (!agency) {
      problem('agency', I.agencyUnknown(code));
      continue;
    }
    const ref = str(r.ref);
    if (!ref) {
      problem('ref', I.refMissing);
      continue;
    }
    const parsed = draftSchema.safeParse({
      title: str(r.title),
      ref,
      indexNo: str(r.indexNo),
      docNo: str(r.docNo),
      issuingBody: str(r.issuingBody),
      category: r.category,
      topic: str(r.topic),
      issuedOn: str(r.issuedOn),
      publishedOn: str(r.publishedOn),
      body: str(r.body) ?? '',
      validity: r.validity ?? undefined,
      validityChangedOn: str(r.validityChangedOn),
      interpretationForm: r.interpretationForm ?? undefined,
    });
    if (!parsed.success) {
      for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error))) problem(FIELD_NAMES[field] ?? field, message);
      continue;
    }
    const interpretsRef = str(r.interprets) ?? null;
    want(refsWanted, agency.id, ref);
    if (interpretsRef !== null) want(refsWanted, agency.id, interpretsRef);
    if (parsed.data.indexNo) want(indexNosWanted, agency.id, parsed.data.indexNo);
    parsedLines.push({ line, agency, code, ref, interpretsRef, data: parsed.data });
  }
  const byRef = await lookup(ctx, 'ref', refsWanted);
  const byIndexNo = await lookup(ctx, 'indexNo', indexNosWanted);
  const seenRefs = new Set<string>();
  const seenIndexNos = new Set<string>();
  for (const { line, agency, code, ref, interpretsRef, data } of parsedLines) {
    const problem = (field: string, message: string) => problems.push({ line, field, message });
    const key = `${code}\u0000${ref}`;
    if (seenRefs.has(key)) {
      problem('ref', I.refRepeated(code, ref));
      continue;
    }
    const existing = byRef.get(`${agency.id}\u0000${ref}`);
    if (existing && !options.replace) {
      problem('ref', I.refExists(code, ref));
      continue;
    }
    const indexNo = data.indexNo;
    if (indexNo) {
      const clash = byIndexNo.get(`${agency.id}\u0000${indexNo}`);
      if ((clash && clash.id !== existing?.id) || seenIndexNos.has(`${code}\u0000${indexNo}`)) {
        problem('indexNo', I.indexNoTaken(indexNo));
        continue;
      }
      seenIndexNos.add(`${code}\u0000${indexNo}`);
    }
    if (interpretsRef !== null) {
      if (data.category !== 'interpretation') {
        problem('interprets', I.interpretsOnly);
        continue;
      }
      const inFile = seenRefs.has(`${code}\u0000${interpretsRef}`);
      const inDb = inFile ? null : byRef.get(`${agency.id}\u0000${interpretsRef}`);
      if (!inFile && (!inDb || inDb.category === 'interpretation')) {
        problem('interprets', I.interpretsUnknown(interpretsRef));
        continue;
      }
    }
    seenRefs.add(key);
    planned.push({ line, agency, ref, existingId: existing?.id ?? null, interpretsRef, data });
  }
  return { problems, planned };
}

async function write(ctx: ImportContext, p: Planned): Promise<void> {
  const { trx, clock, actor } = ctx;
  const d = p.data;
  const bodyHtml = bodyToHtml(d.body);
  const normative = d.category === 'rule' || d.category === 'normative';
  const interpretsId = p.interpretsRef
    ? ((await trx.selectFrom('documents').select('id').where('agencyId', '=', p.agency.id).where('ref', '=', p.interpretsRef).executeTakeFirst())?.id ?? null)
    : null;
  const now = clock.now().toISOString();
  const fields = {
    title: d.title,
    indexNo: d.indexNo ?? null,
    docNo: d.docNo ?? null,
    issuingBody: d.issuingBody ?? p.agency.name,
    category: d.category,
    topic: d.topic ?? null,
    issuedOn: d.issuedOn,
    publishedOn: d.publishedOn ?? null,
    bodyHtml,
    bodyText: htmlToText(bodyHtml),
    validity: normative ? (d.validity ?? 'in_force') : null,
    validityChangedOn: normative && d.validity && d.validity !== 'in_force' ? (d.validityChangedOn ?? null) : null,
    interpretsId,
    interpretationForm: d.category === 'interpretation' ? (d.interpretationForm ?? 'text') : null,
    status: 'draft' as const,
    updatedAt: now,
  };
  const before = p.existingId ? await trx.selectFrom('documents').select(['publishedOn']).where('id', '=', p.existingId).executeTakeFirst() : undefined;
  let doc = p.existingId
    ? await trx.updateTable('documents').set(fields).where('id', '=', p.existingId).returningAll().executeTakeFirstOrThrow()
    : await trx
        .insertInto('documents')
        .values({ ...fields, agencyId: p.agency.id, ref: p.ref, version: 1, withdrawnReason: null, withdrawnOn: null, createdBy: I.actor, createdAt: now })
        .returningAll()
        .executeTakeFirstOrThrow();
  if (p.existingId) await unindexDocument(trx, { id: doc.id, publishedOn: before?.publishedOn ?? null });
  if (doc.publishedOn) doc = await publishInTransaction(trx, clock, doc);
  await trx
    .insertInto('reviewSteps')
    .values({
      agencyId: p.agency.id,
      documentId: doc.id,
      step: 'import',
      fromStatus: 'draft',
      toStatus: doc.status,
      actorName: I.actor,
      comment: I.line(p.line),
      checklistJson: null,
      at: now,
    })
    .execute();
  const { bodyHtml: _b, bodyText: _t, ...audited } = doc;
  await recordAudit(trx, clock, {
    actor,
    agencyId: p.agency.id,
    action: p.existingId ? 'document.import_replace' : 'document.import',
    entityType: 'document',
    entityId: doc.id,
    after: audited,
  });
}

/** The `document` kind of `gongkai import`. */
export const documentImportHandler: ImportHandler = {
  kind: 'document',
  order: 10,
  // The 索引号 of every agency named, in id order (two imports never wait for each other in a cycle).
  async lockNumbering(ctx, lines) {
    const codes = [...new Set(lines.flatMap((l) => str(l.record.agency) ?? []))];
    if (codes.length === 0) return;
    const agencies = await ctx.trx.selectFrom('agencies').select('id').where('code', 'in', codes).orderBy('id').execute();
    for (const a of agencies) await lockNumbering(ctx.trx, 'document-index-no', a.id);
  },
  async importLines(ctx, lines) {
    const { problems, planned } = await plan(ctx, lines);
    if (problems.length > 0) return { problems, written: 0 };
    // New records in bulk first, so that replacements may refer to them; replacements one by one.
    await insertNewDocuments(
      ctx,
      planned.filter((p) => p.existingId === null),
      new Map(),
    );
    for (const p of planned) if (p.existingId !== null) await write(ctx, p);
    return { problems: [], written: planned.length };
  },
};

/** Imports document records all or nothing (ImportFailed lists every bad line); returns how many were written. */
export async function importDocuments(
  deps: { db: DbOrTrx; clock: Clock },
  actor: Actor,
  records: ImportLine[],
  options: { replace: boolean },
): Promise<number> {
  const counts = await importRecords(
    deps,
    actor,
    [documentImportHandler],
    { lines: records.map((r) => ({ ...r, record: { kind: 'document', ...r.record } })), problems: [] },
    options,
  );
  return counts.document ?? 0;
}

const BATCH = 1000;

/** Published documents of an agency (optionally one year of publication) as interchange records, oldest first. */
export async function* exportDocuments(db: DbOrTrx, agencyCode: string, options: { year?: number | undefined } = {}): AsyncIterable<Record<string, unknown>> {
  const agency = await db.selectFrom('agencies').select(['id', 'code']).where('code', '=', agencyCode).executeTakeFirst();
  if (!agency) return;
  const refOf = new Map<number, string>();
  let lastId = 0;
  for (;;) {
    let q = db.selectFrom('documents').selectAll().where('agencyId', '=', agency.id).where('status', '=', 'published').where('id', '>', lastId);
    if (options.year) q = q.where('publishedOn', '>=', `${options.year}-01-01`).where('publishedOn', '<=', `${options.year}-12-31`);
    const rows = await q.orderBy('id').limit(BATCH).execute();
    for (const d of rows) {
      refOf.set(d.id, d.ref);
      let interprets: string | null = null;
      if (d.interpretsId) {
        interprets =
          refOf.get(d.interpretsId) ?? (await db.selectFrom('documents').select('ref').where('id', '=', d.interpretsId).executeTakeFirst())?.ref ?? null;
      }
      yield {
        kind: 'document',
        agency: agency.code,
        ref: d.ref,
        indexNo: d.indexNo,
        title: d.title,
        docNo: d.docNo,
        issuingBody: d.issuingBody,
        category: d.category,
        topic: d.topic,
        issuedOn: d.issuedOn,
        publishedOn: d.publishedOn,
        ...(d.validity ? { validity: d.validity, validityChangedOn: d.validityChangedOn } : {}),
        body: d.bodyHtml,
        interprets,
        ...(d.interpretationForm ? { interpretationForm: d.interpretationForm } : {}),
      };
    }
    if (rows.length < BATCH) return;
    lastId = rows[rows.length - 1]?.id ?? lastId;
  }
}

/** The `documents` kind of `gongkai export`. */
export const documentExportHandler: ExportHandler = {
  kind: 'document',
  exportRecords: (db, agencyCode, options) => exportDocuments(db, agencyCode, { year: options.year }),
};
