import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, accountKey, accountLockMs } from './throttle.ts';

describe('the account lock-out policy', () => {
  it('lets four failures pass, then doubles the lock from one minute up to thirty', () => {
    const minutes = Array.from({ length: 12 }, (_, i) => accountLockMs(i + 1) / 60_000);
    expect(minutes).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
    expect(accountLockMs(10_000)).toBe(ACCOUNT_POLICY.maxLockMs);
  });

  it('keys an account by the name as typed, normalised as sign-in normalises it', () => {
    expect(accountKey('  Alice ')).toBe('account:alice');
  });
});
