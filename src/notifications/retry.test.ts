import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone } from './channels.ts';
import { afterFailure, BASE_DELAY_MS, backoffMs, CLAIM_LEASE_MS, type ClaimState, isClaimable, MAX_ATTEMPTS, MAX_DELAY_MS } from './retry.ts';

const now = new Date('2026-12-07T02:00:00Z');
const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('backoff', () => {
  it('doubles from one minute and stops growing at six hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([BASE_DELAY_MS, 2 * BASE_DELAY_MS, 4 * BASE_DELAY_MS, 8 * BASE_DELAY_MS]);
    expect(backoffMs(40)).toBe(MAX_DELAY_MS);
  });
  it('never shrinks and stays within its bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
        expect(backoffMs(n + 1)).toBeGreaterThanOrEqual(backoffMs(n));
        expect(backoffMs(n)).toBeGreaterThanOrEqual(BASE_DELAY_MS);
        expect(backoffMs(n)).toBeLessThanOrEqual(MAX_DELAY_MS);
      }),
    );
  });
  it('queues a retry in the future until the last try, then gives up', () => {
    for (let a = 1; a < MAX_ATTEMPTS; a++) {
      const next = afterFailure(a, now);
      expect(next.status).toBe('queued');
      expect((next.nextAttemptAt ?? '') > now.toISOString()).toBe(true);
    }
    expect(afterFailure(MAX_ATTEMPTS, now)).toEqual({ status: 'failed', nextAttemptAt: null });
  });
});

describe('the claim rule', () => {
  const queued = (over: Partial<ClaimState> = {}): ClaimState => ({ status: 'queued', attempts: 0, nextAttemptAt: iso(0), claimedAt: null, ...over });
  it('claims a queued message once it is due', () => {
    expect(isClaimable(queued(), now)).toBe(true);
    expect(isClaimable(queued({ nextAttemptAt: iso(1) }), now)).toBe(false);
  });
  it('does not claim a message another dispatcher holds, until its lease ends', () => {
    expect(isClaimable(queued({ status: 'sending', attempts: 1, claimedAt: iso(-1000) }), now)).toBe(false);
    expect(isClaimable(queued({ status: 'sending', attempts: 1, claimedAt: iso(-CLAIM_LEASE_MS) }), now)).toBe(true);
  });
  it('never claims a sent or failed message, nor one that used all its tries', () => {
    fc.assert(
      fc.property(fc.constantFrom('sent', 'failed'), fc.integer({ min: 0, max: 10 }), (status, attempts) => {
        expect(isClaimable(queued({ status: status as 'sent', attempts, claimedAt: iso(-10 * CLAIM_LEASE_MS) }), now)).toBe(false);
      }),
    );
    expect(isClaimable(queued({ attempts: MAX_ATTEMPTS }), now)).toBe(false);
  });
  it('after a claim (status sending, claimed now) a second claim at the same instant loses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_ATTEMPTS - 1 }), (attempts) => {
        const before = queued({ attempts });
        expect(isClaimable(before, now)).toBe(true);
        const claimed: ClaimState = { ...before, status: 'sending', attempts: attempts + 1, claimedAt: now.toISOString() };
        expect(isClaimable(claimed, now)).toBe(false);
      }),
    );
  });
});

describe('maskPhone', () => {
  it('keeps only the last four digits', () => {
    expect(maskPhone('+86 139 1234 5678')).toBe('尾号5678');
    expect(maskPhone('139-1234-5678')).not.toContain('1391234');
  });
});
