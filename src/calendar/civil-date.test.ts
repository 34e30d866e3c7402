import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, isValidDate, parseDate } from './civil-date.ts';

describe('civil dates', () => {
  it('parseDate rejects impossible and malformed dates with a Chinese RangeError', () => {
    for (const bad of ['2023-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2023-2-3', '2023/02/03', '20230203', '', 'abcd-ef-gh', '2024-02-1x']) {
      expect(() => parseDate(bad)).toThrow(RangeError);
      expect(() => parseDate(bad)).toThrow(/日期格式应为 YYYY-MM-DD，且须为真实日期/);
    }
    expect(() => parseDate('1899-12-31')).toThrow(/1900-01-01/);
    expect(formatDate(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(parseDate('1970-01-01')).toBe(0);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2100-02-29')).toBe(false);
  });

  it('parseDate and formatDate round-trip, and parseDate agrees with Date.UTC on validity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2299 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const t = new Date(Date.UTC(y, m - 1, d));
        const real = m >= 1 && m <= 12 && d >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
        if (!real) return !isValidDate(s);
        return isValidDate(s) && formatDate(parseDate(s)) === s && parseDate(s) === Math.round(t.getTime() / 86400000);
      }),
      { numRuns: 3000 },
    );
  });
});
