/** Public tracking numbers and one-time query codes; only a digest of the code is stored. */
import { randomInt } from 'node:crypto';
import { sha256Hex } from '../shared/ids.ts';

// No 0/O or 1/I: codes are read off paper and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new tracking number: the submission date and six random digits, e.g. 20261126-048213. */
export function newTrackingNo(today: string): string {
  return `${today.replaceAll('-', '')}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** A new query code of 8 characters (about 40 bits), shown as XXXX-XXXX. */
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** A tracking number as typed (spaces, missing dash, full-width digits) in its stored form, or null. */
export function normalizeTrackingNo(input: string): string | null {
  const digits = input.normalize('NFKC').replace(/\D/g, '');
  return digits.length === 14 ? `${digits.slice(0, 8)}-${digits.slice(8)}` : null;
}

/** A query code as typed, upper-cased, without separators. */
export function normalizeQueryCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** The stored digest of a query code, bound to its tracking number. */
export function queryCodeHash(trackingNo: string, code: string): string {
  return sha256Hex(`${trackingNo}:${normalizeQueryCode(code)}`);
}
