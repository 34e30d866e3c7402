/**
 * The pure arithmetic of the performance figures: percentiles of working days (by nearest rank, so every figure is
 * a number of working days some answer actually took), rates, and the working-day distribution's buckets.
 * Working days are small integers, so they are collected as a histogram (index = days, value = answers): adding an
 * answer is O(1) and a percentile is one pass over at most a few hundred slots, whatever the number of answers.
 */

/** Answers per number of working days: `histogram[d]` answers took d working days. */
export type WorkdayHistogram = number[];

/** Adds `n` answers that took `days` working days. */
export function addToHistogram(histogram: WorkdayHistogram, days: number, n = 1): void {
  for (let i = histogram.length; i <= days; i++) histogram.push(0);
  histogram[days] = (histogram[days] ?? 0) + n;
}

/** The number of values in a histogram. */
export function histogramCount(histogram: readonly number[]): number {
  let n = 0;
  for (const c of histogram) n += c;
  return n;
}

/** The rank (1-based) of the p-th percentile among n values by nearest rank: ⌈p·n/100⌉, at least 1. */
export function nearestRank(n: number, p: number): number {
  return Math.max(1, Math.ceil((p * n) / 100));
}

/** The p-th percentile (0 < p ≤ 100) of ascending `sorted` values by nearest rank; null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[nearestRank(sorted.length, p) - 1] ?? null;
}

/** The p-th percentile of a histogram by nearest rank (the same value as `percentile` of its sorted values). */
export function histogramPercentile(histogram: readonly number[], p: number): number | null {
  const n = histogramCount(histogram);
  if (n === 0) return null;
  const rank = nearestRank(n, p);
  let seen = 0;
  for (let d = 0; d < histogram.length; d++) {
    seen += histogram[d] ?? 0;
    if (seen >= rank) return d;
  }
  return null;
}

/** part / whole in [0, 1], or null when there is nothing to divide by (a rate of nothing is not 0 % nor 100 %). */
export function rate(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.min(1, Math.max(0, part / whole));
}

/**
 * The buckets of the working-day distribution chart, as inclusive ranges: the statutory 20 working days in quarters,
 * then the 20 days an extension may add (第三十三条), then everything longer.
 */
export const WORKDAY_BUCKETS: readonly { from: number; to: number | null }[] = [
  { from: 0, to: 5 },
  { from: 6, to: 10 },
  { from: 11, to: 15 },
  { from: 16, to: 20 },
  { from: 21, to: 30 },
  { from: 31, to: 40 },
  { from: 41, to: null },
];

export type WorkdayBucket = { from: number; to: number | null; count: number };

/** The histogram summed into WORKDAY_BUCKETS. */
export function bucketize(histogram: readonly number[]): WorkdayBucket[] {
  return WORKDAY_BUCKETS.map(({ from, to }) => {
    let count = 0;
    const last = to === null ? histogram.length - 1 : Math.min(to, histogram.length - 1);
    for (let d = from; d <= last; d++) count += histogram[d] ?? 0;
    return { from, to, count };
  });
}
