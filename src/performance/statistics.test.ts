import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToHistogram, bucketize, histogramCount, histogramPercentile, percentile, rate, type WorkdayHistogram } from './statistics.ts';

const histogramOf = (values: readonly number[]): WorkdayHistogram => {
  const h: WorkdayHistogram = [];
  for (const v of values) addToHistogram(h, v);
  return h;
};
const days = fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 300 });

describe('percentiles by nearest rank', () => {
  it('picks the value at rank ⌈p·n/100⌉', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 90)).toBe(7);
    // n = 4: median rank 2, p90 rank ⌈3.6⌉ = 4.
    expect(percentile([1, 2, 3, 40], 50)).toBe(2);
    expect(percentile([1, 2, 3, 40], 90)).toBe(40);
    // n = 10: median rank 5, p90 rank 9.
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 100)).toBe(10);
  });

  it('from a histogram: the same as from the sorted values', () => {
    expect(histogramPercentile([], 50)).toBeNull();
    expect(histogramPercentile([0, 0, 3, 1], 50)).toBe(2);
    expect(histogramPercentile([0, 0, 3, 1], 90)).toBe(3);
    fc.assert(
      fc.property(days, fc.integer({ min: 1, max: 100 }), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(histogramPercentile(histogramOf(values), p)).toBe(percentile(sorted, p));
      }),
    );
  });

  it('p90 is never below the median, and both lie between the shortest and the longest', () => {
    fc.assert(
      fc.property(days, (values) => {
        const h = histogramOf(values);
        const median = histogramPercentile(h, 50);
        const p90 = histogramPercentile(h, 90);
        if (values.length === 0) {
          expect(median).toBeNull();
          expect(p90).toBeNull();
          return;
        }
        expect(p90).toBeGreaterThanOrEqual(median as number);
        expect(median).toBeGreaterThanOrEqual(Math.min(...values));
        expect(p90).toBeLessThanOrEqual(Math.max(...values));
        // At least half the values are at most the median, at least 90 % at most p90.
        expect(values.filter((v) => v <= (median as number)).length * 2).toBeGreaterThanOrEqual(values.length);
        expect(values.filter((v) => v <= (p90 as number)).length * 10).toBeGreaterThanOrEqual(values.length * 9);
      }),
    );
  });
});

describe('rates', () => {
  it('is null for nothing and part/whole otherwise', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 5)).toBe(0);
  });

  it('always lies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b) => {
        const part = Math.min(a, b);
        const r = rate(part, b) as number;
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('working-day buckets', () => {
  it('sums each inclusive range, the last open-ended', () => {
    const h = histogramOf([0, 5, 6, 20, 21, 40, 41, 300]);
    expect(bucketize(h).map((b) => b.count)).toEqual([2, 1, 0, 1, 1, 1, 2]);
    expect(bucketize([]).every((b) => b.count === 0)).toBe(true);
  });

  it('loses no answer: the buckets sum to the histogram count', () => {
    fc.assert(
      fc.property(days, (values) => {
        const h = histogramOf(values);
        expect(histogramCount(h)).toBe(values.length);
        expect(bucketize(h).reduce((s, b) => s + b.count, 0)).toBe(values.length);
      }),
    );
  });
});
