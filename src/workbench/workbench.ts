/**
 * The workbench's rules (pure): who sees which to-do item, in which order, the counts above the list and the
 * deadline in words. The page, the leader's inbox and the daily digest all go through these, so they cannot
 * disagree.
 */

import { z } from 'zod';
import type { TodoDeadline, TodoItem, TodoSource } from '../console/todo.ts';
import type { Role } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';

/** 我的 (mine) or 本机关 (the office's). */
export const WORKBENCH_VIEWS = ['mine', 'office'] as const;
export type WorkbenchView = (typeof WORKBENCH_VIEWS)[number];

/** Who is looking: the user's id and roles in the agency (the superadmin holds every role, as hasRole says). */
export type Viewer = { userId: number; roles: readonly Role[]; allRoles?: boolean };

/** Items "due soon" in the counts: within this many working days (today included). */
export const DUE_SOON_WORKDAYS = 3;

const holdsOneOf = (viewer: Viewer, roles: readonly Role[]) => viewer.allRoles === true || roles.some((r) => viewer.roles.includes(r));

/**
 * True when the item shows to the viewer: only to holders of one of its roles; in 我的 when it is assigned to the
 * viewer or to nobody (the office's, which any holder may take).
 */
export function isVisible(item: TodoItem, viewer: Viewer, view: WorkbenchView): boolean {
  if (!holdsOneOf(viewer, item.roles)) return false;
  return view === 'office' || item.assigneeId === null || item.assigneeId === viewer.userId;
}

/** Overdue first (most overdue first), then fewest working days left, then no deadline; ties by date, then key. */
export function compareUrgency(a: TodoItem, b: TodoItem): number {
  const da = a.deadline;
  const db = b.deadline;
  if (da && !db) return -1;
  if (!da && db) return 1;
  if (da && db) {
    if (da.workingDaysLeft !== db.workingDaysLeft) return da.workingDaysLeft - db.workingDaysLeft;
    if (da.dueOn !== db.dueOn) return da.dueOn < db.dueOn ? -1 : 1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The viewer's items in the view, most urgent first. */
export function workbenchList(items: readonly TodoItem[], viewer: Viewer, view: WorkbenchView): TodoItem[] {
  return items.filter((i) => isVisible(i, viewer, view)).sort(compareUrgency);
}

export const isOverdue = (d: TodoDeadline | null) => d !== null && d.workingDaysLeft < 0;
export const isDueSoon = (d: TodoDeadline | null) => d !== null && d.workingDaysLeft >= 0 && d.workingDaysLeft <= DUE_SOON_WORKDAYS;

export type WorkbenchCounts = {
  total: number;
  overdue: number;
  dueSoon: number;
  /** Per source, in the sources' order, only those with items. */
  groups: { source: string; label: string; count: number }[];
};

/** The counts above the list, from the very rows listed (so they always agree). */
export function workbenchCounts(items: readonly TodoItem[], sources: readonly Pick<TodoSource, 'id' | 'label'>[]): WorkbenchCounts {
  const bySource = new Map<string, number>();
  for (const i of items) bySource.set(i.source, (bySource.get(i.source) ?? 0) + 1);
  return {
    total: items.length,
    overdue: items.filter((i) => isOverdue(i.deadline)).length,
    dueSoon: items.filter((i) => isDueSoon(i.deadline)).length,
    groups: sources.filter((s) => bySource.has(s.id)).map((s) => ({ source: s.id, label: s.label, count: bySource.get(s.id) ?? 0 })),
  };
}

const W = t.workbench;

/** The deadline in words: 已逾期 N 个工作日 / 今日到期 / 还剩 N 个工作日, never colour alone. */
export function deadlineWords(d: TodoDeadline, today: string): string {
  if (d.dueOn < today) return W.overdueBy(Math.max(1, -d.workingDaysLeft));
  if (d.dueOn === today) return W.dueToday;
  return W.daysLeft(Math.max(0, d.workingDaysLeft));
}

/** The view switch of the query string (`?view=office`); anything else reads as 我的. */
export const workbenchViewQuery = z.enum(WORKBENCH_VIEWS).catch('mine').default('mine');
