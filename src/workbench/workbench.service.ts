/**
 * The workbench's reads: every registered to-do source's items of an agency today (the sources come from the
 * composition root through `registries.todoSources`; this module knows none of their tables), and the names of
 * the people items are assigned to.
 */
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { TodoItem, TodoSource } from '../console/todo.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import type { Viewer } from './workbench.ts';

/** Everything open in the agency today, from every source, in the sources' order. */
export async function collectTodos(db: DbOrTrx, sources: readonly TodoSource[], agency: Agency, today: string, calendar?: WorkCalendar): Promise<TodoItem[]> {
  const ctx = { db, agency, today, calendar: calendar ?? (await loadWorkCalendar(db)) };
  const lists = await Promise.all(sources.map((s) => s.list(ctx)));
  return lists.flat();
}

/** The viewer an actor is in an agency (the superadmin holds every role, as hasRole says). */
export function viewerOf(actor: Extract<Actor, { kind: 'user' }>, agencyId: number): Viewer {
  return { userId: actor.id, roles: [...(actor.roles.get(agencyId) ?? [])], allRoles: actor.isSuperadmin };
}

/** The display names of the users items are assigned to. */
export async function assigneeNames(db: DbOrTrx, items: readonly TodoItem[]): Promise<Map<number, string>> {
  const ids = [...new Set(items.map((i) => i.assigneeId).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
