/**
 * The information an answer provides: the handler attaches files (with a role) and links to published documents while
 * the answer is not yet signed; the applicant downloads them after delivery, for a period. Every change and every
 * download is audited in the same transaction as the write.
 */
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { type Actor, actorName, systemActor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden, invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput } from '../shared/validation.ts';
import { inspectZip, zipRefusalMessage } from '../shared/zip-guard.ts';
import {
  ANSWER_FILE_ROLES,
  answerAttachmentsRefusal,
  downloadSentence,
  downloadUntil,
  PUBLIC_ROLES,
  providesInformation,
  withDownloadSentence,
} from './answer-files.rules.ts';
import type { AnswerFileRole } from './answer-files.tables.ts';
import { can } from './applications.policy.ts';
import { type ApplicationRow, lockApplication } from './applications.repo.ts';
import { safeFilename, sniffContentType, type UploadedFile } from './attachments.ts';
import { applicationSettings } from './settings.queries.ts';

type Deps = { db: DbOrTrx; clock: Clock };

const F = t.applications.answerFiles;
const D = t.applications.answerDownloads;

export const MAX_ANSWER_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ANSWER_FILES_PER_UPLOAD = 5;
const ZIP_TYPES = new Set(['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/ofd']);

/** How many days after delivery the applicant may download an answer's files: the agency's setting (依申请公开设置). */
export async function answerDownloadDays(db: DbOrTrx, agencyId: number): Promise<number> {
  return (await applicationSettings(db, agencyId)).answerDownloadDays;
}

/** The roles and links an answer carries, as answerAttachmentsRefusal needs them. */
async function attachmentsOf(db: DbOrTrx, applicationId: number) {
  const [files, docs] = await Promise.all([
    db.selectFrom('answerFiles').select('role').where('applicationId', '=', applicationId).execute(),
    db
      .selectFrom('answerDocuments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('applicationId', '=', applicationId)
      .executeTakeFirstOrThrow(),
  ]);
  return { roles: files.map((f) => f.role), documents: Number(docs.n) };
}

/**
 * What the answer's files lack when it is submitted for sign-off or signed (read in the action's transaction): a
 * 部分公开 answer without its redacted version, or files on an answer that provides nothing; null when nothing.
 */
export async function answerAttachmentsProblem(db: DbOrTrx, applicationId: number, outcome: string | null): Promise<string | null> {
  return answerAttachmentsRefusal(outcome, await attachmentsOf(db, applicationId));
}

/** The draft letter with the download sentence when the answer now provides anything online, without it otherwise. */
export async function letterWithDownloads(db: DbOrTrx, row: Pick<ApplicationRow, 'id' | 'agencyId' | 'outcome'>, letter: string): Promise<string> {
  const a = await attachmentsOf(db, row.id);
  const online = providesInformation(row.outcome) && (a.roles.some((r) => PUBLIC_ROLES.includes(r)) || a.documents > 0);
  return withDownloadSentence(letter, online ? downloadSentence(await answerDownloadDays(db, row.agencyId)) : null);
}

/** Whether files may be removed now: the answer is drafted and not yet signed. */
export function answerFilesRemovable(row: Pick<ApplicationRow, 'answerState' | 'status'>): boolean {
  return (row.answerState === 'draft' || row.answerState === 'pending_signoff') && row.status !== 'closed';
}

/** Whether files may be added now: besides, the answer's outcome provides information. */
export function answerFilesEditable(row: Pick<ApplicationRow, 'outcome' | 'answerState' | 'status'>): boolean {
  return providesInformation(row.outcome) && answerFilesRemovable(row);
}

/**
 * Holds the case for a change of its files, checking the actor and the answer's state. Removing stays possible when
 * the outcome was changed to one that provides nothing, so what was attached before can be taken off.
 */
async function lockForChange(
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  actor: Actor,
  agency: Agency,
  id: number,
  adding: boolean,
): Promise<ApplicationRow> {
  if (!can(actor, 'handle', agency.id)) throw forbidden(t.applications.rules.handlerOnly);
  const row = await lockApplication(trx, agency.id, id);
  if (!row) throw notFound();
  if (row.answerState === 'signed' || row.status === 'closed') throw invalidState(F.locked);
  if (adding && !providesInformation(row.outcome)) throw invalidState(row.outcome ? F.notOffered : F.noAnswerYet);
  if (!answerFilesRemovable(row)) throw invalidState(F.noAnswerYet);
  return row;
}

/** After a change: the draft letter follows what is provided online, and the case's version moves (stale forms refused). */
async function touchCase(trx: DbOrTrx, row: ApplicationRow, now: string): Promise<void> {
  const letter = row.answerLetter === null ? null : await letterWithDownloads(trx, row, row.answerLetter);
  await trx
    .updateTable('applications')
    .set({ answerLetter: letter, version: row.version + 1, updatedAt: now })
    .where('id', '=', row.id)
    .execute();
}

const roleSchema = z.object({ role: z.enum(ANSWER_FILE_ROLES as [AnswerFileRole, ...AnswerFileRole[]], { error: F.roleRequired }) });

/** Checks uploaded files like the application's attachments (type by content, size, ZIP guard); field messages on `attachments`. */
async function checkFiles(uploads: readonly UploadedFile[]) {
  const given = uploads.filter((u) => u.filename !== '' || u.data.length > 0);
  const refuse = (m: string) => new DomainError('VALIDATION', m, { attachments: m });
  if (given.length === 0) throw refuse(F.fileRequired);
  if (given.length > MAX_ANSWER_FILES_PER_UPLOAD) throw refuse(F.tooMany(MAX_ANSWER_FILES_PER_UPLOAD));
  const out: { filename: string; contentType: string; data: Buffer }[] = [];
  for (const u of given) {
    const filename = safeFilename(u.filename);
    if (u.truncated || u.data.length > MAX_ANSWER_FILE_BYTES) throw refuse(F.tooLarge(filename));
    const contentType = sniffContentType(u.data, filename);
    if (!contentType) throw refuse(F.badType(filename));
    if (ZIP_TYPES.has(contentType)) {
      const verdict = await inspectZip(u.data);
      if (!verdict.ok) throw refuse(zipRefusalMessage(filename, verdict.reason));
    }
    out.push({ filename, contentType, data: u.data });
  }
  return out;
}

/** Attaches uploaded files with one role to the answer of case `id`. */
export async function addAnswerFiles(deps: Deps, actor: Actor, agency: Agency, id: number, values: Record<string, unknown>, uploads: readonly UploadedFile[]) {
  const { role } = parseInput(roleSchema, values);
  const files = await checkFiles(uploads);
  const now = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const row = await lockForChange(trx, actor, agency, id, true);
    const ids: number[] = [];
    for (const f of files) {
      const added = await trx
        .insertInto('answerFiles')
        .values({ applicationId: id, agencyId: agency.id, role, ...f, size: f.data.length, createdBy: actorName(actor), createdAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(added.id);
    }
    await touchCase(trx, row, now);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'application.answer_file_added',
      entityType: 'application',
      entityId: id,
      after: { ref: row.ref, files: files.map((f, i) => ({ id: ids[i], role, filename: f.filename, size: f.data.length })) },
    });
    return ids;
  });
}

/** Removes one file from the answer of case `id`. */
export async function removeAnswerFile(deps: Deps, actor: Actor, agency: Agency, id: number, fileId: number): Promise<void> {
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockForChange(trx, actor, agency, id, false);
    const file = await trx
      .selectFrom('answerFiles')
      .select(['id', 'role', 'filename', 'size'])
      .where('id', '=', fileId)
      .where('applicationId', '=', id)
      .executeTakeFirst();
    if (!file) throw notFound();
    await trx.deleteFrom('answerFiles').where('id', '=', fileId).execute();
    await touchCase(trx, row, now);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'application.answer_file_removed',
      entityType: 'application',
      entityId: id,
      before: { ref: row.ref, file },
    });
  });
}

/** Links (or unlinks) one of the agency's published documents to the answer of case `id`. */
export async function linkAnswerDocument(deps: Deps, actor: Actor, agency: Agency, id: number, documentId: number, linked: boolean): Promise<void> {
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockForChange(trx, actor, agency, id, linked);
    const doc = await trx
      .selectFrom('documents')
      .select(['id', 'title'])
      .where('id', '=', documentId)
      .where('agencyId', '=', agency.id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    const existing = await trx
      .selectFrom('answerDocuments')
      .select('id')
      .where('applicationId', '=', id)
      .where('documentId', '=', documentId)
      .executeTakeFirst();
    if (linked) {
      if (!doc) throw new DomainError('VALIDATION', F.documentNotFound, { document: F.documentNotFound });
      if (existing) return;
      await trx
        .insertInto('answerDocuments')
        .values({ applicationId: id, agencyId: agency.id, documentId, createdBy: actorName(actor), createdAt: now })
        .execute();
    } else {
      if (!existing) throw notFound();
      await trx.deleteFrom('answerDocuments').where('id', '=', existing.id).execute();
    }
    await touchCase(trx, row, now);
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: linked ? 'application.answer_document_linked' : 'application.answer_document_unlinked',
      entityType: 'application',
      entityId: id,
      after: { ref: row.ref, documentId, title: doc?.title ?? null },
    });
  });
}

/** The download period of a delivered case: its last day, and whether today is past it. */
export async function downloadPeriod(db: DbOrTrx, row: Pick<ApplicationRow, 'agencyId' | 'deliveredOn'>, today: string) {
  if (!row.deliveredOn) return null;
  const until = downloadUntil(row.deliveredOn, await answerDownloadDays(db, row.agencyId));
  return { until, ended: today > until };
}

/**
 * A file for the applicant holding a download token for case `applicationId` (checked by the route): never an
 * original, only after delivery of an answer that provides information, only within the period. Counted and audited.
 */
export async function downloadAnswerFile(deps: Deps, applicationId: number, fileId: number, opts: { count: boolean } = { count: true }) {
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirst();
    const file = await trx
      .selectFrom('answerFiles')
      .selectAll()
      .where('id', '=', fileId)
      .where('applicationId', '=', applicationId)
      .where('role', 'in', [...PUBLIC_ROLES])
      .executeTakeFirst();
    // An original, another case's file or an answer that provides nothing reads as absent.
    if (!row || !file || !providesInformation(row.outcome) || row.status !== 'closed') throw notFound();
    const period = await downloadPeriod(trx, row, deps.clock.today());
    if (!period) throw new DomainError('FORBIDDEN', D.notDelivered);
    if (period.ended) throw new DomainError('FORBIDDEN', D.periodEnded(period.until));
    // A HEAD request (Fastify answers it with the GET handler) fetches nothing: it is not a download.
    if (!opts.count) return { filename: file.filename, contentType: file.contentType, data: Buffer.from(file.data) };
    await trx
      .updateTable('answerFiles')
      .set((eb) => ({ downloads: eb('downloads', '+', 1) }))
      .where('id', '=', fileId)
      .execute();
    await recordAudit(trx, deps.clock, {
      actor: systemActor(F.downloadActor),
      agencyId: row.agencyId,
      action: 'application.answer_file_downloaded',
      entityType: 'application',
      entityId: applicationId,
      after: { ref: row.ref, fileId, role: file.role, filename: file.filename },
    });
    return { filename: file.filename, contentType: file.contentType, data: Buffer.from(file.data) };
  });
}
