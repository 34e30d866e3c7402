import type { Generated } from 'kysely';

/** The tables of letters fit to be sent (issue 13): per-agency settings, the 文号 counters and each case's 文号. */

export interface ApplicationSettingsTable {
  agencyId: number;
  /** The 文号 pattern with {year} and {n}, e.g. 聊工信依申复〔{year}〕{n}号. */
  docNumberPattern: string;
  /** The 复议机关 named in the 救济途径 sentence (行政复议法 2023: normally the people's government at the same level). */
  reviewBody: string | null;
  /** The competent court (行政诉讼法: the 基层人民法院 where the agency is). */
  court: string | null;
  /** Days after delivery during which the applicant may download the answer's files. */
  answerDownloadDays: number;
  /** E-mail applications are received on: 'confirmed' (both sides confirm, 第三十一条(三)) | 'arrival' (the 2015 reading). */
  emailReceipt: Generated<string>;
  /** The role whose holders are the head of the disclosure office for extensions (第三十三条), or null. */
  extensionApproverRole: string | null;
  /** The users designated as that head: a JSON array of user ids, or null. */
  extensionApproverIds: string | null;
  updatedAt: string;
}

/** One counter per agency and year: the last serial given out (never decremented). */
export interface LetterNumberCountersTable {
  agencyId: number;
  year: number;
  lastSerial: number;
}

/** The 文号 of a case's answer letter, allocated at the leader's sign-off and kept for good. */
export interface ApplicationLetterNumbersTable {
  applicationId: number;
  agencyId: number;
  year: number;
  serial: number;
  docNumber: string;
  allocatedAt: string;
}

export interface LetterTables {
  applicationSettings: ApplicationSettingsTable;
  letterNumberCounters: LetterNumberCountersTable;
  applicationLetterNumbers: ApplicationLetterNumbersTable;
}
