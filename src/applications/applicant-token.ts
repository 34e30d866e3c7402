/**
 * The applicant's pass after a tracking lookup: once the tracking number and query code were right, the tracking page
 * hands out tokens that let the same applicant act on that one case for a while without typing the code again
 * (answer a 补正, download the answer's files, the letter as PDF). A token is an HMAC under the server secret of the
 * purpose, the application and the expiry, so it names one case and one use, and cannot be forged or extended.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token lets its holder do. */
export type ApplicantPurpose = 'correction' | 'download';

/** How long a token lasts after the lookup that made it: long enough to fill in a 补正 form calmly. */
export const APPLICANT_TOKEN_TTL_MS = 2 * 60 * 60_000;

const mac = (secret: string, purpose: ApplicantPurpose, applicationId: number, expiresAt: number) =>
  createHmac('sha256', secret).update(`applicant:${purpose}:${applicationId}:${expiresAt}`).digest('base64url');

/** A token for `purpose` on application `applicationId`, valid until `now` + TTL. */
export function applicantToken(secret: string, purpose: ApplicantPurpose, applicationId: number, now: Date): string {
  const expiresAt = now.getTime() + APPLICANT_TOKEN_TTL_MS;
  return `${applicationId}.${expiresAt}.${mac(secret, purpose, applicationId, expiresAt)}`;
}

/** The application a valid, unexpired token for `purpose` names; null for anything else. */
export function applicationOfToken(secret: string, purpose: ApplicantPurpose, token: string | undefined, now: Date): number | null {
  const m = token ? /^(\d{1,12})\.(\d{1,15})\.([\w-]{43})$/.exec(token) : null;
  if (!m) return null;
  const applicationId = Number(m[1]);
  const expiresAt = Number(m[2]);
  if (!Number.isSafeInteger(applicationId) || applicationId <= 0 || now.getTime() > expiresAt) return null;
  const expected = Buffer.from(mac(secret, purpose, applicationId, expiresAt));
  const given = Buffer.from(m[3] as string);
  return expected.length === given.length && timingSafeEqual(expected, given) ? applicationId : null;
}
