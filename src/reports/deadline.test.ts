import { describe, expect, it } from 'vitest';
import { daysBetween, isValidLocalDeadline, reminderYear, reportDeadline } from './deadline.ts';

describe('the report deadline', () => {
  it('is 31 January for a department and 31 March for a government, or an earlier local date', () => {
    expect(reportDeadline('department', 2022, null)).toEqual({ year: 2022, legal: '2023-01-31', local: null, due: '2023-01-31' });
    expect(reportDeadline('government', 2022, null).due).toBe('2023-03-31');
    expect(reportDeadline('department', 2022, '01-20')).toMatchObject({ local: '2023-01-20', due: '2023-01-20' });
    // A local date after the legal one is ignored.
    expect(reportDeadline('department', 2022, '02-10')).toMatchObject({ local: null, due: '2023-01-31' });
  });

  it('accepts local dates of January to March only', () => {
    expect(isValidLocalDeadline('01-20')).toBe(true);
    expect(isValidLocalDeadline('02-29')).toBe(false);
    expect(isValidLocalDeadline('04-01')).toBe(false);
    expect(isValidLocalDeadline('1-20')).toBe(false);
  });

  it('reminds from December on, until the report is published', () => {
    const none = () => false;
    expect(reminderYear('2022-11-30', (y) => y === 2021)).toBeNull();
    expect(reminderYear('2022-12-01', none)).toBe(2022);
    expect(reminderYear('2023-01-15', none)).toBe(2022);
    expect(reminderYear('2023-01-15', (y) => y === 2022)).toBeNull();
    // Still unpublished in June: overdue, still reminded.
    expect(reminderYear('2023-06-01', none)).toBe(2022);
    expect(daysBetween('2023-01-15', '2023-01-31')).toBe(16);
  });
});
