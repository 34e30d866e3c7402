/** Drafting and 先审查后公开: a draft is written, checked in 保密审查, approved by a leader and so published. */
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import { lockNumbering } from '../db/locks.ts';
import type { Agency, Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { indexDocument } from '../search/search.service.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { bumpContentVersion } from '../web/content-version.ts';
import { type CheckedFile, checkAttachment, type UploadedFile } from './attachments.ts';
import {
  attachmentText,
  auditView,
  checkInterprets,
  type DocumentDeps,
  type DocumentRow,
  loadAgency,
  loadDocument,
  recordStep,
  requireState,
} from './document-store.ts';
import { authorize, canApprove, canEditDrafts, canReviewSecrecy, canSendBack } from './documents.policy.ts';
import { commentSchema, type DraftData, draftSchema } from './documents.schema.ts';
import { CATEGORIES, type Category, type DocumentStatus, type ReviewStepKind } from './documents.tables.ts';
import { bodyToHtml, htmlToText } from './sanitize.ts';

export type { DocumentDeps, DocumentRow } from './document-store.ts';

const E = t.documents.errors;

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
  await lockNumbering(trx, 'document-ref', agencyId);
  const prefix = `D-${year}-`;
  const rows = await trx.selectFrom('documents').select('ref').where('agencyId', '=', agencyId).where('ref', 'like', `${prefix}%`).execute();
  let max = 0;
  for (const r of rows) max = Math.max(max, Number(r.ref.slice(prefix.length)) || 0);
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
}

/** Creates a draft (editors), with checked attachments; unsafe HTML in the body is stripped. */
export async function createDraft(deps: DocumentDeps, actor: Actor, agencyId: number, input: unknown, files: UploadedFile[] = []): Promise<DocumentRow> {
  authorize(canEditDrafts(actor, agencyId));
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
  authorize(canEditDrafts(actor, agencyId));
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
    /** The policy's answer for this actor. */
    allowed: boolean;
    from: DocumentStatus[];
    to: DocumentStatus;
    kind: ReviewStepKind;
    action: string;
    comment?: string | null;
    checklist?: string[];
  },
): Promise<DocumentRow> {
  authorize(opts.allowed);
  return inTransaction(deps.db, async (trx) => {
    const before = await loadDocument(trx, id, agencyId);
    requireState(before, ...opts.from);
    let after = await trx
      .updateTable('documents')
      .set({ status: opts.to, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordStep(trx, deps.clock, actor, before, opts.kind, opts.to, {
      comment: opts.comment ?? null,
      ...(opts.checklist ? { checklist: opts.checklist } : {}),
    });
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
  return transition(deps, actor, agencyId, id, {
    allowed: canEditDrafts(actor, agencyId),
    from: ['draft'],
    to: 'secrecy_review',
    kind: 'submit',
    action: 'document.submit',
  });
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
    allowed: canReviewSecrecy(actor, agencyId),
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
    allowed: canApprove(actor, agencyId),
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
  return transition(deps, actor, agencyId, id, {
    allowed: canSendBack(actor, agencyId, doc.status),
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
  await lockNumbering(trx, 'document-index-no', agency.id);
  const rows = await trx.selectFrom('documents').select('indexNo').where('agencyId', '=', agency.id).where('indexNo', 'like', `${prefix}%`).execute();
  let max = 0;
  for (const r of rows) max = Math.max(max, Number(r.indexNo?.slice(prefix.length)) || 0);
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
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
