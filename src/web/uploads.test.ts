import { describe, expect, it } from 'vitest';
import { UploadBudget } from './uploads.ts';

describe('the upload memory budget', () => {
  it('holds the uploads in progress within its capacity, a quarter of it per address, and frees what ends', () => {
    const budget = new UploadBudget(100);
    expect(budget.reserve('10.0.0.1', 25)).toBe(true);
    expect(budget.reserve('10.0.0.1', 1)).toBe(false); // this address holds its quarter
    expect(budget.reserve('10.0.0.2', 25)).toBe(true);
    expect(budget.reserve('10.0.0.3', 25)).toBe(true);
    expect(budget.reserve('10.0.0.4', 25)).toBe(true);
    expect(budget.reserve('10.0.0.5', 1)).toBe(false); // full
    budget.release('10.0.0.1', 25);
    expect(budget.reserve('10.0.0.5', 25)).toBe(true);
    expect(budget.reserve('10.0.0.1', 1)).toBe(false);
    budget.release('10.0.0.2', 25);
    expect(budget.reserve('10.0.0.1', 25)).toBe(true);
  });
});
