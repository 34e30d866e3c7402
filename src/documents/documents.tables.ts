import type { Generated } from 'kysely';
import type { TextStatus } from './text-extraction.ts';

/** Interchange category codes (interchange.md "Documents"). */
export const CATEGORIES = [
  'rule',
  'normative',
  'policy',
  'interpretation',
  'plan',
  'statistics',
  'licensing',
  'enforcement',
  'budget',
  'fees',
  'procurement',
  'organization',
  'meeting',
  'proposal_reply',
  'news',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const VALIDITIES = ['in_force', 'amended', 'repealed', 'expired'] as const;
export type Validity = (typeof VALIDITIES)[number];

export const INTERPRETATION_FORMS = ['text', 'graphic', 'video', 'qa', 'leader', 'press_conference'] as const;
export type InterpretationForm = (typeof INTERPRETATION_FORMS)[number];

export const DOCUMENT_STATUSES = ['draft', 'secrecy_review', 'approval', 'published', 'withdrawn'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface DocumentsTable {
  id: Generated<number>;
  agencyId: number;
  /** The agency's own reference (interchange `ref`), unique per agency. */
  ref: string;
  /** 索引号, unique per agency; assigned at publication when not given. */
  indexNo: string | null;
  title: string;
  docNo: string | null;
  issuingBody: string;
  category: Category;
  topic: string | null;
  /** 成文日期. */
  issuedOn: string;
  /** 发布日期; set when published. */
  publishedOn: string | null;
  bodyHtml: string;
  /** Plain text of the body, for search and the personal-data check. */
  bodyText: string;
  validity: Validity | null;
  validityChangedOn: string | null;
  status: DocumentStatus;
  version: number;
  interpretsId: number | null;
  interpretationForm: InterpretationForm | null;
  withdrawnReason: string | null;
  withdrawnOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A superseded published version, kept when a document is corrected. */
export interface DocumentVersionsTable {
  id: Generated<number>;
  documentId: number;
  version: number;
  title: string;
  docNo: string | null;
  bodyHtml: string;
  publishedOn: string | null;
  replacedOn: string;
  reason: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  agencyId: number;
  documentId: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The bytes live in the database so every server process of a PostgreSQL deployment reaches them. */
  content: Buffer;
  extractedText: string;
  /** What became of the text (documents/text-extraction.ts): read, cut, none (not a readable type), or why not read. */
  textStatus: Generated<TextStatus>;
  createdAt: string;
}

export type ReviewStepKind = 'submit' | 'secrecy_ok' | 'approve' | 'send_back' | 'correct' | 'withdraw' | 'validity' | 'import';

export interface ReviewStepsTable {
  id: Generated<number>;
  agencyId: number;
  documentId: number;
  step: ReviewStepKind;
  fromStatus: string;
  toStatus: string;
  actorName: string;
  comment: string | null;
  checklistJson: string | null;
  at: string;
}

export interface SensitiveWordsTable {
  id: Generated<number>;
  agencyId: number;
  word: string;
}

export interface PageViewsTable {
  documentId: number;
  agencyId: number;
  day: string;
  views: number;
}

export interface DisclosureSettingsTable {
  agencyId: number;
  interpretationLagDays: number;
  /** Editable 公开指南 text; null = generated from the agency's facts. */
  guideText: string | null;
  guideUpdatedOn: string | null;
  /** 政府信息公开制度. */
  rulesText: string | null;
  rulesUpdatedOn: string | null;
}

/** The agency's reason why a category of the column has nothing published (shown instead of the bare empty line). */
export interface CategoryNotesTable {
  agencyId: number;
  category: Category;
  note: string;
  updatedAt: string;
}

/** Bumped by every write that changes what the public sees; rendered pages are cached against it. */
export interface ContentVersionsTable {
  agencyCode: string;
  version: number;
}

export type CleanupRoundStatus = 'open' | 'applied' | 'published';
export type CleanupDecision = 'keep' | 'amend' | 'repeal';

export interface CleanupRoundsTable {
  id: Generated<number>;
  agencyId: number;
  title: string;
  status: CleanupRoundStatus;
  effectiveOn: string | null;
  createdAt: string;
  appliedAt: string | null;
  publishedAt: string | null;
}

export interface CleanupDecisionsTable {
  roundId: number;
  documentId: number;
  /** null until decided. */
  decision: CleanupDecision | null;
  note: string | null;
}

/** PostgreSQL full-text rows (SQLite keeps an FTS5 virtual table instead). */
export interface DocumentSearchTable {
  documentId: number;
  agencyId: number;
  sortKey: number;
  tsv: string;
  titleTsv: string;
}

export interface DocumentTables {
  documents: DocumentsTable;
  documentVersions: DocumentVersionsTable;
  attachments: AttachmentsTable;
  reviewSteps: ReviewStepsTable;
  sensitiveWords: SensitiveWordsTable;
  pageViews: PageViewsTable;
  disclosureSettings: DisclosureSettingsTable;
  categoryNotes: CategoryNotesTable;
  contentVersions: ContentVersionsTable;
  cleanupRounds: CleanupRoundsTable;
  cleanupDecisions: CleanupDecisionsTable;
  documentSearch: DocumentSearchTable;
}
