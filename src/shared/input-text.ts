/**
 * Text that comes from outside — import files, holiday arrangements, report tables, text pasted into the console —
 * read strictly: a file in another encoding, or holding bytes no text holds, is refused with its line instead of being
 * stored as "���". Lines are the file's own (1-based, blank lines counted, a line ends at LF).
 */
import fs from 'node:fs';
import { t } from './i18n/zh-CN.ts';

/** The largest file an import reads (the whole file is held in memory). */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024;
/** The longest line (UTF-8 bytes); no record of any kind comes near it. */
export const MAX_INPUT_LINE_BYTES = 10 * 1024 * 1024;

const MB = 1024 * 1024;
const R = t.files.read;

/** The text cannot be accepted; the message names the line (when there is one). */
export class InputTextError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(line === null ? message : R.atLine(line, message));
    this.name = 'InputTextError';
  }
}

export type InputLimits = { maxFileBytes: number; maxLineBytes: number };
const DEFAULT_LIMITS: InputLimits = { maxFileBytes: MAX_INPUT_FILE_BYTES, maxLineBytes: MAX_INPUT_LINE_BYTES };

/** The 1-based line of a byte offset (LF-terminated lines). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The 1-based line of a string index (LF-terminated lines). */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a file's bytes as strict UTF-8 (a leading BOM dropped). Refuses, naming the line: NUL bytes, bytes that are
 * not UTF-8, a line over the limit, and U+FFFD (text that was already decoded wrongly somewhere else).
 */
export function decodeInputBytes(bytes: Uint8Array, limits: InputLimits = DEFAULT_LIMITS): string {
  if (bytes.length > limits.maxFileBytes) throw new InputTextError(null, R.fileTooLarge(Math.floor(limits.maxFileBytes / MB)));
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nul = buf.indexOf(0);
  if (nul !== -1) throw new InputTextError(lineOfByte(buf, nul), R.nul);
  let start = 0;
  let line = 1;
  while (start <= buf.length) {
    const end = buf.indexOf(0x0a, start);
    const stop = end === -1 ? buf.length : end;
    if (stop - start > limits.maxLineBytes) throw new InputTextError(line, R.lineTooLong(Math.floor(limits.maxLineBytes / MB)));
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  let text: string;
  try {
    // fatal: a malformed sequence throws instead of turning into U+FFFD; the BOM is dropped by default.
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputTextError(lineOfByte(buf, Math.max(0, firstInvalidUtf8(buf))), R.notUtf8);
  }
  const replacement = text.indexOf('\uFFFD');
  if (replacement !== -1) throw new InputTextError(lineAt(text, replacement), R.replacement);
  return text;
}

/** The same checks for text that arrived already decoded (a form field): NUL, U+FFFD, line length. */
export function checkInputText(text: string, limits: InputLimits = DEFAULT_LIMITS): string {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) throw new InputTextError(lineAt(text, nul), R.nul);
  const replacement = text.indexOf('\uFFFD');
  if (replacement !== -1) throw new InputTextError(lineAt(text, replacement), R.replacement);
  let line = 1;
  for (const raw of text.split('\n')) {
    // A UTF-16 unit is at most 3 UTF-8 bytes; count bytes only for lines that might be too long.
    if (raw.length * 3 > limits.maxLineBytes && Buffer.byteLength(raw) > limits.maxLineBytes) {
      throw new InputTextError(line, R.lineTooLong(Math.floor(limits.maxLineBytes / MB)));
    }
    line++;
  }
  return text;
}

/**
 * Reads a file (or standard input for `-`) as strict UTF-8 within the size limit, never reading more than the limit
 * allows (a device or a pipe that never ends is cut off). Throws InputTextError for refused content and the file
 * system's error when the file cannot be read.
 */
export function readInputFile(file: string, limits: InputLimits = DEFAULT_LIMITS): string {
  const fd = file === '-' ? 0 : fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (n === 0) break;
      total += n;
      if (total > limits.maxFileBytes) throw new InputTextError(null, R.fileTooLarge(Math.floor(limits.maxFileBytes / MB)));
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return decodeInputBytes(Buffer.concat(chunks, total), limits);
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}

// C0 and C1 controls, DEL, and the bidirectional marks and overrides that reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE_FOR_DISPLAY = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text fit for a terminal or a one-line message: control characters written as escapes (\x1b, \u202e), never raw. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE_FOR_DISPLAY, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
