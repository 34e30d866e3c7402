import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChineseDaysArrangements } from '../calendar/chinese-days.ts';
import { createCalendar } from '../calendar/day-table.ts';
import { type TodoItem, todoDeadline } from '../console/todo.ts';
import type { Role } from '../db/schema.ts';
import { compareUrgency, deadlineWords, isVisible, type Viewer, workbenchCounts, workbenchList } from './workbench.ts';

const item = (over: Partial<TodoItem> & { key: string }): TodoItem => ({
  source: 'applications',
  record: over.key,
  action: '作出答复',
  href: `/admin/x/${over.key}`,
  deadline: null,
  roles: ['editor'],
  assigneeId: null,
  ...over,
});
const due = (workingDaysLeft: number, dueOn = '2026-12-07') => ({ dueOn, workingDaysLeft, provisional: false });

describe('who sees an item', () => {
  const editor: Viewer = { userId: 1, roles: ['editor'] };
  const otherEditor: Viewer = { userId: 2, roles: ['editor'] };
  const leader: Viewer = { userId: 3, roles: ['leader'] };
  const superadmin: Viewer = { userId: 9, roles: [], allRoles: true };
  const mine = item({ key: 'a', assigneeId: 1 });
  const office = item({ key: 'b' });
  const signoff = item({ key: 'c', roles: ['leader'] });

  it('shows an assigned item in its assignee’s 我的 only, and in every holder’s 本机关', () => {
    expect(isVisible(mine, editor, 'mine')).toBe(true);
    expect(isVisible(mine, otherEditor, 'mine')).toBe(false);
    expect(isVisible(mine, otherEditor, 'office')).toBe(true);
  });
  it('shows an unassigned item in the 我的 of everyone holding one of its roles', () => {
    expect(isVisible(office, editor, 'mine')).toBe(true);
    expect(isVisible(office, otherEditor, 'mine')).toBe(true);
  });
  it('never shows an item to a user without one of its roles', () => {
    expect(isVisible(signoff, editor, 'office')).toBe(false);
    expect(isVisible(office, leader, 'office')).toBe(false);
    expect(isVisible(mine, leader, 'office')).toBe(false);
    expect(isVisible(signoff, leader, 'mine')).toBe(true);
  });
  it('the superadmin holds every role, as hasRole says', () => {
    expect(isVisible(signoff, superadmin, 'office')).toBe(true);
    expect(isVisible(mine, superadmin, 'mine')).toBe(false);
  });
});

describe('urgency order', () => {
  it('puts overdue first (most overdue first), then fewest days left, then no deadline', () => {
    const rows = [
      item({ key: 'none' }),
      item({ key: 'later', deadline: due(10, '2026-12-21') }),
      item({ key: 'today', deadline: due(0) }),
      item({ key: 'late1', deadline: due(-1, '2026-12-04') }),
      item({ key: 'late5', deadline: due(-5, '2026-11-30') }),
    ];
    expect(workbenchList(rows, { userId: 1, roles: ['editor'] }, 'office').map((r) => r.key)).toEqual(['late5', 'late1', 'today', 'later', 'none']);
  });

  const roleArb = fc.constantFrom<Role>('admin', 'editor', 'reviewer', 'leader');
  const itemArb = fc.record({
    key: fc.string({ minLength: 1, maxLength: 6 }),
    days: fc.option(fc.integer({ min: -40, max: 40 }), { nil: null }),
    roles: fc.uniqueArray(roleArb, { minLength: 1, maxLength: 4 }),
    assigneeId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  });
  const toItem = (x: { key: string; days: number | null; roles: Role[]; assigneeId: number | null }, i: number) =>
    item({ key: `${x.key}-${i}`, deadline: x.days === null ? null : due(x.days), roles: x.roles, assigneeId: x.assigneeId });

  it('(property) every item with a deadline comes before every item without, and days left never decrease', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 30 }), (xs) => {
        const sorted = [...xs.map(toItem)].sort(compareUrgency);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1]?.deadline ?? null;
          const b = sorted[i]?.deadline ?? null;
          if (a === null) expect(b).toBeNull();
          if (a && b) expect(a.workingDaysLeft).toBeLessThanOrEqual(b.workingDaysLeft);
        }
      }),
    );
  });

  it('(property) the list is a filter of the input whatever its order, and the counts agree with its rows', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), fc.uniqueArray(roleArb, { maxLength: 4 }), (xs, userId, roles) => {
        const items = xs.map(toItem);
        const viewer = { userId, roles };
        const mine = workbenchList(items, viewer, 'mine');
        const reversed = workbenchList([...items].reverse(), viewer, 'mine');
        expect(reversed.map((r) => r.key)).toEqual(mine.map((r) => r.key));
        const office = workbenchList(items, viewer, 'office');
        for (const r of mine) expect(office).toContain(r);
        const counts = workbenchCounts(mine, [{ id: 'applications', label: '依申请公开' }]);
        expect(counts.total).toBe(mine.length);
        expect(counts.overdue).toBe(mine.filter((r) => (r.deadline?.workingDaysLeft ?? 0) < 0).length);
        expect(counts.groups.reduce((n, g) => n + g.count, 0)).toBe(mine.length);
      }),
    );
  });
});

describe('deadlines in words', () => {
  const calendar = createCalendar(loadChineseDaysArrangements());
  it('counts working days left, due today, and working days late', () => {
    expect(deadlineWords(due(3, '2026-12-10'), '2026-12-07')).toBe('还剩 3 个工作日');
    expect(deadlineWords(due(0, '2026-12-07'), '2026-12-07')).toBe('今日到期');
    expect(deadlineWords(due(-2, '2026-12-03'), '2026-12-07')).toBe('已逾期 2 个工作日');
  });
  it('todoDeadline is at least one working day late the day after, even over a weekend', () => {
    const d = todoDeadline(calendar, '2026-12-05', '2026-12-04', false);
    expect(d.workingDaysLeft).toBe(-1);
    expect(deadlineWords(d, '2026-12-05')).toBe('已逾期 1 个工作日');
    expect(todoDeadline(calendar, '2026-12-07', '2026-12-07', false).workingDaysLeft).toBe(0);
    // 2026-10-01…07 is the National Day holiday: after 9月30日, 10月8日 is the first working day and Saturday
    // 10月10日 (调休) the third.
    expect(todoDeadline(calendar, '2026-09-30', '2026-10-08', false).workingDaysLeft).toBe(1);
    expect(todoDeadline(calendar, '2026-09-30', '2026-10-10', false).workingDaysLeft).toBe(3);
    expect(todoDeadline(calendar, '2026-10-08', '2026-09-30', false).workingDaysLeft).toBe(-1);
  });
});
