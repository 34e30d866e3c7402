import type { WorkCalendar } from '../calendar/day-table.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';

/**
 * Something an indicator found wrong, pointing at the record to fix. `key` is stable across runs (逐项销号). An `info`
 * finding is only listed for a person to look at (e.g. external links, never fetched): it does not fail the indicator.
 */
export type Finding = { key: string; message: string; href?: string | undefined; info?: true };

/** `publicUrl`: the configured public address, so links written with it count as the platform's own. */
export type IndicatorContext = { db: DbOrTrx; agency: Agency; year: number; today: string; calendar: WorkCalendar; publicUrl?: string | undefined };

/** An indicator passes when it found nothing but info findings. */
export const passes = (findings: readonly Finding[]): boolean => findings.every((f) => f.info);

/**
 * One evaluation indicator: a code, what it checks and the rule it cites, a default weight, and a function returning
 * its findings (none = passed). Indicators only read.
 */
export type Indicator = {
  code: string;
  title: string;
  /** The rule it enforces, cited (e.g. 《条例》第十二条). */
  rule: string;
  weight: number;
  run(ctx: IndicatorContext): Promise<Finding[]>;
};

export type IndicatorResult = {
  code: string;
  title: string;
  rule: string;
  weight: number;
  manual: boolean;
  passed: boolean;
  findings: Finding[];
};

/**
 * The score (0–100, one decimal) of a set of results: the weighted share of indicators that passed. Pure, so any
 * stored run can be re-scored from its findings.
 */
export function scoreOf(results: readonly Pick<IndicatorResult, 'weight' | 'passed'>[]): number {
  const total = results.reduce((s, r) => s + r.weight, 0);
  if (total === 0) return 100;
  const got = results.reduce((s, r) => s + (r.passed ? r.weight : 0), 0);
  return Math.round((1000 * got) / total) / 10;
}
