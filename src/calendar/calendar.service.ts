import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { canManageCalendar } from './calendar.policy.ts';
import { CalendarInputError } from './calendar-error.ts';
import { type ParsedArrangement, parseArrangementJson, parseICalendar } from './chinese-days.ts';
import { createCalendar, type DayOverride, type WorkCalendar, type YearArrangement } from './day-table.ts';

const VERSION_KEY = 'calendar_version';

/** A case whose due date changed when the calendar changed, listed to the administrator. */
export type MovedDueDate = { agencyCode: string; kind: string; ref: string; oldDueOn: string | null; newDueOn: string | null; href?: string };

/** Recomputes the due dates of one kind of open case with a new calendar, inside the calendar change's transaction. */
export type DueDateRecomputer = (trx: Transaction<Database>, calendar: WorkCalendar) => Promise<MovedDueDate[]>;

type Deps = { db: DbOrTrx; clock: Clock; recomputers?: readonly DueDateRecomputer[] };

// One built calendar per database handle, rebuilt when the shared version changes (any process may change it).
const cache = new WeakMap<object, { version: string; calendar: WorkCalendar }>();

async function currentVersion(db: DbOrTrx): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  return row?.value ?? '0';
}

/** Reads every loaded year's arrangement from the database. */
export async function loadArrangements(db: DbOrTrx): Promise<YearArrangement[]> {
  const years = await db.selectFrom('calendarYears').selectAll().orderBy('year').execute();
  const days = await db.selectFrom('calendarDays').selectAll().orderBy('date').execute();
  const byYear = new Map<number, DayOverride[]>(years.map((y) => [y.year, []]));
  for (const d of days) byYear.get(d.year)?.push(d.name ? { date: d.date, kind: d.kind, name: d.name } : { date: d.date, kind: d.kind });
  return years.map((y) => ({ year: y.year, source: y.source, overrides: byYear.get(y.year) ?? [] }));
}

/** The working-day calendar of the loaded arrangements; cheap to call per request (one small query when unchanged). */
export async function loadWorkCalendar(db: DbOrTrx): Promise<WorkCalendar> {
  const version = await currentVersion(db);
  const key = db.isTransaction ? undefined : db;
  const hit = key ? cache.get(key) : undefined;
  if (hit && hit.version === version) return hit.calendar;
  const calendar = createCalendar(await loadArrangements(db));
  if (key) cache.set(key, { version, calendar });
  return calendar;
}

/** Loaded years with their source and counts, for the admin page and `gongkai calendar list`. */
export async function listCalendarYears(db: DbOrTrx) {
  const years = await db.selectFrom('calendarYears').selectAll().orderBy('year', 'desc').execute();
  const counts = await db
    .selectFrom('calendarDays')
    .select(['year', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['year', 'kind'])
    .execute();
  return years.map((y) => ({
    ...y,
    holidays: Number(counts.find((c) => c.year === y.year && c.kind === 'holiday')?.n ?? 0),
    workdays: Number(counts.find((c) => c.year === y.year && c.kind === 'workday')?.n ?? 0),
  }));
}

/** Parses an arrangement file by its content: our JSON format or an iCalendar (.ics) file. */
export function parseArrangementFile(text: string): ParsedArrangement[] {
  const src = text.replace(/^\uFEFF/, '');
  const trimmed = src.trim();
  // JSON gets the untrimmed text, so its messages name the file's own lines.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseArrangementJson(src);
  if (/^BEGIN:VCALENDAR/i.test(trimmed)) return parseICalendar(trimmed);
  throw new CalendarInputError('invalid_arrangement', t.calendar.unknownFormat);
}

export type CalendarChange = { years: number[]; moved: MovedDueDate[] };

/** Bumps the shared version (every process rebuilds its calendar) and recomputes open cases' due dates. */
async function afterCalendarChange(trx: Transaction<Database>, deps: Deps): Promise<MovedDueDate[]> {
  const version = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await trx
    .insertInto('settings')
    .values({ key: VERSION_KEY, value: version })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: version }))
    .execute();
  const calendar = createCalendar(await loadArrangements(trx));
  const moved: MovedDueDate[] = [];
  for (const recompute of deps.recomputers ?? []) moved.push(...(await recompute(trx, calendar)));
  return moved;
}

/**
 * Loads or replaces whole years of the arrangement (a `partial` group of 28–31 December is merged into its year),
 * audited, in one transaction with the recomputation of every open case's due date; returns the cases that moved.
 */
export async function importArrangements(deps: Deps, actor: Actor, arrangements: readonly ParsedArrangement[]): Promise<CalendarChange> {
  if (!canManageCalendar(actor)) throw forbidden();
  if (arrangements.length === 0) throw new DomainError('VALIDATION', t.calendar.emptyFile);
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now().toISOString();
    const years: number[] = [];
    for (const a of arrangements) {
      const existing = await trx.selectFrom('calendarYears').selectAll().where('year', '=', a.year).executeTakeFirst();
      const before = existing ? (await loadArrangements(trx)).find((y) => y.year === a.year) : undefined;
      if (a.partial && existing) {
        // December spill-over only: replace those days, keep the rest of the year.
        const dates = a.overrides.map((o) => o.date);
        if (dates.length > 0) await trx.deleteFrom('calendarDays').where('date', 'in', dates).execute();
      } else if (existing) {
        await trx.deleteFrom('calendarDays').where('year', '=', a.year).execute();
      }
      if (existing) await trx.updateTable('calendarYears').set({ source: a.source, updatedAt: now }).where('year', '=', a.year).execute();
      else await trx.insertInto('calendarYears').values({ year: a.year, source: a.source, updatedAt: now }).execute();
      const rows = a.overrides.map((o) => ({ date: o.date, year: a.year, kind: o.kind, name: o.name ?? null }));
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('calendarDays')
          .values(rows.slice(i, i + 200))
          .execute();
      await recordAudit(trx, deps.clock, {
        actor,
        agencyId: null,
        action: existing ? 'calendar.year.replace' : 'calendar.year.load',
        entityType: 'calendar_year',
        entityId: a.year,
        before,
        after: { year: a.year, source: a.source, overrides: a.overrides },
      });
      years.push(a.year);
    }
    return { years, moved: await afterCalendarChange(trx, deps) };
  });
}

/** Removes a loaded year (its dates become provisional again), audited, recomputing open cases. */
export async function unloadYear(deps: Deps, actor: Actor, year: number): Promise<CalendarChange> {
  if (!canManageCalendar(actor)) throw forbidden();
  return inTransaction(deps.db, async (trx) => {
    const before = (await loadArrangements(trx)).find((y) => y.year === year);
    if (!before) throw new DomainError('NOT_FOUND', t.calendar.yearNotLoaded(year));
    await trx.deleteFrom('calendarDays').where('year', '=', year).execute();
    await trx.deleteFrom('calendarYears').where('year', '=', year).execute();
    await recordAudit(trx, deps.clock, { actor, agencyId: null, action: 'calendar.year.unload', entityType: 'calendar_year', entityId: year, before });
    return { years: [year], moved: await afterCalendarChange(trx, deps) };
  });
}
