/** The console's reads of an agency's documents in any state (the public read models are in documents.queries.ts). */
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../shared/errors.ts';
import { type DocumentRow, loadDocument } from '../document-store.ts';
import type { DocumentStatus, ReviewStepsTable } from '../documents.tables.ts';
import { listSensitiveWords } from '../oversight/oversight.queries.ts';
import { detectPersonalData, type Finding } from '../personal-data.ts';
import type { TextStatus } from '../text-extraction.ts';

export type TargetOption = { id: number; title: string };

/** A document of the agency, in any state, or NOT_FOUND. */
export const consoleDocument = (db: DbOrTrx, agencyId: number, id: number): Promise<DocumentRow> => loadDocument(db, id, agencyId);

/** The agency's documents, last changed first (at most 200), of one status when given. */
export async function consoleDocuments(db: DbOrTrx, agencyId: number, status?: DocumentStatus): Promise<DocumentRow[]> {
  let q = db.selectFrom('documents').selectAll().where('agencyId', '=', agencyId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('updatedAt', 'desc').limit(200).execute();
}

/** The documents waiting in a step (保密审查, 审核), the longest waiting first (at most 200). */
export async function documentsWaiting(db: DbOrTrx, agencyId: number, status: DocumentStatus): Promise<DocumentRow[]> {
  return db.selectFrom('documents').selectAll().where('agencyId', '=', agencyId).where('status', '=', status).orderBy('updatedAt').limit(200).execute();
}

/** The published documents an interpretation may explain, newest first (at most 300). */
export async function interpretationTargets(db: DbOrTrx, agencyId: number): Promise<TargetOption[]> {
  return db
    .selectFrom('documents')
    .select(['id', 'title'])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .where('category', '!=', 'interpretation')
    .orderBy('publishedOn', 'desc')
    .limit(300)
    .execute();
}

/** The names of a document's attachments (the edit form offers to remove them). */
export async function attachmentNames(db: DbOrTrx, documentId: number): Promise<{ id: number; fileName: string }[]> {
  return db.selectFrom('attachments').select(['id', 'fileName']).where('documentId', '=', documentId).execute();
}

export type DetailData = {
  doc: DocumentRow;
  attachments: { id: number; fileName: string; size: number; extractedText: string; textStatus: TextStatus }[];
  steps: Pick<ReviewStepsTable, 'step' | 'actorName' | 'comment' | 'at' | 'fromStatus' | 'toStatus'>[];
  findings: Finding[];
  attachmentFindings: { fileName: string; findings: Finding[] }[];
  targets: TargetOption[];
  interprets: TargetOption | null;
};

/** What the detail page shows: the document, its attachments and history, the pre-review check of body and files. */
export async function documentDetail(db: DbOrTrx, agencyId: number, id: number): Promise<DetailData> {
  const doc = await consoleDocument(db, agencyId, id);
  const [attachments, steps, words, targets] = await Promise.all([
    db.selectFrom('attachments').select(['id', 'fileName', 'size', 'extractedText', 'textStatus']).where('documentId', '=', id).orderBy('id').execute(),
    db.selectFrom('reviewSteps').select(['step', 'actorName', 'comment', 'at', 'fromStatus', 'toStatus']).where('documentId', '=', id).orderBy('id').execute(),
    listSensitiveWords(db, agencyId),
    interpretationTargets(db, agencyId),
  ]);
  const list = words.map((w) => w.word);
  const interprets = doc.interpretsId
    ? ((await db.selectFrom('documents').select(['id', 'title']).where('id', '=', doc.interpretsId).executeTakeFirst()) ?? null)
    : null;
  return {
    doc,
    attachments,
    steps,
    findings: detectPersonalData(doc.bodyText, list),
    attachmentFindings: attachments.map((a) => ({ fileName: a.fileName, findings: detectPersonalData(a.extractedText, list) })),
    targets,
    interprets,
  };
}

/** An attachment of one of the agency's documents (any state), bytes included, or NOT_FOUND. */
export async function consoleAttachment(db: DbOrTrx, agencyId: number, documentId: number, attachmentId: number) {
  const file = await db
    .selectFrom('attachments')
    .select(['fileName', 'mediaType', 'content'])
    .where('id', '=', attachmentId)
    .where('documentId', '=', documentId)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!file) throw notFound();
  return file;
}
