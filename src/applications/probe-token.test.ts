import { describe, expect, it } from 'vitest';
import { isValidProbeToken, PROBE_TOKEN_TTL_MS, probeToken } from './probe-token.ts';

const secret = 'a-server-secret-of-at-least-32-characters';
const now = new Date('2024-09-27T02:00:00Z');

describe('the channel probe token', () => {
  it('is accepted for its agency within the window', () => {
    const token = probeToken(secret, 'lcgxj', now);
    expect(isValidProbeToken(secret, 'lcgxj', token, now)).toBe(true);
    expect(isValidProbeToken(secret, 'lcgxj', token, new Date(now.getTime() + PROBE_TOKEN_TTL_MS))).toBe(true);
  });

  it('is refused for another agency, another secret, out of the window, altered or missing', () => {
    const token = probeToken(secret, 'lcgxj', now);
    expect(isValidProbeToken(secret, 'other', token, now)).toBe(false);
    expect(isValidProbeToken(`${secret}x`, 'lcgxj', token, now)).toBe(false);
    expect(isValidProbeToken(secret, 'lcgxj', token, new Date(now.getTime() + PROBE_TOKEN_TTL_MS + 1))).toBe(false);
    expect(isValidProbeToken(secret, 'lcgxj', token.replace(/^\d+/, String(now.getTime() + 1)), now)).toBe(false);
    expect(isValidProbeToken(secret, 'lcgxj', undefined, now)).toBe(false);
    expect(isValidProbeToken(secret, 'lcgxj', 'garbage', now)).toBe(false);
  });
});
