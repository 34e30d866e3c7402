/**
 * Sends what the outbox holds. Safe to run in several processes at once (each server's timer, `gongkai notify`): a
 * message is claimed by a conditional UPDATE that only one process wins (the row must still be claimable when the
 * UPDATE runs; PostgreSQL re-checks the condition after a concurrent update, SQLite runs one writer at a time), then
 * sent, then recorded sent — or queued again with a backoff, or marked failed after the last try — and audited.
 */
import { randomUUID } from 'node:crypto';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { systemActor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createMailer } from '../shared/mailer.ts';
import { type Channels, emailChannel, loggingSmsGateway, type SmsGateway, smsChannel } from './channels.ts';
import type { NotificationChannel } from './notifications.tables.ts';
import { SECRET_SLOT } from './outbox.ts';
import { afterFailure, MAX_ATTEMPTS, staleClaimBefore } from './retry.ts';

export type DispatchDeps = { db: DbOrTrx; clock: Clock; channels: Channels /** Names this dispatcher's claims. */; worker?: string };
export type DispatchResult = { sent: number; retrying: number; failed: number };

const N = t.notifications;
const ACTOR = systemActor('通知发送');
const ERROR_MAX = 500;

/** The claim rule of retry.ts's isClaimable, in SQL. */
function claimable(eb: ExpressionBuilder<Database, 'notifications'>, now: Date): Expression<SqlBool> {
  return eb.and([
    eb('attempts', '<', MAX_ATTEMPTS),
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', now.toISOString())]),
      eb.and([eb('status', '=', 'sending'), eb('claimedAt', '<=', staleClaimBefore(now))]),
    ]),
  ]);
}

/** Claims one message for `worker`: true when this process won it. */
export async function claimNotification(db: DbOrTrx, id: number, worker: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('notifications')
    .set((eb) => ({ status: 'sending', claimedBy: worker, claimedAt: at, attempts: eb('attempts', '+', 1), updatedAt: at }))
    .where('id', '=', id)
    .where((eb) => claimable(eb, now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sends every message due now (up to `limit`) over the channels this dispatcher has. */
export async function dispatchNotifications(deps: DispatchDeps, options: { limit?: number } = {}): Promise<DispatchResult> {
  const worker = deps.worker ?? randomUUID();
  const channels = Object.keys(deps.channels) as NotificationChannel[];
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  if (channels.length === 0) return result;
  const now = deps.clock.now();
  // A message that used its tries while its dispatcher died is given up.
  await deps.db
    .updateTable('notifications')
    .set({ status: 'failed', secret: null, updatedAt: now.toISOString() })
    .where('status', '=', 'sending')
    .where('attempts', '>=', MAX_ATTEMPTS)
    .where('claimedAt', '<=', staleClaimBefore(now))
    .execute();
  const due = await deps.db
    .selectFrom('notifications')
    .select('id')
    .where('channel', 'in', channels)
    .where((eb) => claimable(eb, now))
    .orderBy('id')
    .limit(options.limit ?? 100)
    .execute();
  for (const { id } of due) {
    if (!(await claimNotification(deps.db, id, worker, deps.clock.now()))) continue; // another process has it
    const m = await deps.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const sender = deps.channels[m.channel];
    let error: string | null = null;
    try {
      if (!sender) throw new Error(`no ${m.channel} channel`);
      const body = m.secret === null ? m.body : m.body.replaceAll(SECRET_SLOT, m.secret);
      await sender.send({ recipient: m.recipient, subject: m.subject, body });
    } catch (caught) {
      error = (caught instanceof Error ? caught.message : String(caught)).slice(0, ERROR_MAX) || 'error';
    }
    const at = deps.clock.now();
    const next = error === null ? null : afterFailure(m.attempts, at);
    await inTransaction(deps.db, async (trx) => {
      const done = error === null || next?.status === 'failed';
      const updated = await trx
        .updateTable('notifications')
        .set({
          status: error === null ? 'sent' : (next?.status ?? 'failed'),
          sentAt: error === null ? at.toISOString() : null,
          nextAttemptAt: next?.nextAttemptAt ?? m.nextAttemptAt,
          lastError: error,
          secret: done ? null : m.secret,
          updatedAt: at.toISOString(),
        })
        .where('id', '=', id)
        .where('claimedBy', '=', worker)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return; // the lease ran out and another dispatcher took it over
      // Who it went to stays out of the audit trail (the row holds it); what and how is recorded.
      await recordAudit(trx, deps.clock, {
        actor: ACTOR,
        agencyId: m.agencyId,
        action: error === null ? 'notification.sent' : next?.status === 'failed' ? 'notification.failed' : 'notification.retry',
        entityType: 'notification',
        entityId: id,
        after: { about: `${m.entityType}:${m.entityId}`, kind: m.kind, channel: m.channel, attempts: m.attempts, ...(error ? { error } : {}) },
      });
    });
    if (error === null) result.sent++;
    else if (next?.status === 'failed') result.failed++;
    else result.retrying++;
  }
  return result;
}

/** The channels a server or the command has: e-mail when SMTP is configured, SMS through the gateway given. */
export function configuredChannels(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, sms: SmsGateway): { channels: Channels; close(): void } {
  const mailer = createMailer(config);
  const channels: Channels = { sms: smsChannel(sms) };
  if (mailer) channels.email = emailChannel(mailer);
  return { channels, close: () => mailer?.close() };
}

const MINUTE_MS = 60_000;

/**
 * Runs the dispatcher every minute in a server process (several servers may all run it: each message is claimed
 * once). Text messages go to the log unless an agency's gateway is given. Returns the function that stops it.
 */
export function startNotificationTimer(
  deps: { db: DbOrTrx; clock: Clock },
  config: Pick<Config, 'smtpUrl' | 'smtpFrom'>,
  log: (line: string) => void,
  sms: SmsGateway = loggingSmsGateway(log),
): () => void {
  const { channels, close } = configuredChannels(config, sms);
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    dispatchNotifications({ ...deps, channels })
      .then((r) => {
        if (r.sent + r.retrying + r.failed > 0) log(N.dispatchDone(r.sent, r.retrying, r.failed));
      })
      .catch((error: unknown) => log(N.dispatchError(error instanceof Error ? error.message : String(error))))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, 5_000);
  const every = setInterval(tick, MINUTE_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
    close();
  };
}
