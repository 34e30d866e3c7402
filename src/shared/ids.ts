import { hash, randomBytes } from 'node:crypto';

/** A random URL-safe token of `bytes` bytes of entropy (session ids, setup links, query codes). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a string (its UTF-8); tokens are stored only as this digest. The one-shot hash is cheaper than createHash. */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}
