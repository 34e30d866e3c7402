/**
 * E-mail reminders to a case's handler before its next due date. Safe to run from several processes at once (the
 * `gongkai remind` command, or the server's hourly timer): a reminder is claimed by inserting its row
 * (application, kind, due date) first, so each one is sent once; a failed send releases the claim for the next run.
 */
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createMailer, type Mailer } from '../shared/mailer.ts';
import { isOpenCase } from './applications.repo.ts';

const R = t.applications.reminders;
/** Remind this many working days ahead, by default. */
export const REMINDER_WORKDAYS = 3;

export type ReminderResult = { sent: number; skipped: number; failed: number };

/** Sends the due reminders of every agency: open cases whose next due date is within `withinWorkdays` (or past). */
export async function sendDueReminders(
  deps: { db: DbOrTrx; clock: Clock; mailer: Mailer; publicUrl?: string | undefined },
  options: { withinWorkdays?: number } = {},
): Promise<ReminderResult> {
  const calendar = await loadWorkCalendar(deps.db);
  const today = deps.clock.today();
  const limit = calendar.addWorkdays(today, options.withinWorkdays ?? REMINDER_WORKDAYS).date;
  const due = await deps.db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agencyId')
    .leftJoin('users', 'users.id', 'applications.handlerId')
    .select([
      'applications.id',
      'applications.ref',
      'applications.subject',
      'applications.status',
      'applications.nextDueOn',
      'agencies.code as agencyCode',
      'agencies.name as agencyName',
      'users.email as handlerEmail',
      'users.isActive as handlerActive',
    ])
    .where(isOpenCase)
    .where('applications.nextDueOn', 'is not', null)
    .where('applications.nextDueOn', '<=', limit)
    .orderBy('applications.nextDueOn')
    .execute();
  const result: ReminderResult = { sent: 0, skipped: 0, failed: 0 };
  for (const c of due) {
    const dueOn = c.nextDueOn as string;
    if (!c.handlerEmail || !c.handlerActive) {
      result.skipped++;
      continue;
    }
    const claimed = await deps.db
      .insertInto('applicationReminders')
      .values({ applicationId: c.id, kind: 'due', dueOn, claimedAt: deps.clock.now().toISOString(), sentAt: null, recipient: c.handlerEmail })
      .onConflict((oc) => oc.columns(['applicationId', 'kind', 'dueOn']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue; // another run has it
    const link = deps.publicUrl ? `${deps.publicUrl}/admin/${c.agencyCode}/applications/${c.id}` : null;
    try {
      await deps.mailer.send({
        to: c.handlerEmail,
        subject: dueOn < today ? R.subjectOverdue(c.ref, dueOn) : R.subjectDue(c.ref, dueOn),
        text: R.body({ agency: c.agencyName, ref: c.ref, subject: c.subject, kind: R.kinds[c.status] ?? R.kinds.processing ?? '', due: dueOn, link }),
      });
      await deps.db
        .updateTable('applicationReminders')
        .set({ sentAt: deps.clock.now().toISOString() })
        .where('applicationId', '=', c.id)
        .where('kind', '=', 'due')
        .where('dueOn', '=', dueOn)
        .execute();
      result.sent++;
    } catch {
      await deps.db.deleteFrom('applicationReminders').where('applicationId', '=', c.id).where('kind', '=', 'due').where('dueOn', '=', dueOn).execute();
      result.failed++;
    }
  }
  return result;
}

const HOUR_MS = 3600_000;

/**
 * Runs the reminders every hour in a server process when SMTP is configured (several servers may all run it: the
 * claims keep each reminder to one mail), then `alsoHourly` (the workbench's daily digest, wired by the server; it
 * claims its own work), whose line is logged when it has one. Returns the function that stops the timer.
 */
export function startReminderTimer(
  deps: { db: DbOrTrx; clock: Clock },
  config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'publicUrl'>,
  log: (line: string) => void,
  alsoHourly?: () => Promise<string | null>,
): () => void {
  const mailer = createMailer(config);
  if (!mailer) return () => {};
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sendDueReminders({ ...deps, mailer, publicUrl: config.publicUrl })
      .then(async (r) => {
        if (r.sent > 0 || r.failed > 0) log(R.done(r.sent, r.skipped, r.failed));
        const line = alsoHourly ? await alsoHourly() : null;
        if (line) log(line);
      })
      .catch((error: unknown) => log(`${R.noSmtp} ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, 60_000);
  const every = setInterval(tick, HOUR_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
    mailer.close();
  };
}
