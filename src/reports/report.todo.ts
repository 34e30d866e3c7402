/**
 * The annual report's to-do items (the workbench's port, src/console/todo.ts): from 1 December until the year's
 * report is published, its next workflow step with the deadline of 条例第四十九条 (or the agency's earlier local
 * one, deadline.ts); and every report of any year on its way — a draft is its editors' (after a return, the one
 * who submitted it, with the reason), a submitted one the reviewers', a reviewed one the leaders'. A correction
 * (更正) under way is listed without a deadline. Reads this module's tables only.
 */
import { type TodoContext, type TodoItem, type TodoSource, todoDeadline } from '../console/todo.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { reminderYear, reportDeadline } from './deadline.ts';
import { currentRound, listReportEvents } from './report-history.ts';
import type { ReportStatus } from './report-model.ts';
import { WORKFLOW_ROLES } from './reports.policy.ts';

const T = t.todo.reports;

/** The step a report waits for, by its workflow state (none yet: someone must start drafting). */
const NEXT = {
  none: { kind: 'draft', action: T.draft, roles: WORKFLOW_ROLES.edit },
  draft: { kind: 'draft', action: T.draft, roles: WORKFLOW_ROLES.submit },
  submitted: { kind: 'review', action: T.review, roles: WORKFLOW_ROLES.review },
  reviewed: { kind: 'approve', action: T.approve, roles: WORKFLOW_ROLES.approve },
  approved: { kind: 'publish', action: T.publish, roles: WORKFLOW_ROLES.publish },
} as const;

type Row = { year: number; status: ReportStatus; version: number };

async function listReportTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const { db, agency, today, calendar } = ctx;
  const [reports, settings] = await Promise.all([
    db.selectFrom('annualReports').select(['year', 'status', 'version']).where('agencyId', '=', agency.id).execute(),
    db.selectFrom('reportSettings').select(['localDeadline']).where('agencyId', '=', agency.id).executeTakeFirst(),
  ]);
  const row = (y: number) => reports.find((r) => r.year === y) ?? null;
  // The year to remind of: its report not yet out (a correction under way has its earlier version out).
  const year = reminderYear(today, (y) => {
    const r = row(y);
    return r !== null && (r.status === 'published' || r.version > 1);
  });
  // Every report on its way, of any year: it waits for someone.
  const open = reports.filter((r) => r.status !== 'published').sort((a, b) => b.year - a.year);
  const events = await listReportEvents(
    db,
    agency.id,
    open.map((r) => r.year),
  );
  const deadlineOf = (y: number) => {
    const deadline = reportDeadline(agency.kind, y, settings?.localDeadline ?? null);
    return todoDeadline(calendar, today, deadline.due, calendar.workdaysBetween(today, deadline.due).provisional, T.basis);
  };
  const item = (y: number, r: Row | null): TodoItem => {
    const next = NEXT[r?.status === 'published' || !r ? 'none' : r.status];
    const round = r ? currentRound(events, y, r.version) : null;
    const returned = r?.status === 'draft' ? (round?.returned ?? null) : null;
    const correcting = r !== null && r.version > 1;
    return {
      key: `reports:${y}:${returned ? 'returned' : next.kind}`,
      source: 'reports',
      record: T.record(y),
      action: returned ? T.returned(returned.note ?? '') : correcting && r.status === 'draft' ? T.correct : next.action,
      // Not started: the list's start form; otherwise the report's own page.
      href: r === null ? `/admin/${agency.code}/reports` : `/admin/${agency.code}/reports/${y}`,
      // A correction has no legal period of its own.
      deadline: correcting ? null : deadlineOf(y),
      roles: next.roles,
      // Back from review: the one who submitted it.
      assigneeId: returned ? (round?.submitted?.actorId ?? null) : null,
    };
  };
  const items = open.map((r) => item(r.year, r));
  if (year !== null && row(year) === null) items.unshift(item(year, null));
  return items;
}

/** 年度报告's to-do source, registered in composition.ts. */
export const reportTodoSource: TodoSource = { id: 'reports', label: T.label, list: listReportTodos };
