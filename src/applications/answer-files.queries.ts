/** Read models of an answer's files: the console's panel, the published documents to choose from, the applicant's downloads. */
import type { DbOrTrx } from '../db/database.ts';
import { searchDocuments } from '../search/search.service.ts';
import type { Clock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { PUBLIC_ROLES, providesInformation } from './answer-files.rules.ts';
import { answerFilesEditable, answerFilesRemovable, downloadPeriod } from './answer-files.service.ts';
import type { AnswerFileRole } from './answer-files.tables.ts';
import { applicantToken } from './applicant-token.ts';
import type { ApplicationRow } from './applications.repo.ts';

const R = t.applications.answerFiles.roleShort;

export type AnswerFilesPanel = {
  /** Whether the answer's outcome provides information at all (otherwise the section says so and offers nothing). */
  provides: boolean;
  /** Files may be added (the outcome provides information, the answer is not signed). */
  editable: boolean;
  /** Files may be removed (the answer is not signed). */
  removable: boolean;
  files: { id: number; role: AnswerFileRole; filename: string; size: number; downloads: number }[];
  documents: { documentId: number; title: string; docNo: string | null; publishedOn: string | null }[];
};

/** What the case page shows of the answer's files and linked documents. */
export async function answerFilesPanel(db: DbOrTrx, row: ApplicationRow): Promise<AnswerFilesPanel> {
  const [files, documents] = await Promise.all([
    db.selectFrom('answerFiles').select(['id', 'role', 'filename', 'size', 'downloads']).where('applicationId', '=', row.id).orderBy('id').execute(),
    db
      .selectFrom('answerDocuments')
      .innerJoin('documents', 'documents.id', 'answerDocuments.documentId')
      .select(['answerDocuments.documentId', 'documents.title', 'documents.docNo', 'documents.publishedOn'])
      .where('answerDocuments.applicationId', '=', row.id)
      .orderBy('answerDocuments.id')
      .execute(),
  ]);
  return { provides: providesInformation(row.outcome), editable: answerFilesEditable(row), removable: answerFilesRemovable(row), files, documents };
}

export type DocumentChoice = { id: number; title: string; docNo: string | null; publishedOn: string | null };

/** The agency's published documents matching `q` (titles first, as the site's search ranks them), at most 20. */
export async function searchDocumentsToLink(db: DbOrTrx, agencyId: number, q: string): Promise<DocumentChoice[]> {
  if (q.trim() === '') return [];
  const hits = await searchDocuments(db, q, { agencyId }, 1, 20);
  if (hits.ids.length === 0) return [];
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'title', 'docNo', 'publishedOn'])
    .where('id', 'in', hits.ids)
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.ids.flatMap((id) => byId.get(id) ?? []);
}

/** What the tracking page offers the applicant of a delivered answer (no personal data, never an original). */
export type PublicAnswerDownloads = {
  until: string;
  ended: boolean;
  files: { href: string | null; filename: string; size: number; roleLabel: string }[];
  documents: { title: string; href: string }[];
  office: { name: string | null; phone: string | null; address: string | null };
};

/**
 * The downloads of the case a correct tracking lookup found (by its tracking number), with links carrying a fresh
 * download token; null before delivery or when the answer provides nothing.
 */
export async function publicAnswerDownloads(deps: { db: DbOrTrx; clock: Clock }, trackingNo: string, secret: string): Promise<PublicAnswerDownloads | null> {
  const row = await deps.db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agencyId')
    .select([
      'applications.id',
      'applications.agencyId',
      'applications.outcome',
      'applications.status',
      'applications.deliveredOn',
      'agencies.code',
      'agencies.officeName',
      'agencies.name',
      'agencies.phone',
      'agencies.address',
    ])
    .where('applications.trackingNo', '=', trackingNo)
    .executeTakeFirst();
  if (row?.status !== 'closed' || !providesInformation(row.outcome)) return null;
  const period = await downloadPeriod(deps.db, row, deps.clock.today());
  if (!period) return null;
  const [files, documents] = await Promise.all([
    deps.db
      .selectFrom('answerFiles')
      .select(['id', 'role', 'filename', 'size'])
      .where('applicationId', '=', row.id)
      .where('role', 'in', [...PUBLIC_ROLES])
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('answerDocuments')
      .innerJoin('documents', 'documents.id', 'answerDocuments.documentId')
      .select(['documents.id', 'documents.title'])
      .where('answerDocuments.applicationId', '=', row.id)
      .where('documents.status', '=', 'published')
      .orderBy('answerDocuments.id')
      .execute(),
  ]);
  if (files.length === 0 && documents.length === 0) return null;
  const token = applicantToken(secret, 'download', row.id, deps.clock.now());
  return {
    until: period.until,
    ended: period.ended,
    // After the period the names stay, to say what was provided, but nothing links to the bytes.
    files: files.map((f) => ({
      href: period.ended ? null : `/track/answer-files/${f.id}?token=${encodeURIComponent(token)}`,
      filename: f.filename,
      size: f.size,
      roleLabel: R[f.role],
    })),
    documents: documents.map((d) => ({ title: d.title, href: `/gk/${row.code}/d/${d.id}` })),
    office: { name: row.officeName ?? row.name, phone: row.phone, address: row.address },
  };
}
