/**
 * The channel probe's credential: a header the probe sends with its test application so the server marks it as a
 * probe (ref TEST-…, kept out of every list and count, deleted on withdrawal). It is an HMAC of the agency and the
 * time under the server secret, valid for a few minutes, so only someone holding the secret can mark a submission.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PROBE_HEADER = 'x-gongkai-probe';
/** How long a token is accepted either side of the server's clock. */
export const PROBE_TOKEN_TTL_MS = 10 * 60_000;

const mac = (secret: string, agencyCode: string, at: number) => createHmac('sha256', secret).update(`channel-probe:${agencyCode}:${at}`).digest('base64url');

/** A token for a probe of `agencyCode` at `now`. */
export function probeToken(secret: string, agencyCode: string, now: Date): string {
  const at = now.getTime();
  return `${at}.${mac(secret, agencyCode, at)}`;
}

/** True when `token` was made with `secret` for `agencyCode` within the validity window around `now`. */
export function isValidProbeToken(secret: string, agencyCode: string, token: string | undefined, now: Date): boolean {
  const m = token ? /^(\d{1,15})\.([\w-]{43})$/.exec(token) : null;
  if (!m) return false;
  const at = Number(m[1]);
  if (Math.abs(now.getTime() - at) > PROBE_TOKEN_TTL_MS) return false;
  const expected = Buffer.from(mac(secret, agencyCode, at));
  const given = Buffer.from(m[2] as string);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
