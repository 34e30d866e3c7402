/**
 * The workbench's to-do source for consultations whose 15 working days have run out (第三十二条): the pause has ended
 * by itself, the case counts again, and the agency decides without the other party's answer.
 */
import type { TodoItem, TodoSource } from '../console/todo.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { HANDLER_ROLES } from './applications.policy.ts';
import { clockEventsByCase, isOpenCase } from './applications.repo.ts';
import { deriveClock } from './deadlines.ts';

const K = t.applications.clock.todo;

/** Working days from `today` to `dueOn` (0 = due today, negative = overdue by that many working days). */
function workingDaysLeft(calendar: Parameters<TodoSource['list']>[0]['calendar'], today: string, dueOn: string): number {
  return dueOn >= today ? calendar.workdaysBetween(today, dueOn).days : -calendar.workdaysBetween(dueOn, today).days;
}

export const consultationTodoSource: TodoSource = {
  id: 'applications.consultation',
  label: K.label,
  async list({ db, agency, today, calendar }) {
    // The cases in a consultation (few at a time), each with its limit from its own events; past it, it lapsed.
    const open = await db
      .selectFrom('applications')
      .select(['id', 'ref', 'subject', 'receivedOn', 'dueOn', 'provisional', 'handlerId'])
      .where('agencyId', '=', agency.id)
      .where(isOpenCase)
      .where('status', '=', 'consulting')
      .where('isProbe', '=', 0)
      .orderBy('id')
      .execute();
    const events = await clockEventsByCase(
      db,
      open.map((r) => r.id),
    );
    const rows = open.filter((r) => {
      if (!r.receivedOn) return false;
      const limit = deriveClock(calendar, r.receivedOn, events.get(r.id) ?? []).openPause;
      return limit?.kind === 'consultation' && limit.dueOn !== null && limit.dueOn < today;
    });
    return rows.map(
      (r): TodoItem => ({
        key: `applications.consultation:${r.id}:decide`,
        source: 'applications.consultation',
        record: K.record(r.ref, r.subject),
        action: K.action,
        href: `/admin/${agency.code}/applications/${r.id}`,
        deadline: r.dueOn
          ? { dueOn: r.dueOn, workingDaysLeft: workingDaysLeft(calendar, today, r.dueOn), provisional: r.provisional === 1, basis: K.basis }
          : null,
        roles: HANDLER_ROLES,
        assigneeId: r.handlerId,
      }),
    );
  },
};
