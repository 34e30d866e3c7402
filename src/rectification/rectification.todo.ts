/**
 * The rectification list's to-do items (the workbench's port, src/console/todo.ts): open items whose limit is within
 * a few working days or past. The 责任人 is a name, not an account, so items belong to the office (its editors and
 * admins, who keep the list). Reads this module's table only.
 */
import { TODO_HORIZON_WORKDAYS, type TodoContext, type TodoItem, type TodoSource, todoDeadline } from '../console/todo.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { handWritten } from '../shared/typography.ts';

const T = t.todo.rectification;

async function listRectificationTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const { db, agency, today, calendar } = ctx;
  const horizon = calendar.addWorkdays(today, TODO_HORIZON_WORKDAYS);
  const rows = await db
    .selectFrom('rectificationItems')
    .select(['id', 'problem', 'dueOn', 'foundOn'])
    .where('agencyId', '=', agency.id)
    .where('closedOn', 'is', null)
    .where('dueOn', '<=', horizon.date)
    .execute();
  return rows.map((r) => ({
    key: `rectification:${r.id}:close`,
    source: 'rectification',
    record: handWritten(T.record(r.problem)),
    action: T.close,
    // The list shows the year the item was found in; its row carries the 销号 form.
    href: `/admin/${agency.code}/rectification?year=${r.foundOn.slice(0, 4)}&edit=${r.id}#form`,
    deadline: todoDeadline(calendar, today, r.dueOn, false, T.basis),
    roles: ['admin', 'editor'],
    assigneeId: null,
  }));
}

/** 问题整改's to-do source, registered in composition.ts. */
export const rectificationTodoSource: TodoSource = { id: 'rectification', label: T.label, list: listRectificationTodos };
