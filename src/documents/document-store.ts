/** What the document use cases share: loading rows inside their transaction, the review-step record, the audit view. */
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency, Database } from '../db/schema.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { DocumentStatus, DocumentsTable, ReviewStepKind } from './documents.tables.ts';

export type DocumentDeps = { db: DbOrTrx; clock: Clock };
export type DocumentRow = Omit<DocumentsTable, 'id'> & { id: number };

const E = t.documents.errors;

/** A document (of the agency, when given), or NOT_FOUND. */
export async function loadDocument(trx: DbOrTrx, id: number, agencyId?: number): Promise<DocumentRow> {
  let q = trx.selectFrom('documents').selectAll().where('id', '=', id);
  if (agencyId !== undefined) q = q.where('agencyId', '=', agencyId);
  const doc = await q.executeTakeFirst();
  if (!doc) throw notFound(E.notFound);
  return doc;
}

export async function loadAgency(trx: DbOrTrx, agencyId: number): Promise<Agency> {
  const agency = await trx.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound(t.agency.notFound);
  return agency;
}

export function requireState(doc: DocumentRow, ...states: DocumentStatus[]): void {
  if (!states.includes(doc.status)) throw invalidState(E.wrongState(t.documents.statuses[doc.status]));
}

/** One line of the document's history (the console's 处理记录). */
export async function recordStep(
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
export const auditView = (d: DocumentRow) => {
  const { bodyHtml, bodyText, ...rest } = d;
  return { ...rest, bodyLength: bodyText.length };
};

/** An interpretation may explain only a document of the same agency that is itself no interpretation and not withdrawn. */
export async function checkInterprets(trx: DbOrTrx, agencyId: number, interpretsId: number | undefined): Promise<void> {
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

/** The text of a document's attachments, for the search index. */
export async function attachmentText(trx: DbOrTrx, documentId: number): Promise<string> {
  const rows = await trx.selectFrom('attachments').select('extractedText').where('documentId', '=', documentId).execute();
  return rows.map((r) => r.extractedText).join('\n');
}
