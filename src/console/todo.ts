import type { WorkCalendar } from '../calendar/day-table.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency, Role } from '../db/schema.ts';

/**
 * The workbench's port (issue 14): each module says what waits for someone in an agency, and the workbench lists it
 * without knowing any module's tables. Sources are registered in composition.ts (`Registries.todoSources`); the
 * workbench page, the leader's inbox and the daily digest mail all read the same sources.
 */

/** A legal or internal deadline of a to-do item, as a person reads it. */
export type TodoDeadline = {
  /** The last day (YYYY-MM-DD, China date). */
  dueOn: string;
  /** Working days left from today (0 = due today; negative = overdue by that many working days). */
  workingDaysLeft: number;
  /** True when the date may still move (e.g. a pause not yet ended, a period not yet started). */
  provisional: boolean;
  /** The rule the date comes from, short (e.g. 条例第三十三条 20个工作日). */
  basis?: string;
};

export type TodoItem = {
  /** Stable across runs: `${source}:${record id}:${action}` (the digest mail and tests key on it). */
  key: string;
  /** The source's id (TodoSource.id), for grouping and counts. */
  source: string;
  /** The record, as staff name it (e.g. 申请 2022-0007 关于…的申请). */
  record: string;
  /** The action it waits for (e.g. 确认收到, 签发答复书, 批准延期). */
  action: string;
  /** Where to do it (a console URL of the agency). */
  href: string;
  deadline: TodoDeadline | null;
  /** The roles that can take the action; the item shows to users holding any of them. */
  roles: readonly Role[];
  /** The user it is assigned to (承办人, the one who submitted for review …), or null for the office as a whole. */
  assigneeId: number | null;
};

export type TodoContext = {
  db: DbOrTrx;
  agency: Agency;
  /** Today in China (YYYY-MM-DD). */
  today: string;
  calendar: WorkCalendar;
};

export type TodoSource = {
  /** Short, stable id (e.g. 'applications', 'documents.review'). */
  id: string;
  /** The group heading on the workbench (zh-CN, from the module's i18n file). */
  label: string;
  /** Everything open in the agency today; the workbench filters by role and person. */
  list: (ctx: TodoContext) => Promise<TodoItem[]>;
};

/** How far ahead sources list work whose deadline is near (working days); overdue work is always listed. */
export const TODO_HORIZON_WORKDAYS = 5;

/**
 * A deadline as the workbench reads it: working days from today to `dueOn` (0 today, negative once past, at least
 * one working day late the day after). Sources call it with the module's own due date.
 */
export function todoDeadline(
  calendar: Pick<WorkCalendar, 'workdaysBetween'>,
  today: string,
  dueOn: string,
  provisional: boolean,
  basis?: string,
): TodoDeadline {
  let workingDaysLeft = 0;
  if (dueOn < today) workingDaysLeft = -Math.max(1, calendar.workdaysBetween(dueOn, today).days);
  else if (dueOn > today) workingDaysLeft = calendar.workdaysBetween(today, dueOn).days;
  const deadline: TodoDeadline = { dueOn, workingDaysLeft, provisional };
  if (basis) deadline.basis = basis;
  return deadline;
}
