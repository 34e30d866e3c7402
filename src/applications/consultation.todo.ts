/**
 * The workbench's to-do source for consultations whose 15 working days have run out (第三十二条): the pause has ended
 * by itself, the case counts again, and the agency decides without the other party's answer.
 */
import type { TodoItem, TodoSource } from '../console/todo.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { HANDLER_ROLES } from './applications.policy.ts';
import { isOpenCase } from './applications.repo.ts';

const K = t.applications.clock.todo;

/** Working days from `today` to `dueOn` (0 = due today, negative = overdue by that many working days). */
function workingDaysLeft(calendar: Parameters<TodoSource['list']>[0]['calendar'], today: string, dueOn: string): number {
  return dueOn >= today ? calendar.workdaysBetween(today, dueOn).days : -calendar.workdaysBetween(dueOn, today).days;
}

export const consultationTodoSource: TodoSource = {
  id: 'applications.consultation',
  label: K.label,
  async list({ db, agency, today, calendar }) {
    // An open consultation's limit is the case's next date (it comes before the answer's due date); past it, it lapsed.
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'ref', 'subject', 'dueOn', 'provisional', 'handlerId', 'nextDueOn'])
      .where('agencyId', '=', agency.id)
      .where(isOpenCase)
      .where('status', '=', 'consulting')
      .where('nextDueOn', '<', today)
      .where('isProbe', '=', 0)
      .orderBy('nextDueOn')
      .orderBy('id')
      .execute();
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
