import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeFor, perApplicationFee, perApplicationTotal, perPageFee } from './fees.ts';

describe('信息处理费 schedules (国办函〔2020〕109号)', () => {
  it('gives the spec worked examples', () => {
    // 45 applications in one month → 20×100 + 10×200 + 5×300.
    expect(perApplicationTotal(45)).toBe(5500);
    // 150 pages → 70×10 + 50×20.
    expect(perPageFee(150)).toBe(1700);
  });

  it('charges nothing for the first 10 applications or 30 pages', () => {
    expect(perApplicationTotal(10)).toBe(0);
    expect(perApplicationFee(10)).toBe(0);
    expect(perApplicationFee(11)).toBe(100);
    expect(perPageFee(30)).toBe(0);
    expect(perPageFee(31)).toBe(10);
  });

  it('steps the bands at their edges', () => {
    expect([30, 31, 40, 41, 50, 51].map(perApplicationFee)).toEqual([100, 200, 200, 300, 300, 400]);
    expect(perPageFee(100)).toBe(700);
    expect(perPageFee(101)).toBe(720);
    expect(perPageFee(200)).toBe(2700);
    expect(perPageFee(201)).toBe(2740);
    expect(feeFor('per_page', 150)).toBe(1700);
    expect(feeFor('per_application', 45)).toBe(300);
  });

  it('refuses nonsense quantities', () => {
    expect(() => perApplicationFee(0)).toThrow(RangeError);
    expect(() => perPageFee(-1)).toThrow(RangeError);
    expect(() => perPageFee(1.5)).toThrow(RangeError);
  });

  it('is progressive: each application or page never costs less than the one before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (n) => {
        expect(perApplicationFee(n + 1)).toBeGreaterThanOrEqual(perApplicationFee(n));
        expect(perApplicationTotal(n + 1) - perApplicationTotal(n)).toBe(perApplicationFee(n + 1));
        const marginal = perPageFee(n + 1) - perPageFee(n);
        const prev = perPageFee(n) - (n > 0 ? perPageFee(n - 1) : 0);
        expect(marginal).toBeGreaterThanOrEqual(prev);
      }),
    );
  });
});
