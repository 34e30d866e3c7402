/**
 * The outbox: a module queues a message with `enqueueNotification` inside the transaction of the step that causes
 * it, so the message exists if and only if the step committed; the dispatcher sends it later. The notifications
 * module knows no feature: what a message is about is an entity type and id, and its text is written by the caller.
 */
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { NotificationChannel, NotificationStatus } from './notifications.tables.ts';

/** Where the secret goes in a body; replaced when the message is sent, so the stored text never holds it. */
export const SECRET_SLOT = '{{secret}}';

export type NewNotification = {
  agencyId: number;
  entityType: string;
  entityId: number;
  kind: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  /** Put into the body at SECRET_SLOT when sending, then forgotten. */
  secret?: string | null | undefined;
};

/** Queues a message in the caller's transaction. */
export async function enqueueNotification(trx: Transaction<Database>, clock: Clock, n: NewNotification): Promise<void> {
  const now = clock.now().toISOString();
  await trx
    .insertInto('notifications')
    .values({
      agencyId: n.agencyId,
      entityType: n.entityType,
      entityId: n.entityId,
      kind: n.kind,
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      secret: n.secret ?? null,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      claimedBy: null,
      claimedAt: null,
      sentAt: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}

/** A message as the console lists it (no recipient, no text: the case page shows what and how, not to whom). */
export type NotificationSummary = {
  id: number;
  kind: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  updatedAt: string;
  lastError: string | null;
};

/** The messages about one entity, oldest first. */
export function notificationsOf(db: DbOrTrx, entityType: string, entityId: number): Promise<NotificationSummary[]> {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'channel', 'status', 'attempts', 'createdAt', 'sentAt', 'updatedAt', 'lastError'])
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .orderBy('id')
    .execute();
}

/** True when the agency sends text messages besides e-mail (off unless switched on). */
export async function smsEnabled(db: DbOrTrx, agencyId: number): Promise<boolean> {
  const row = await db.selectFrom('notificationSettings').select('smsEnabled').where('agencyId', '=', agencyId).executeTakeFirst();
  return row?.smsEnabled === 1;
}

/** Switches the agency's text messages on or off, audited. */
export async function setSmsEnabled(deps: { db: DbOrTrx; clock: Clock }, actor: Actor, agencyId: number, on: boolean): Promise<void> {
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    const before = await smsEnabled(trx, agencyId);
    await trx
      .insertInto('notificationSettings')
      .values({ agencyId, smsEnabled: on ? 1 : 0, updatedAt: now })
      .onConflict((oc) => oc.column('agencyId').doUpdateSet({ smsEnabled: on ? 1 : 0, updatedAt: now }))
      .execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'notification.sms_setting',
      entityType: 'agency',
      entityId: agencyId,
      before: { smsEnabled: before },
      after: { smsEnabled: on },
    });
  });
}
