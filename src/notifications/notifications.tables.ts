/** The notifications outbox and the per-agency channel settings. */
import type { Generated } from 'kysely';

export type NotificationChannel = 'email' | 'sms';
/** queued → sending (claimed by one dispatcher) → sent, or back to queued for a retry, or failed after the last try. */
export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface NotificationsTable {
  id: Generated<number>;
  agencyId: number;
  /** What the message is about (e.g. 'application', its id): the module that queued it knows what that means. */
  entityType: string;
  entityId: number;
  /** Why it was sent (e.g. 'received', 'correction_requested'): the module's own vocabulary. */
  kind: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  /** The whole text as queued; `{{secret}}` stands where `secret` goes when sending. */
  body: string;
  /** Only for the submission mail that was asked to carry the query code; null once sent or failed. */
  secret: string | null;
  status: NotificationStatus;
  attempts: number;
  /** When a queued message may next be tried (ISO instant). */
  nextAttemptAt: string;
  claimedBy: string | null;
  claimedAt: string | null;
  sentAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationSettingsTable {
  agencyId: number;
  /** 1 when the agency has a gateway and sends text messages besides e-mail. */
  smsEnabled: number;
  updatedAt: string;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  notificationSettings: NotificationSettingsTable;
}
