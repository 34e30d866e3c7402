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
import { insertNewDocuments, type NewPlanned } from './import-bulk.ts';
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

const IN_CHUNK = 500;

/** Lines checked in one step: a step's documents go to the writer while the next step is checked. */
const PLAN_CHUNK = 2000;

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

/** What the database holds for the file's lines, read before any line is checked: see plan. */
type Known = {
  agencies: Map<string, Agency>;
  byRef: Map<string, { id: number; category: string }>;
  byIndexNo: Map<string, { id: number; category: string }>;
};

/**
 * Reads at once what every line's checks ask the database (agencies, refs, 索引号 and interpreted documents), keyed
 * by the lines' own values (the 索引号 trimmed as the schema trims it), and sizes the load for the writer: new lines,
 * those of them published, and the 索引号 the file gives per agency (the numberer hands none of them out).
 */
async function readKnown(ctx: ImportContext, lines: readonly ImportLine[]) {
  const agencies = new Map<string, Agency>();
  const codes = [...new Set(lines.flatMap((l) => str(l.record.agency) ?? []))];
  for (let i = 0; i < codes.length; i += IN_CHUNK) {
    for (const a of await ctx.trx
      .selectFrom('agencies')
      .selectAll()
      .where('code', 'in', codes.slice(i, i + IN_CHUNK))
      .execute())
      agencies.set(a.code, a);
  }
  const refsWanted = new Map<number, Set<string>>();
  const indexNosWanted = new Map<number, Set<string>>();
  const want = (m: Map<number, Set<string>>, agencyId: number, v: string) => {
    const set = m.get(agencyId);
    if (set) set.add(v);
    else m.set(agencyId, new Set([v]));
  };
  const given = new Map<number, string[]>();
  for (const { record: r } of lines) {
    const agency = agencies.get(str(r.agency) ?? '');
    if (!agency) continue;
    const ref = str(r.ref);
    if (ref) want(refsWanted, agency.id, ref);
    const interpretsRef = str(r.interprets);
    if (interpretsRef !== undefined) want(refsWanted, agency.id, interpretsRef);
    const indexNo = str(r.indexNo)?.trim();
    if (indexNo) {
      want(indexNosWanted, agency.id, indexNo);
      const list = given.get(agency.id);
      if (list) list.push(indexNo);
      else given.set(agency.id, [indexNo]);
    }
  }
  const known: Known = { agencies, byRef: await lookup(ctx, 'ref', refsWanted), byIndexNo: await lookup(ctx, 'indexNo', indexNosWanted) };
  let fresh = 0;
  let published = 0;
  for (const { record: r } of lines) {
    const agency = agencies.get(str(r.agency) ?? '');
    if (!agency || known.byRef.has(`${agency.id}\u0000${str(r.ref)}`)) continue;
    fresh++;
    if (str(r.publishedOn)?.trim()) published++;
  }
  return { known, load: { rows: fresh, published, givenIndexNos: given } };
}

/**
 * Checks the lines in file order, PLAN_CHUNK at a time, yielding each step's planned records; every problem goes to
 * `problems`. A line's checks look only at the lines before it and at what the database held before the import
 * (`known`), so checking in steps finds exactly what checking the whole file first found, while the writer can
 * already write the steps before.
 */
async function* plan(ctx: ImportContext, lines: readonly ImportLine[], known: Known, problems: ImportProblem[]): AsyncGenerator<Planned[]> {
  const { options } = ctx;
  const { agencies, byRef, byIndexNo } = known;
  const seenRefs = new Set<string>();
  const seenIndexNos = new Set<string>();
  for (let from = 0; from < lines.length; from += PLAN_CHUNK) {
    const planned: Planned[] = [];
    for (const { line, record: r } of lines.slice(from, from + PLAN_CHUNK)) {
      const problem = (field: string, message: string) => problems.push({ line, field, message });
      const code = str(r.agency);
      if (!code) {
        problem('agency', I.agencyMissing);
        continue;
      }
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
      const data = parsed.data;
      const interpretsRef = str(r.interprets) ?? null;
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
    yield planned;
  }
}

/** Ends the writer's load when a line had a problem (the import then rolls back). */
class LinesRejected extends Error {}

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
    const { known, load } = await readKnown(ctx, lines);
    const problems: ImportProblem[] = [];
    const replacements: Planned[] = [];
    let written = 0;
    // New records are written step by step as they are checked, before the replacements, which may refer to them and
    // are written one by one. From the first problem on nothing more is written, but every line is still checked so
    // that all problems are listed.
    async function* fresh(): AsyncGenerator<NewPlanned[]> {
      for await (const planned of plan(ctx, lines, known, problems)) {
        if (problems.length > 0) continue;
        written += planned.length;
        yield planned.filter((p) => p.existingId === null);
        for (const p of planned) if (p.existingId !== null) replacements.push(p);
      }
      if (problems.length > 0) throw new LinesRejected();
    }
    try {
      await insertNewDocuments(ctx, { ...load, planned: fresh() }, new Map());
    } catch (e) {
      if (e instanceof LinesRejected) return { problems, written: 0 };
      throw e;
    }
    for (const p of replacements) await write(ctx, p);
    return { problems: [], written };
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
