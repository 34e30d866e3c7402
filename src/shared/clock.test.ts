import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDate, chinaTime, fixedClock } from './clock.ts';

describe('China time', () => {
  it('dates an instant after 16:00 UTC on the next day (issue 13: 02:28 in China on 7 December)', () => {
    const submittedAt = '2026-12-06T18:28:00.000Z';
    expect(chinaDate(submittedAt)).toBe('2026-12-07');
    expect(chinaDate(new Date(submittedAt))).toBe('2026-12-07');
    expect(chinaTime(submittedAt)).toBe('2026/12/7 02:28:00');
    expect(fixedClock(submittedAt).today()).toBe('2026-12-07');
  });

  it('changes day at 16:00 UTC, not at midnight UTC', () => {
    expect(chinaDate('2026-12-06T15:59:59.999Z')).toBe('2026-12-06');
    expect(chinaDate('2026-12-06T16:00:00.000Z')).toBe('2026-12-07');
    expect(chinaDate('2026-12-06T23:59:59.999Z')).toBe('2026-12-07');
    expect(chinaDate('2026-12-07T00:00:00.000Z')).toBe('2026-12-07');
    expect(chinaDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });

  // China kept summer time from 1986 to 1991 (UTC+9); since 1992 Asia/Shanghai is UTC+8 all year.
  it('agrees with the Asia/Shanghai zone for any instant since 1992, and the date is the start of the time', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (at) => {
        const day = chinaDate(at);
        expect(day).toBe(zone.format(at));
        expect(chinaDate(at.toISOString())).toBe(day);
        const [y, m, d] = day.split('-').map(Number);
        expect(chinaTime(at).startsWith(`${y}/${m}/${d} `)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the UTC date for instants from 00:00 to 15:59 UTC and the next day from 16:00 to 23:59', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 86_399_999 }), (dayNo, ms) => {
        const midnight = Date.UTC(2000, 0, 1) + dayNo * 86_400_000;
        const utcDay = new Date(midnight).toISOString().slice(0, 10);
        const nextDay = new Date(midnight + 86_400_000).toISOString().slice(0, 10);
        expect(chinaDate(new Date(midnight + ms))).toBe(ms < 16 * 3_600_000 ? utcDay : nextDay);
      }),
    );
  });
});
