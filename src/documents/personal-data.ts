/**
 * The personal-data check run before review (先审查后公开): ID card numbers with a valid GB 11643 check character,
 * mobile numbers, bank card numbers passing the Luhn check, and the agency's own sensitive words. Pure functions.
 */

export type FindingKind = 'id_card' | 'mobile' | 'bank_card' | 'sensitive_word';
export type Finding = { kind: FindingKind; start: number; end: number; text: string };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** True for an 18-character 居民身份证号码 whose birth date is plausible and whose check character is right. */
export function isValidIdCardNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] === id[17]?.toUpperCase();
}

/** True when a digit string passes the Luhn check (bank cards). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// Digit runs are found whole, so a number inside a longer run of digits never matches on its own: each match starts at
// a run's first digit and takes the run to its end (the scan resumes after it). No lookaround, so the ReDoS analyser
// proves it linear (src/shared/regex-safety.test.ts).
const DIGIT_RUN = /\d(?:[\d ]*\d)?[Xx]?/g;

/** Finds personal data and sensitive words in a text, in order of position; overlapping findings are not repeated. */
export function detectPersonalData(text: string, sensitiveWords: readonly string[] = []): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const start = m.index;
    // An X with a digit after it closes no ID number: the run ends before it.
    const run = /[Xx]$/.test(m[0]) && /\d/.test(text[start + m[0].length] ?? '') ? m[0].slice(0, -1) : m[0];
    // A run may hold groups separated by single spaces (bank cards are often written 4-4-4-4); split on double spaces.
    for (const piece of splitRun(run, start)) {
      const compact = piece.text.replace(/ /g, '');
      if (compact.length === 18 && !piece.text.includes(' ') && isValidIdCardNumber(compact)) {
        found.push({ kind: 'id_card', ...piece });
      } else if (/^1[3-9]\d{9}$/.test(compact) && !piece.text.includes(' ')) {
        found.push({ kind: 'mobile', ...piece });
      } else if (/^\d{16,19}$/.test(compact) && passesLuhn(compact) && (!piece.text.includes(' ') || /^\d{4}( \d{4}){2,3}( \d{1,4})?$/.test(piece.text))) {
        found.push({ kind: 'bank_card', ...piece });
      }
    }
  }
  for (const word of sensitiveWords) {
    if (!word) continue;
    let at = text.indexOf(word);
    while (at >= 0) {
      found.push({ kind: 'sensitive_word', start: at, end: at + word.length, text: word });
      at = text.indexOf(word, at + word.length);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  let lastEnd = -1;
  for (const f of found) {
    if (f.start >= lastEnd) {
      out.push(f);
      lastEnd = f.end;
    }
  }
  return out;
}

function splitRun(run: string, offset: number): { start: number; end: number; text: string }[] {
  const pieces: { start: number; end: number; text: string }[] = [];
  if (!run.includes(' ')) return [{ start: offset, end: offset + run.length, text: run }];
  // Space-separated groups: try the whole run as one card number, else each space-free piece on its own.
  const trimmed = run.trim();
  pieces.push({ start: offset, end: offset + run.length, text: trimmed });
  let pos = 0;
  for (const part of run.split(' ')) {
    if (part) pieces.push({ start: offset + pos, end: offset + pos + part.length, text: part });
    pos += part.length + 1;
  }
  return pieces;
}

export type Segment = { text: string; finding?: Finding };

/** Cuts a text into plain and flagged segments, for highlighting findings to the reviewer. */
export function segmentFindings(text: string, findings: readonly Finding[]): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  for (const f of findings) {
    if (f.start < pos) continue;
    if (f.start > pos) out.push({ text: text.slice(pos, f.start) });
    out.push({ text: text.slice(f.start, f.end), finding: f });
    pos = f.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos) });
  return out;
}

/** Masks a finding for display in lists (keeps the first 3 and last 2 characters). */
export function maskFinding(text: string): string {
  return text.length <= 5 ? '*'.repeat(text.length) : `${text.slice(0, 3)}${'*'.repeat(text.length - 5)}${text.slice(-2)}`;
}
