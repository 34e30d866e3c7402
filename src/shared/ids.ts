import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token of `bytes` bytes of entropy (session ids, setup links, query codes). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a string; tokens are stored only as this digest. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
