/**
 * What a request target may be. Node's HTTP parser (llhttp) refuses any byte above 0x7F in the target
 * (HPE_INVALID_URL; it has no lenient flag for it, not even `insecureHTTPParser`), so raw UTF-8 — which some clients
 * and crawlers send for `/search?q=工业` — never reaches Fastify; `parseRawHead` and `encodeRawTarget` below read such
 * a request back from the failed packet (see client-errors.tsx). Fastify decodes percent-encoding leniently in the
 * query (a bad escape stays as text) and refuses it in the path; `isWellFormedTarget` makes both one rule: escapes
 * complete, UTF-8 valid, no control characters.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true });
// Printable ASCII without '%': nothing to decode, nothing to refuse (the common case, checked first).
const PLAIN = /^[\u0021-\u0024\u0026-\u007e]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is refused.
const PATH_CONTROLS = /[\u0000-\u001f\u007f]/;
// A query value may hold a tab or a line break (a textarea in a GET form); never other control characters (NUL
// would even fail in PostgreSQL text).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is refused.
const QUERY_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Percent-decodes as UTF-8; null for a broken escape or bytes that are not UTF-8 (decodeURIComponent is strict). */
function decodeUtf8(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** True when every `%` starts an escape, the decoded path and query are UTF-8, and they hold no control characters. */
export function isWellFormedTarget(url: string): boolean {
  if (PLAIN.test(url)) return true;
  const q = url.indexOf('?');
  const path = decodeUtf8(q < 0 ? url : url.slice(0, q));
  if (path === null || PATH_CONTROLS.test(path)) return false;
  if (q < 0) return true;
  const query = decodeUtf8(url.slice(q + 1));
  return query !== null && !QUERY_CONTROLS.test(query);
}

/** A raw target as a browser would have sent it: bytes above 0x7F percent-encoded; null unless it is UTF-8 without control characters or spaces. */
export function encodeRawTarget(raw: Buffer): string | null {
  if (raw[0] !== 0x2f) return null;
  for (const b of raw) if (b <= 0x20 || b === 0x7f) return null;
  try {
    UTF8.decode(raw);
  } catch {
    return null;
  }
  let out = '';
  for (const b of raw) out += b >= 0x80 ? `%${b.toString(16).toUpperCase()}` : String.fromCharCode(b);
  return out;
}

export type RawHead = { method: string; target: Buffer; headers: Record<string, string> };

/** Where the head starting at `from` ends (index after the blank line), or -1 while it is incomplete. */
export function headEnd(buf: Buffer, from = 0): number {
  const crlf = buf.indexOf('\r\n\r\n', from);
  return crlf < 0 ? -1 : crlf + 4;
}

/** The start of the request line holding byte `at` (the parser's error position) in a packet. */
export function requestLineStart(packet: Buffer, at: number): number {
  return packet.lastIndexOf(0x0a, Math.max(0, Math.min(at, packet.length) - 1)) + 1;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses a complete request head (request line and header fields); null when it is not a well-formed HTTP/1 head. */
export function parseRawHead(head: Buffer): RawHead | null {
  const lineEnd = head.indexOf('\r\n');
  if (lineEnd < 0) return null;
  const line = head.subarray(0, lineEnd);
  const first = line.indexOf(0x20);
  const last = line.lastIndexOf(0x20);
  if (first <= 0 || last <= first) return null;
  const method = line.subarray(0, first).toString('latin1');
  const version = line.subarray(last + 1).toString('latin1');
  if (!/^[A-Z]+$/.test(method) || !/^HTTP\/1\.[01]$/.test(version)) return null;
  const headers: Record<string, string> = {};
  const end = headEnd(head);
  const fields = head.subarray(lineEnd + 2, end < 0 ? head.length : end - 4).toString('latin1');
  for (const field of fields === '' ? [] : fields.split('\r\n')) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon).toLowerCase();
    if (colon <= 0 || !TOKEN.test(name)) return null;
    const value = field.slice(colon + 1).trim();
    const before = headers[name];
    headers[name] = before === undefined ? value : `${before}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  return { method, target: line.subarray(first + 1, last), headers };
}
