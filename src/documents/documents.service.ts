import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency, Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { indexDocument, unindexDocument } from '../search/search.service.ts';
import { type Actor, actorName, hasRole } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden, invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { type CheckedFile, checkAttachment, type UploadedFile } from './attachments.ts';
import { bumpContentVersion } from './content-version.ts';
import { commentSchema, correctionSchema, type DraftData, draftSchema, reasonSchema, validityChangeSchema } from './documents.schema.ts';
import { CATEGORIES, type Category, type DocumentStatus, type DocumentsTable, type ReviewStepKind } from './documents.tables.ts';
import { htmlToText, sanitizeBody, textToHtml } from './sanitize.ts';

export type DocumentDeps = { db: DbOrTrx; clock: Clock };
export type DocumentRow = Omit<DocumentsTable, 'id'> & { id: number };

const E = t.documents.errors;
const EDITORS = ['editor', 'admin'] as const;
const LEADERS = ['leader', 'admin'] as const;

async function loadDocument(trx: DbOrTrx, id: number, agencyId?: number): Promise<DocumentRow> {
  let q = trx.selectFrom('documents').selectAll().where('id', '=', id);
  if (agencyId !== undefined) q = q.where('agencyId', '=', agencyId);
  const doc = await q.executeTakeFirst();
  if (!doc) throw notFound(E.notFound);
  return doc;
}

async function loadAgency(trx: DbOrTrx, agencyId: number): Promise<Agency> {
  const agency = await trx.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound(t.agency.notFound);
  return agency;
}

function requireState(doc: DocumentRow, ...states: DocumentStatus[]): void {
  if (!states.includes(doc.status)) throw invalidState(E.wrongState(t.documents.statuses[doc.status]));
}

async function step(
  trx: Transaction<Database>,
  clock: Clock,
  actor: Actor,
  doc: DocumentRow,
  kind: ReviewStepKind,
  toStatus: DocumentStatus,
  extra: { comment?: string | null; checklist?: string[] } = {},
): Promise<void> {
  await trx
    .insertInto('reviewSteps')
    .values({
      agencyId: doc.agencyId,
      documentId: doc.id,
      step: kind,
      fromStatus: doc.status,
      toStatus,
      actorName: actorName(actor),
      comment: extra.comment ?? null,
      checklistJson: extra.checklist ? JSON.stringify(extra.checklist) : null,
      at: clock.now().toISOString(),
    })
    .execute();
}

// The audit record keeps the document without its (possibly long) body, plus a fingerprint of the body's length.
const auditView = (d: DocumentRow) => {
  const { bodyHtml, bodyText, ...rest } = d;
  return { ...rest, bodyLength: bodyText.length };
};

async function uniqueChecks(trx: DbOrTrx, agencyId: number, data: { ref?: string | undefined; indexNo?: string | undefined }, selfId?: number) {
  const fields: Record<string, string> = {};
  if (data.ref) {
    const hit = await trx.selectFrom('documents').select('id').where('agencyId', '=', agencyId).where('ref', '=', data.ref).executeTakeFirst();
    if (hit && hit.id !== selfId) fields.ref = E.refTaken;
  }
  if (data.indexNo) {
    const hit = await trx.selectFrom('documents').select('id').where('agencyId', '=', agencyId).where('indexNo', '=', data.indexNo).executeTakeFirst();
    if (hit && hit.id !== selfId) fields.indexNo = E.indexNoTaken;
  }
  if (Object.keys(fields).length) throw new DomainError('CONFLICT', Object.values(fields)[0] as string, fields);
}

async function checkInterprets(trx: DbOrTrx, agencyId: number, interpretsId: number | undefined): Promise<void> {
  if (!interpretsId) return;
  const target = await trx
    .selectFrom('documents')
    .select(['id', 'category', 'status'])
    .where('id', '=', interpretsId)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!target || target.category === 'interpretation' || target.status === 'withdrawn') {
    throw new DomainError('VALIDATION', t.errors.validation, { interpretsId: E.interpretsNotFound });
  }
}

/** A body typed as plain text becomes paragraphs; markup is sanitised either way. */
export function bodyToHtml(body: string): string {
  return sanitizeBody(/<[a-z!/]/i.test(body) ? body : textToHtml(body));
}

function rowFromDraft(data: DraftData, agency: Agency) {
  const bodyHtml = bodyToHtml(data.body);
  const normative = data.category === 'rule' || data.category === 'normative';
  return {
    title: data.title,
    indexNo: data.indexNo ?? null,
    docNo: data.docNo ?? null,
    issuingBody: data.issuingBody ?? agency.name,
    category: data.category,
    topic: data.topic ?? null,
    issuedOn: data.issuedOn,
    publishedOn: data.publishedOn ?? null,
    bodyHtml,
    bodyText: htmlToText(bodyHtml),
    validity: normative ? (data.validity ?? 'in_force') : null,
    validityChangedOn: normative && data.validity && data.validity !== 'in_force' ? (data.validityChangedOn ?? null) : null,
    interpretsId: data.category === 'interpretation' ? (data.interpretsId ?? null) : null,
    interpretationForm: data.category === 'interpretation' ? (data.interpretationForm ?? 'text') : null,
  };
}

async function storeAttachments(trx: DbOrTrx, clock: Clock, doc: { id: number; agencyId: number }, files: CheckedFile[]): Promise<void> {
  for (const f of files) {
    await trx
      .insertInto('attachments')
      .values({
        agencyId: doc.agencyId,
        documentId: doc.id,
        fileName: f.fileName,
        mediaType: f.mediaType,
        size: f.size,
        sha256: f.sha256,
        content: f.data,
        extractedText: f.extractedText,
        textStatus: f.textStatus,
        createdAt: clock.now().toISOString(),
      })
      .execute();
  }
}

/** Checks uploaded files before any transaction opens (type by content, size, text extraction). */
export async function checkFiles(files: UploadedFile[]): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  for (const f of files) out.push(await checkAttachment(f));
  return out;
}

async function nextRef(trx: DbOrTrx, agencyId: number, year: string): Promise<string> {
  const prefix = `D-${year}-`;
  const rows = await trx.selectFrom('documents').select('ref').where('agencyId', '=', agencyId).where('ref', 'like', `${prefix}%`).execute();
  let max = 0;
  for (const r of rows) max = Math.max(max, Number(r.ref.slice(prefix.length)) || 0);
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
}

/** Creates a draft (editors), with checked attachments; unsafe HTML in the body is stripped. */
export async function createDraft(deps: DocumentDeps, actor: Actor, agencyId: number, input: unknown, files: UploadedFile[] = []): Promise<DocumentRow> {
  if (!hasRole(actor, agencyId, EDITORS)) throw forbidden();
  const data = parseInput(draftSchema, input);
  const checked = await checkFiles(files);
  return inTransaction(deps.db, async (trx) => {
    const agency = await loadAgency(trx, agencyId);
    await uniqueChecks(trx, agencyId, data);
    await checkInterprets(trx, agencyId, data.interpretsId);
    const now = deps.clock.now().toISOString();
    const doc = await trx
      .insertInto('documents')
      .values({
        agencyId,
        ref: data.ref ?? (await nextRef(trx, agencyId, data.issuedOn.slice(0, 4))),
        ...rowFromDraft(data, agency),
        status: 'draft',
        version: 1,
        withdrawnReason: null,
        withdrawnOn: null,
        createdBy: actorName(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await storeAttachments(trx, deps.clock, doc, checked);
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'document.create', entityType: 'document', entityId: doc.id, after: auditView(doc) });
    return doc;
  });
}

/** A draft's fields as its edit form shows them ('' for none); what a field absent from a submission keeps. */
export function draftForm(d: DocumentRow): Record<string, string> {
  return {
    title: d.title,
    ref: d.ref,
    indexNo: d.indexNo ?? '',
    docNo: d.docNo ?? '',
    issuingBody: d.issuingBody,
    category: d.category,
    topic: d.topic ?? '',
    issuedOn: d.issuedOn,
    publishedOn: d.publishedOn ?? '',
    body: d.bodyHtml,
    validity: d.validity ?? '',
    validityChangedOn: d.validityChangedOn ?? '',
    interpretsId: d.interpretsId ? String(d.interpretsId) : '',
    interpretationForm: d.interpretationForm ?? '',
  };
}

/** Changes a draft (editors); only drafts change this way, published documents are corrected. */
export async function updateDraft(
  deps: DocumentDeps,
  actor: Actor,
  agencyId: number,
  id: number,
  input: unknown,
  files: UploadedFile[] = [],
  removeAttachmentIds: number[] = [],
): Promise<DocumentRow> {
  if (!hasRole(actor, agencyId, EDITORS)) throw forbidden();
  const checked = await checkFiles(files);
  return inTransaction(deps.db, async (trx) => {
    const before = await loadDocument(trx, id, agencyId);
    requireState(before, 'draft');
    const data = parseInput(draftSchema, keepAbsent(draftForm(before), input));
    const agency = await loadAgency(trx, agencyId);
    await uniqueChecks(trx, agencyId, data, id);
    await checkInterprets(trx, agencyId, data.interpretsId);
    const after = await trx
      .updateTable('documents')
      .set({ ...(data.ref ? { ref: data.ref } : {}), ...rowFromDraft(data, agency), updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (removeAttachmentIds.length) await trx.deleteFrom('attachments').where('documentId', '=', id).where('id', 'in', removeAttachmentIds).execute();
    await storeAttachments(trx, deps.clock, after, checked);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'document.update',
      entityType: 'document',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

async function transition(
  deps: DocumentDeps,
  actor: Actor,
  agencyId: number,
  id: number,
  opts: {
    roles: readonly ('editor' | 'reviewer' | 'leader' | 'admin')[];
    from: DocumentStatus[];
    to: DocumentStatus;
    kind: ReviewStepKind;
    action: string;
    comment?: string | null;
    checklist?: string[];
  },
): Promise<DocumentRow> {
  if (!hasRole(actor, agencyId, opts.roles)) throw forbidden();
  return inTransaction(deps.db, async (trx) => {
    const before = await loadDocument(trx, id, agencyId);
    requireState(before, ...opts.from);
    let after = await trx
      .updateTable('documents')
      .set({ status: opts.to, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await step(trx, deps.clock, actor, before, opts.kind, opts.to, { comment: opts.comment ?? null, ...(opts.checklist ? { checklist: opts.checklist } : {}) });
    if (opts.to === 'published') after = await publishInTransaction(trx, deps.clock, after);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: opts.action,
      entityType: 'document',
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), comment: opts.comment ?? undefined },
    });
    return after;
  });
}

/** Sends a draft to 保密审查 (editors). */
export async function submitForReview(deps: DocumentDeps, actor: Actor, agencyId: number, id: number): Promise<DocumentRow> {
  return transition(deps, actor, agencyId, id, { roles: EDITORS, from: ['draft'], to: 'secrecy_review', kind: 'submit', action: 'document.submit' });
}

/** The reviewer confirms every item of the 保密审查 checklist; the document goes to the leader. */
export async function confirmSecrecyReview(
  deps: DocumentDeps,
  actor: Actor,
  agencyId: number,
  id: number,
  input: { checklist: string[]; comment?: string },
): Promise<DocumentRow> {
  const all = t.documents.checklist.every((_, i) => input.checklist.includes(String(i)));
  if (!all) throw new DomainError('VALIDATION', E.checklistIncomplete, { checklist: E.checklistIncomplete });
  return transition(deps, actor, agencyId, id, {
    roles: ['reviewer'],
    from: ['secrecy_review'],
    to: 'approval',
    kind: 'secrecy_ok',
    action: 'document.secrecy_ok',
    comment: input.comment?.trim() || null,
    checklist: [...t.documents.checklist],
  });
}

/** The leader approves: the document is published at once (审核通过即发布). */
export async function approve(deps: DocumentDeps, actor: Actor, agencyId: number, id: number, input: { comment?: string } = {}): Promise<DocumentRow> {
  return transition(deps, actor, agencyId, id, {
    roles: ['leader'],
    from: ['approval'],
    to: 'published',
    kind: 'approve',
    action: 'document.approve',
    comment: input.comment?.trim() || null,
  });
}

/** Sends a document back to its editor with a comment: the reviewer from 保密审查, the leader from 审核. */
export async function sendBack(deps: DocumentDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<DocumentRow> {
  const { comment } = parseInput(commentSchema, input);
  const doc = await loadDocument(deps.db, id, agencyId);
  const role = doc.status === 'approval' ? 'leader' : 'reviewer';
  return transition(deps, actor, agencyId, id, {
    roles: [role],
    from: ['secrecy_review', 'approval'],
    to: 'draft',
    kind: 'send_back',
    action: 'document.send_back',
    comment,
  });
}

async function nextIndexNo(trx: DbOrTrx, agency: Agency, category: Category, year: string): Promise<string> {
  const code = String(CATEGORIES.indexOf(category) + 1).padStart(2, '0');
  const prefix = `${agency.creditCode ?? agency.code.toUpperCase()}/${code}-${year}-`;
  const rows = await trx.selectFrom('documents').select('indexNo').where('agencyId', '=', agency.id).where('indexNo', 'like', `${prefix}%`).execute();
  let max = 0;
  for (const r of rows) max = Math.max(max, Number(r.indexNo?.slice(prefix.length)) || 0);
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
}

async function attachmentText(trx: DbOrTrx, documentId: number): Promise<string> {
  const rows = await trx.selectFrom('attachments').select('extractedText').where('documentId', '=', documentId).execute();
  return rows.map((r) => r.extractedText).join('\n');
}

/** What publication does, inside the approving transaction: 索引号, 发布日期, the search index, the cache version. */
export async function publishInTransaction(trx: Transaction<Database>, clock: Clock, doc: DocumentRow): Promise<DocumentRow> {
  const agency = await loadAgency(trx, doc.agencyId);
  const publishedOn = doc.publishedOn ?? clock.today();
  const indexNo = doc.indexNo ?? (await nextIndexNo(trx, agency, doc.category, publishedOn.slice(0, 4)));
  const after = await trx
    .updateTable('documents')
    .set({ status: 'published', publishedOn, indexNo })
    .where('id', '=', doc.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await indexDocument(trx, { ...after, publishedOn, attachmentText: await attachmentText(trx, doc.id) });
  await bumpContentVersion(trx, agency.code);
  return after;
}

/** Corrects a published document (leaders): the old version is kept and listed, the new one replaces it. */
export async function correctDocument(deps: DocumentDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<DocumentRow> {
  if (!hasRole(actor, agencyId, LEADERS)) throw forbidden();
  const data = parseInput(correctionSchema, input);
  return inTransaction(deps.db, async (trx) => {
    const before = await loadDocument(trx, id, agencyId);
    requireState(before, 'published');
    await trx
      .insertInto('documentVersions')
      .values({
        documentId: id,
        version: before.version,
        title: before.title,
        docNo: before.docNo,
        bodyHtml: before.bodyHtml,
        publishedOn: before.publishedOn,
        replacedOn: deps.clock.today(),
        reason: data.reason,
      })
      .execute();
    const bodyHtml = bodyToHtml(data.body);
    const after = await trx
      .updateTable('documents')
      .set({
        title: data.title,
        docNo: data.docNo ?? null,
        bodyHtml,
        bodyText: htmlToText(bodyHtml),
        version: before.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await step(trx, deps.clock, actor, before, 'correct', 'published', { comment: data.reason });
    await indexDocument(trx, { ...after, publishedOn: after.publishedOn ?? deps.clock.today(), attachmentText: await attachmentText(trx, id) });
    await bumpContentVersion(trx, (await loadAgency(trx, agencyId)).code);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'document.correct',
      entityType: 'document',
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), reason: data.reason },
    });
    return after;
  });
}

/** Withdraws a published document with a reason (leaders): it leaves the column, the search and the feeds. */
export async function withdrawDocument(deps: DocumentDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<DocumentRow> {
  if (!hasRole(actor, agencyId, LEADERS)) throw forbidden();
  const { reason } = parseInput(reasonSchema, input);
  return inTransaction(deps.db, async (trx) => {
    const before = await loadDocument(trx, id, agencyId);
    requireState(before, 'published');
    const after = await trx
      .updateTable('documents')
      .set({ status: 'withdrawn', withdrawnReason: reason, withdrawnOn: deps.clock.today(), updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await step(trx, deps.clock, actor, before, 'withdraw', 'withdrawn', { comment: reason });
    await unindexDocument(trx, before);
    await bumpContentVersion(trx, (await loadAgency(trx, agencyId)).code);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'document.withdraw',
      entityType: 'document',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** Changes the validity of a 规章 or 行政规范性文件 (leaders), with the date of the change. */
export async function changeValidity(deps: DocumentDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<DocumentRow> {
  if (!hasRole(actor, agencyId, LEADERS)) throw forbidden();
  const data = parseInput(validityChangeSchema, input);
  return inTransaction(deps.db, async (trx) => applyValidity(trx, deps.clock, actor, agencyId, id, data.validity, data.changedOn ?? null));
}

/** Sets a document's validity inside a transaction (also used by the cleanup round). */
export async function applyValidity(
  trx: Transaction<Database>,
  clock: Clock,
  actor: Actor,
  agencyId: number,
  id: number,
  validity: 'in_force' | 'amended' | 'repealed' | 'expired',
  changedOn: string | null,
): Promise<DocumentRow> {
  const before = await loadDocument(trx, id, agencyId);
  if (before.category !== 'rule' && before.category !== 'normative') {
    throw new DomainError('VALIDATION', E.validityOnlyNormative, { validity: E.validityOnlyNormative });
  }
  const after = await trx
    .updateTable('documents')
    .set({ validity, validityChangedOn: validity === 'in_force' ? null : changedOn, updatedAt: clock.now().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await step(trx, clock, actor, before, 'validity', before.status, {
    comment: `${t.documents.validity[before.validity ?? 'in_force']} → ${t.documents.validity[validity]}`,
  });
  if (after.status === 'published' && after.publishedOn) {
    await indexDocument(trx, { ...after, publishedOn: after.publishedOn, attachmentText: await attachmentText(trx, id) });
  }
  await bumpContentVersion(trx, (await loadAgency(trx, agencyId)).code);
  await recordAudit(trx, clock, {
    actor,
    agencyId,
    action: 'document.validity',
    entityType: 'document',
    entityId: id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}

/** Links an interpretation to the document it explains (editors); both pages then link to each other. */
export async function linkInterpretation(
  deps: DocumentDeps,
  actor: Actor,
  agencyId: number,
  interpretationId: number,
  documentId: number,
): Promise<DocumentRow> {
  if (!hasRole(actor, agencyId, [...EDITORS, 'leader'])) throw forbidden();
  return inTransaction(deps.db, async (trx) => {
    const before = await loadDocument(trx, interpretationId, agencyId);
    if (before.category !== 'interpretation')
      throw new DomainError('VALIDATION', E.interpretsNotInterpretation, { interpretsId: E.interpretsNotInterpretation });
    await checkInterprets(trx, agencyId, documentId);
    const after = await trx
      .updateTable('documents')
      .set({ interpretsId: documentId, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', interpretationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpContentVersion(trx, (await loadAgency(trx, agencyId)).code);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'document.link_interpretation',
      entityType: 'document',
      entityId: interpretationId,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** A document of an agency for its console (any member), or NOT_FOUND. */
export function getDocumentForConsole(db: DbOrTrx, agencyId: number, id: number): Promise<DocumentRow> {
  return loadDocument(db, id, agencyId);
}
