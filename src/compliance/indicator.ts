import type { WorkCalendar } from '../calendar/day-table.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';

/**
 * Something an indicator found wrong, pointing at the record to fix. `key` is stable across runs (逐项销号). An `info`
 * finding is only listed for a person to look at (e.g. external links, never fetched): it does not fail the indicator.
 * `record` names the record the problem is about when one record can have several problems in turn (an overdue case
 * that is answered late): an item closes as fixed only when no finding of its indicator names that record any more.
 * `year` is the year checked, added by the run (stored with the finding so a finding names its year).
 */
export type Finding = { key: string; message: string; href?: string | undefined; info?: true; record?: string; year?: number };

/** `publicUrl`: the configured public address, so links written with it count as the platform's own. */
export type IndicatorContext = { db: DbOrTrx; agency: Agency; year: number; today: string; calendar: WorkCalendar; publicUrl?: string | undefined };

/** An indicator passes when it found nothing but info findings. */
export const passes = (findings: readonly Finding[]): boolean => findings.every((f) => f.info);

/**
 * What an indicator returns when it had nothing to judge in the year (no application, no document of the kind) or its
 * probe was never run: 未检测, left out of the score. `reason` says why, in Chinese.
 */
export type Unchecked = { unchecked: string };
export const unchecked = (reason: string): Unchecked => ({ unchecked: reason });
export const isUnchecked = (r: Finding[] | Unchecked): r is Unchecked => !Array.isArray(r);

/** The year checked as the dates an indicator reads between. */
export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * One evaluation indicator: a code, what it checks and the rule it cites, a default weight, and a function returning
 * its findings (none = passed) or 未检测. Indicators only read, and read the records of the year checked
 * (docs/compliance.md gives each one's scope).
 */
export type Indicator = {
  code: string;
  title: string;
  /** The rule it enforces, cited (e.g. 《条例》第十二条). */
  rule: string;
  weight: number;
  run(ctx: IndicatorContext): Promise<Finding[] | Unchecked>;
};

export type IndicatorResult = {
  code: string;
  title: string;
  rule: string;
  weight: number;
  manual: boolean;
  passed: boolean;
  /** 未检测 and why (runs stored before issue 16 have no such field: every indicator of theirs was judged). */
  unchecked?: string;
  findings: Finding[];
};

/**
 * The score (0–100, one decimal) of a set of results: the weighted share of the judged indicators that passed, so it
 * is out of 100 whatever the weights add up to; an indicator 未检测 is left out of both sides. Pure, so any stored run
 * can be re-scored from its findings.
 */
export function scoreOf(results: readonly Pick<IndicatorResult, 'weight' | 'passed' | 'unchecked'>[]): number {
  const judged = results.filter((r) => r.unchecked === undefined);
  const total = judged.reduce((s, r) => s + r.weight, 0);
  if (total === 0) return 100;
  const got = judged.reduce((s, r) => s + (r.passed ? r.weight : 0), 0);
  return Math.round((1000 * got) / total) / 10;
}

/** The points an indicator is worth out of 100 in a run: its weight's share of the judged weights (one decimal). */
export function pointsOf(
  result: Pick<IndicatorResult, 'weight' | 'unchecked'>,
  results: readonly Pick<IndicatorResult, 'weight' | 'unchecked'>[],
): number | null {
  if (result.unchecked !== undefined) return null;
  const total = results.filter((r) => r.unchecked === undefined).reduce((s, r) => s + r.weight, 0);
  return total === 0 ? 0 : Math.round((1000 * result.weight) / total) / 10;
}

/** The findings of an indicator's outcome; none when it was 未检测 (for callers that only list findings). */
export const findingsOf = (out: Finding[] | Unchecked): Finding[] => (isUnchecked(out) ? [] : out);
