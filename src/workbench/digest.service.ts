/**
 * The daily digest: one mail per person per China day listing that person's 我的 items, from the same sources and
 * the same filter as the workbench page. Run by the reminder job (hourly in every server, and `gongkai remind`):
 * each mail is claimed by inserting (user, day) in the transaction that queues it in the notifications outbox, so
 * however many processes run it, it is queued once; the dispatcher sends it. People with nothing in 我的, without an
 * e-mail address or inactive get none.
 */
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { TodoItem, TodoSource } from '../console/todo.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency, Role } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import type { Clock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { collectTodos } from './workbench.service.ts';
import { deadlineWords, isOverdue, workbenchList } from './workbench.ts';

const D = t.workbench.digest;

export type DigestResult = { queued: number; skipped: number };

type Recipient = { userId: number; name: string; email: string; sections: { agency: Agency; items: TodoItem[] }[] };

/** The digest's text (plain, zh-CN): per agency, the items most urgent first, each with its deadline and link. */
export function digestText(r: Recipient, today: string, publicUrl: string | undefined): { subject: string; body: string } {
  const all = r.sections.flatMap((s) => s.items);
  const lines = [D.greeting(r.name), '', D.intro(today)];
  for (const s of r.sections) {
    lines.push('', D.agency(s.agency.name));
    s.items.forEach((i, n) => {
      lines.push(D.line(n + 1, i.record, i.action, i.deadline ? deadlineWords(i.deadline, today) : t.workbench.noDeadline));
      if (publicUrl) lines.push(D.link(`${publicUrl}${i.href}`));
    });
  }
  lines.push('', D.outro);
  return { subject: D.subject(today, all.length, all.filter((i) => isOverdue(i.deadline)).length), body: lines.join('\n') };
}

/** Queues today's digest of every person who has something in 我的 and has not had today's yet. */
export async function queueDailyDigests(
  deps: { db: DbOrTrx; clock: Clock; publicUrl?: string | undefined },
  sources: readonly TodoSource[],
): Promise<DigestResult> {
  const { db, clock } = deps;
  const today = clock.today();
  const members = await db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .leftJoin('workbenchDigests as d', (j) => j.onRef('d.userId', '=', 'users.id').on('d.day', '=', today))
    .select(['users.id', 'users.displayName', 'users.email', 'userRoles.agencyId', 'userRoles.role'])
    .where('users.isActive', '=', 1)
    .where('users.email', 'is not', null)
    .where('users.email', '!=', '')
    .where('d.userId', 'is', null)
    .execute();
  const result: DigestResult = { queued: 0, skipped: 0 };
  if (members.length === 0) return result;
  const agencyIds = [...new Set(members.map((m) => m.agencyId))];
  const agencies = await db.selectFrom('agencies').selectAll().where('id', 'in', agencyIds).orderBy('id').execute();
  const calendar = await loadWorkCalendar(db);
  const recipients = new Map<number, Recipient>();
  for (const agency of agencies) {
    const items = await collectTodos(db, sources, agency, today, calendar);
    const roles = new Map<number, Role[]>();
    for (const m of members) if (m.agencyId === agency.id) roles.set(m.id, [...(roles.get(m.id) ?? []), m.role]);
    for (const [userId, held] of roles) {
      // Real roles only: a superadmin's digest lists what they hold, not every agency's work.
      const mine = workbenchList(items, { userId, roles: held }, 'mine');
      if (mine.length === 0) continue;
      const m = members.find((x) => x.id === userId);
      if (!m?.email) continue;
      const r = recipients.get(userId) ?? { userId, name: m.displayName, email: m.email, sections: [] };
      r.sections.push({ agency, items: mine });
      recipients.set(userId, r);
    }
  }
  result.skipped = new Set(members.map((m) => m.id)).size - recipients.size;
  for (const r of recipients.values()) {
    const { subject, body } = digestText(r, today, deps.publicUrl);
    const queued = await inTransaction(db, async (trx) => {
      const claim = await trx
        .insertInto('workbenchDigests')
        .values({ userId: r.userId, day: today, items: r.sections.reduce((n, s) => n + s.items.length, 0), queuedAt: clock.now().toISOString() })
        .onConflict((oc) => oc.columns(['userId', 'day']).doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return false; // another process has it
      const first = r.sections[0]?.agency as Agency;
      await enqueueNotification(trx, clock, {
        agencyId: first.id,
        entityType: 'user',
        entityId: r.userId,
        kind: 'workbench_digest',
        channel: 'email',
        recipient: r.email,
        subject,
        body,
      });
      return true;
    });
    if (queued) result.queued++;
  }
  return result;
}
