/**
 * The outbox's pure rules: when a message may be claimed, and what happens after a failed try (exponential backoff,
 * then give up). The dispatcher's SQL says the same as `isClaimable`, so a test of one is a test of the other.
 */
import type { NotificationStatus } from './notifications.tables.ts';

/** Tries before a message is marked failed. */
export const MAX_ATTEMPTS = 5;
/** The wait after the first failure; it doubles after each one. */
export const BASE_DELAY_MS = 60_000;
/** The longest wait between two tries. */
export const MAX_DELAY_MS = 6 * 3600_000;
/** A claim older than this is taken to be a dispatcher that died while sending: the message may be claimed again. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** The wait before the next try after `failedAttempts` failures (1, 2 …): 1, 2, 4, 8 … minutes, at most 6 hours. */
export function backoffMs(failedAttempts: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(n - 1, 30));
}

/** What a message becomes after its `attempts`-th try failed at `now`. */
export function afterFailure(attempts: number, now: Date): { status: 'failed'; nextAttemptAt: null } | { status: 'queued'; nextAttemptAt: string } {
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', nextAttemptAt: null };
  return { status: 'queued', nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString() };
}

export type ClaimState = { status: NotificationStatus; attempts: number; nextAttemptAt: string; claimedAt: string | null };

/** The instant before which a claim counts as abandoned. */
export const staleClaimBefore = (now: Date) => new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();

/**
 * True when a dispatcher may claim the message at `now`: queued and due, or claimed by a dispatcher that has not
 * finished within the lease; never once it has used all its tries.
 */
export function isClaimable(m: ClaimState, now: Date): boolean {
  if (m.attempts >= MAX_ATTEMPTS) return false;
  if (m.status === 'queued') return m.nextAttemptAt <= now.toISOString();
  if (m.status === 'sending') return m.claimedAt !== null && m.claimedAt <= staleClaimBefore(now);
  return false;
}
