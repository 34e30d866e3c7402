/**
 * The annual report's to-do item (the workbench's port, src/console/todo.ts): from 1 December until the year's
 * report is published, its next workflow step with the deadline of 条例第四十九条 (or the agency's earlier local
 * one, deadline.ts). Reads this module's tables only.
 */
import { type TodoContext, type TodoItem, type TodoSource, todoDeadline } from '../console/todo.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { reminderYear, reportDeadline } from './deadline.ts';
import { WORKFLOW_ROLES } from './reports.policy.ts';

const T = t.todo.reports;

/** The step a report waits for, by its workflow state (none yet: someone must start drafting). */
const NEXT = {
  none: { kind: 'draft', action: T.draft, roles: WORKFLOW_ROLES.edit },
  draft: { kind: 'review', action: T.review, roles: WORKFLOW_ROLES.review },
  reviewed: { kind: 'approve', action: T.approve, roles: WORKFLOW_ROLES.approve },
  approved: { kind: 'publish', action: T.publish, roles: WORKFLOW_ROLES.publish },
} as const;

async function listReportTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const { db, agency, today, calendar } = ctx;
  const thisYear = Number(today.slice(0, 4));
  const [reports, settings] = await Promise.all([
    db
      .selectFrom('annualReports')
      .select(['year', 'status'])
      .where('agencyId', '=', agency.id)
      .where('year', 'in', [thisYear - 1, thisYear])
      .execute(),
    db.selectFrom('reportSettings').select(['localDeadline']).where('agencyId', '=', agency.id).executeTakeFirst(),
  ]);
  const status = (y: number) => reports.find((r) => r.year === y)?.status ?? null;
  const year = reminderYear(today, (y) => status(y) === 'published');
  if (year === null) return [];
  const state = status(year);
  if (state === 'published') return [];
  const next = NEXT[state ?? 'none'];
  const deadline = reportDeadline(agency.kind, year, settings?.localDeadline ?? null);
  const due = calendar.workdaysBetween(today, deadline.due);
  return [
    {
      key: `reports:${year}:${next.kind}`,
      source: 'reports',
      record: T.record(year),
      action: next.action,
      // Not started: the list's start form; otherwise the report's own page.
      href: state === null ? `/admin/${agency.code}/reports` : `/admin/${agency.code}/reports/${year}`,
      deadline: todoDeadline(calendar, today, deadline.due, due.provisional, T.basis),
      roles: next.roles,
      assigneeId: null,
    },
  ];
}

/** 年度报告's to-do source, registered in composition.ts. */
export const reportTodoSource: TodoSource = { id: 'reports', label: T.label, list: listReportTodos };
