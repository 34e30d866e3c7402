/**
 * JSON from outside, scanned before it is parsed for what JSON.parse accepts but the platform refuses: nesting deeper
 * than any record needs (recursive code downstream would overflow the stack), keys that reach an object's prototype
 * when records are spread or merged (`__proto__`, `constructor`, `prototype`), and NUL characters (`\u0000`, which
 * PostgreSQL cannot store in text). The scan also gives where each element of a top-level array starts, so problems
 * can name the file's line.
 */
import { t } from './i18n/zh-CN.ts';
import { lineAt } from './input-text.ts';

/** Deeper than any interchange record, report or arrangement (they nest five levels at most). */
export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const R = t.files.read;

/** Refused JSON; `index` is where in the text the problem is. */
export class UnsafeJsonError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
    this.name = 'UnsafeJsonError';
  }
}

const QUOTE = 0x22;

/**
 * Scans JSON text without building values. Throws UnsafeJsonError at the first refused construct; returns the start
 * index of each element of a top-level array (empty otherwise). Malformed JSON is left for JSON.parse to report.
 */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): number[] {
  const starts: number[] = [];
  // Container kinds by depth: 1 = object, 2 = array.
  const kinds = new Uint8Array(maxDepth + 2);
  let depth = 0;
  let expectKey = false;
  let elementStart = false;
  let backslash = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (elementStart && c !== 0x5d) {
      starts.push(i);
      elementStart = false;
    }
    if (c === QUOTE) {
      const begin = i;
      let escaped = false;
      // Jump from quote to quote; the next backslash is looked up only once it has been passed (linear overall).
      for (i++; ; ) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          i = n;
          break;
        }
        if (backslash < i) {
          backslash = text.indexOf('\\', i);
          if (backslash === -1) backslash = n;
        }
        if (backslash > quote) {
          i = quote;
          break;
        }
        escaped = true;
        if (text.charCodeAt(backslash + 1) === 0x75 && text.startsWith('0000', backslash + 2)) throw new UnsafeJsonError(backslash, R.nul);
        i = backslash + 2;
      }
      if (expectKey && kinds[depth] === 1) {
        let key = text.slice(begin + 1, i);
        if (escaped) {
          try {
            key = JSON.parse(text.slice(begin, i + 1)) as string;
          } catch {
            // Malformed: JSON.parse of the whole text reports it.
          }
        }
        if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(begin, R.forbiddenKey(key));
        expectKey = false;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (depth >= maxDepth) throw new UnsafeJsonError(i, R.tooDeep(maxDepth));
      depth++;
      kinds[depth] = c === 0x7b ? 1 : 2;
      expectKey = c === 0x7b;
      elementStart = depth === 1 && c === 0x5b;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
      expectKey = false;
      elementStart = false;
    } else if (c === 0x2c) {
      expectKey = kinds[depth] === 1;
      elementStart = depth === 1 && kinds[1] === 2;
    } else if (c === 0x3a) {
      expectKey = false;
    }
  }
  return starts;
}

/** The line of an UnsafeJsonError or a JSON.parse error in `text` (V8 names the position), or null. */
export function jsonErrorLine(text: string, error: unknown): number | null {
  if (error instanceof UnsafeJsonError) return lineAt(text, error.index);
  const m = error instanceof SyntaxError ? /at position (\d+)/.exec(error.message) : null;
  return m ? lineAt(text, Number(m[1])) : null;
}

/** Scans, then parses. Throws UnsafeJsonError or JSON.parse's SyntaxError. */
export function parseJsonSafely(text: string, maxDepth = MAX_JSON_DEPTH): { value: unknown; elementStarts: number[] } {
  const elementStarts = scanJson(text, maxDepth);
  return { value: JSON.parse(text), elementStarts };
}
