/** The information an answer provides: files with a role, and links to the agency's published documents. */
import type { Generated } from 'kysely';

/** `provided`: the information as given; `redacted`: the 部分公开 version; `original`: the unredacted original (console only). */
export type AnswerFileRole = 'provided' | 'redacted' | 'original';

export interface AnswerFilesTable {
  id: Generated<number>;
  applicationId: number;
  agencyId: number;
  role: AnswerFileRole;
  filename: string;
  contentType: string;
  size: number;
  /** The bytes live in the database so every server process serves them. */
  data: Buffer;
  /** How many times the applicant downloaded it. */
  downloads: Generated<number>;
  createdBy: string;
  createdAt: string;
}

export interface AnswerDocumentsTable {
  id: Generated<number>;
  applicationId: number;
  agencyId: number;
  documentId: number;
  createdBy: string;
  createdAt: string;
}

export interface AnswerFileTables {
  answerFiles: AnswerFilesTable;
  answerDocuments: AnswerDocumentsTable;
}
