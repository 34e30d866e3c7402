import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICANT_TOKEN_TTL_MS, applicantToken, applicationOfToken } from './applicant-token.ts';

const secret = 'test-secret-of-enough-length-0123456789';
const now = new Date('2026-12-07T02:00:00Z');

describe('applicant tokens', () => {
  it('name their case for their purpose until they expire', () => {
    const token = applicantToken(secret, 'correction', 42, now);
    expect(applicationOfToken(secret, 'correction', token, now)).toBe(42);
    expect(applicationOfToken(secret, 'correction', token, new Date(now.getTime() + APPLICANT_TOKEN_TTL_MS))).toBe(42);
    expect(applicationOfToken(secret, 'correction', token, new Date(now.getTime() + APPLICANT_TOKEN_TTL_MS + 1))).toBeNull();
    expect(applicationOfToken(secret, 'download', token, now)).toBeNull();
    expect(applicationOfToken('another-secret-of-enough-length-0123456', 'correction', token, now)).toBeNull();
  });

  it('refuse any change to the case, the expiry or the signature', () => {
    const token = applicantToken(secret, 'download', 7, now);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (at, c) => {
        const changed = token.slice(0, at) + c + token.slice(at + 1);
        fc.pre(changed !== token);
        expect(applicationOfToken(secret, 'download', changed, now)).toBeNull();
      }),
    );
    expect(applicationOfToken(secret, 'download', undefined, now)).toBeNull();
    expect(applicationOfToken(secret, 'download', `8${token.slice(1)}`, now)).toBeNull();
  });
});
