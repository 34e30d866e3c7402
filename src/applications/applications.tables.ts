/**
 * The tables of 依申请公开 (applications, their event log, fee notices, attachments, reminders) and of appeals.
 * The event log is the source of truth for a case's clock; the due fields on `applications` are derived from it and
 * stored for queries (recomputed on every event and whenever the holiday calendar changes).
 */
import type { Generated } from 'kysely';
import type { AppealResult, AppealType } from '../vocabulary/codes.ts';
import type { AnswerFileTables } from './answer-files.tables.ts';

/** Channels of the interchange format (第三十一条 sets the receipt date per channel). */
export type Channel = 'online' | 'in_person' | 'mail' | 'email' | 'fax' | 'other';

/** Where a case stands; `pending` = submitted online and not yet confirmed (not received), `discarded` = never registered. */
export type ApplicationStatus = 'pending' | 'processing' | 'awaiting_correction' | 'consulting' | 'awaiting_fee' | 'closed' | 'discarded';

/** The answer's way through review: drafted by the handler, signed off by a leader, then sent (the `closed` event). */
export type AnswerState = 'none' | 'draft' | 'pending_signoff' | 'signed';

export interface ApplicationsTable {
  id: Generated<number>;
  agencyId: number;
  /** The agency's own reference (unique per agency), e.g. 2024-0001. */
  ref: string;
  /** Public tracking number (unique); null for imported records, which have no query code. */
  trackingNo: string | null;
  /** SHA-256 of tracking number and query code; the code itself is shown once on the receipt. */
  queryCodeHash: string | null;
  channel: Channel;
  /** For mail: registered | ordinary (第三十一条 dates them differently). */
  channelDetail: string | null;
  submittedAt: string;
  /** The receipt date by 第三十一条; null while an online application awaits confirmation. */
  receivedOn: string | null;
  applicantType: string;
  // Personal data: never on public pages (public views go through tracking.service's view model).
  applicantName: string | null;
  applicantIdType: string | null;
  applicantIdNumber: string | null;
  applicantLegalRep: string | null;
  applicantContact: string | null;
  applicantPhone: string | null;
  applicantEmail: string | null;
  applicantAddress: string | null;
  applicantPostcode: string | null;
  /** A digest of the applicant's identity, for the per-applicant monthly count of the fee schedule. */
  applicantKey: string | null;
  subject: string;
  description: string | null;
  formWanted: string | null;
  wayWanted: string | null;
  status: ApplicationStatus;
  /** 1 while the case is being handled (received and not closed): the queue's main filter. */
  isOpen: number;
  handlerId: number | null;
  // Derived from the event log by deadlines.ts.
  dueOn: string | null;
  provisional: number;
  /** The date the next thing is due: the answer's due date, or the deadline of the pause that stops the clock. */
  nextDueOn: string | null;
  correctionDueOn: string | null;
  extendedDays: number;
  /** A pending extension request awaiting a leader: JSON {days, reason, on, by}. */
  extensionRequestJson: string | null;
  outcome: string | null;
  closedOn: string | null;
  legalBasis: string | null;
  answerLetter: string | null;
  answerState: AnswerState;
  answerNote: string | null;
  answerSignedBy: number | null;
  answerSignedAt: string | null;
  deliveredOn: string | null;
  deliveryMethod: string | null;
  archivedOn: string | null;
  /** Optimistic lock: every change bumps it, so two people acting at once cannot both write. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** 1 for the channel probe's test application (ref TEST-…): never counted, listed or exported; deleted on withdrawal. */
  isProbe: Generated<number>;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  applicationId: number;
  agencyId: number;
  type: string;
  /** The calendar date the event happened (interchange `on`). */
  eventOn: string;
  dataJson: string | null;
  actorId: number | null;
  actorName: string;
  createdAt: string;
}

export interface ApplicationFeesTable {
  id: Generated<number>;
  applicationId: number;
  agencyId: number;
  /** per_application (按件) | per_page (按量) | recorded (imported amount) */
  schedule: string;
  /** The application's position in the applicant's month, or the number of pages. */
  quantity: number | null;
  amount: number;
  noticeOn: string;
  payBy: string | null;
  paidOn: string | null;
  status: 'outstanding' | 'paid' | 'lapsed';
  createdAt: string;
}

export interface ApplicationAttachmentsTable {
  id: Generated<number>;
  applicationId: number;
  agencyId: number;
  filename: string;
  contentType: string;
  size: number;
  /** The bytes live in the database so every server process sees them. */
  data: Buffer;
  createdAt: string;
  /** Where the file came from: the application itself or a 补正 answered online. */
  source: Generated<'application' | 'correction'>;
}

export interface ApplicationRemindersTable {
  applicationId: number;
  kind: string;
  dueOn: string;
  /** Claimed by the process that inserted the row first: each reminder is sent once, whatever runs it. */
  claimedAt: string;
  sentAt: string | null;
  recipient: string | null;
}

export interface AppealsTable {
  id: Generated<number>;
  agencyId: number;
  ref: string;
  type: AppealType;
  filedOn: string;
  applicationId: number | null;
  result: AppealResult;
  decidedOn: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One run of the application channel probe (submit, receipt, tracking, withdrawal through the portal's HTTP stack). */
export interface ChannelProbesTable {
  id: Generated<number>;
  agencyId: number;
  ranAt: string;
  ok: number;
  /** The step that failed (form | submit | receipt | track | withdraw), null when the probe passed. */
  failedStep: string | null;
  message: string;
  /** Where it ran: 'in-process' or the server's URL. */
  target: string;
  actorName: string;
}

/** One throttle counter of the public form: submissions under a key (digest of an address or contact) in a window. */
export interface IntakeThrottleTable {
  key: string;
  /** The hour (UTC, 'YYYY-MM-DDTHH') or the China day ('YYYY-MM-DD') counted. */
  window: string;
  count: number;
  /** When the window ends; rows past it are pruned. */
  expiresAt: string;
}

export interface ApplicationTables extends AnswerFileTables {
  applications: ApplicationsTable;
  applicationEvents: ApplicationEventsTable;
  applicationFees: ApplicationFeesTable;
  applicationAttachments: ApplicationAttachmentsTable;
  applicationReminders: ApplicationRemindersTable;
  appeals: AppealsTable;
  channelProbes: ChannelProbesTable;
  intakeThrottle: IntakeThrottleTable;
}
