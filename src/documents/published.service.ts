/** What happens to a document after publication: corrections (versions kept), withdrawal, validity, interpretation links. */
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { indexDocument, unindexDocument } from '../search/search.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput } from '../shared/validation.ts';
import { bumpContentVersion } from '../web/content-version.ts';
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
import { authorize, canChangePublished, canLinkInterpretation } from './documents.policy.ts';
import { correctionSchema, reasonSchema, validityChangeSchema } from './documents.schema.ts';
import { bodyToHtml, htmlToText } from './sanitize.ts';

const E = t.documents.errors;

/** Corrects a published document (leaders): the old version is kept and listed, the new one replaces it. */
export async function correctDocument(deps: DocumentDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<DocumentRow> {
  authorize(canChangePublished(actor, agencyId));
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
    await recordStep(trx, deps.clock, actor, before, 'correct', 'published', { comment: data.reason });
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
  authorize(canChangePublished(actor, agencyId));
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
    await recordStep(trx, deps.clock, actor, before, 'withdraw', 'withdrawn', { comment: reason });
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
  authorize(canChangePublished(actor, agencyId));
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
  await recordStep(trx, clock, actor, before, 'validity', before.status, {
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
  authorize(canLinkInterpretation(actor, agencyId));
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
