/**
 * What 依申请公开 has waiting for someone (the workbench's port, src/console/todo.ts): online applications to
 * confirm, open cases overdue or near their next due date, answers awaiting sign-off, extension requests awaiting a
 * leader, and 补正 the applicant sent online that no one has looked at yet. Reads this module's tables only; the
 * due dates are the ones deadlines.ts derived and stored on the case.
 */
import { type SqlBool, sql } from 'kysely';
import { TODO_HORIZON_WORKDAYS, type TodoContext, type TodoItem, type TodoSource, todoDeadline } from '../console/todo.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { handWritten } from '../shared/typography.ts';
import { HANDLER_ROLES, LEADER_ROLES } from './applications.policy.ts';
import { hasExtensionRequest, isAwaitingSignoff, isOpenCase, isPendingCase } from './applications.repo.ts';
import type { ApplicationStatus } from './applications.tables.ts';

const T = t.todo.applications;
const notProbe = sql<SqlBool>`applications.is_probe = 0`;

/** The action an open case waits for, by what stops (or runs) its clock. */
const ACTION_OF: Partial<Record<ApplicationStatus, string>> = {
  processing: T.answer,
  awaiting_correction: T.correction,
  consulting: T.consulting,
  awaiting_fee: T.fee,
};

type CaseRow = { id: number; ref: string; subject: string; handlerId: number | null };

async function listApplicationTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const { db, agency, today, calendar } = ctx;
  const horizon = calendar.addWorkdays(today, TODO_HORIZON_WORKDAYS).date;
  const base = db.selectFrom('applications').where('applications.agencyId', '=', agency.id);
  const cols = ['applications.id', 'applications.ref', 'applications.subject', 'applications.handlerId'] as const;
  const [pending, due, signoff, extension, replies] = await Promise.all([
    base.select(cols).where(isPendingCase).where(notProbe).execute(),
    base
      .select([...cols, 'applications.status', 'applications.nextDueOn', 'applications.provisional'])
      .where(isOpenCase)
      .where('applications.nextDueOn', '<=', horizon)
      .where('applications.answerState', '!=', 'pending_signoff')
      .execute(),
    base
      .select([...cols, 'applications.dueOn', 'applications.provisional'])
      .where(isAwaitingSignoff)
      .where(isOpenCase)
      .execute(),
    base
      .select([...cols, 'applications.dueOn', 'applications.provisional'])
      .where(hasExtensionRequest)
      .where(isOpenCase)
      .execute(),
    // The applicant's online 补正 (recorded by the system under its own name) with nothing done on the case since.
    base
      .innerJoin('applicationEvents as e', 'e.applicationId', 'applications.id')
      .select([...cols, 'applications.dueOn', 'applications.provisional'])
      .where(isOpenCase)
      .where('e.type', '=', 'correction_received')
      .where('e.actorId', 'is', null)
      .where('e.actorName', '=', t.notifications.correction.actorName)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('applicationEvents as later')
              .select('later.id')
              .whereRef('later.applicationId', '=', 'e.applicationId')
              .whereRef('later.id', '>', 'e.id'),
          ),
        ),
      )
      .execute(),
  ]);
  const href = (id: number) => `/admin/${agency.code}/applications/${id}`;
  const item = (c: CaseRow, action: string, kind: string, roles: TodoItem['roles'], assigneeId: number | null, deadline: TodoItem['deadline']): TodoItem => ({
    key: `applications:${c.id}:${kind}`,
    source: 'applications',
    record: handWritten(T.record(c.ref, c.subject)),
    action,
    href: href(c.id),
    deadline,
    roles,
    assigneeId,
  });
  const deadline = (dueOn: string | null, provisional: number, basis: string | undefined = T.basisAnswer) =>
    dueOn ? todoDeadline(calendar, today, dueOn, provisional === 1, basis) : null;
  return [
    ...pending.map((c) => item(c, T.confirm, 'confirm', HANDLER_ROLES, c.handlerId, null)),
    ...due.map((c) =>
      item(
        c,
        ACTION_OF[c.status] ?? T.answer,
        'due',
        HANDLER_ROLES,
        c.handlerId,
        deadline(c.nextDueOn, c.provisional, c.status === 'processing' ? T.basisAnswer : undefined),
      ),
    ),
    ...signoff.map((c) => item(c, T.signoff, 'signoff', LEADER_ROLES, null, deadline(c.dueOn, c.provisional))),
    ...extension.map((c) => item(c, T.extension, 'extension', LEADER_ROLES, null, deadline(c.dueOn, c.provisional))),
    ...replies.map((c) => item(c, T.correctionReply, 'correction-reply', HANDLER_ROLES, c.handlerId, deadline(c.dueOn, c.provisional))),
  ];
}

/** 依申请公开's to-do source, registered in composition.ts. */
export const applicationTodoSource: TodoSource = { id: 'applications', label: T.label, list: listApplicationTodos };
