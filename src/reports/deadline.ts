/**
 * The report deadline (条例第四十九条): a department publishes its report for year Y by 31 January of Y+1, a people's
 * government by 31 March of Y+1. An agency may set an earlier local date (MM-DD of Y+1); a later one is ignored.
 */
import type { AgencyKind } from '../db/schema.ts';

export type Deadline = { year: number; legal: string; local: string | null; due: string };

/** The deadline of year Y's report for an agency. */
export function reportDeadline(kind: AgencyKind, year: number, localDeadline: string | null): Deadline {
  const legal = `${year + 1}-${kind === 'government' ? '03-31' : '01-31'}`;
  const local = localDeadline ? `${year + 1}-${localDeadline}` : null;
  return { year, legal, local: local && local < legal ? local : null, due: local && local < legal ? local : legal };
}

/** A local deadline as staff enter it: MM-DD, a real day of January–March. */
export function isValidLocalDeadline(value: string): boolean {
  const m = /^(0[1-3])-(\d{2})$/.exec(value);
  if (!m) return false;
  const days = { '01': 31, '02': 28, '03': 31 }[m[1] as '01' | '02' | '03'];
  const d = Number(m[2]);
  return d >= 1 && d <= days;
}

/**
 * Which year's report the console home should remind about today, if any: from 1 December the current year's; from
 * January on the previous year's, for as long as it is not published.
 */
export function reminderYear(today: string, isPublished: (year: number) => boolean): number | null {
  const year = Number(today.slice(0, 4));
  if (today.slice(5, 7) === '12') return isPublished(year) ? null : year;
  return isPublished(year - 1) ? null : year - 1;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
