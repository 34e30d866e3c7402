/**
 * One printed cell of a published report's table, read as a value. Published tables write "not applicable" in many
 * ways ("/", "—", "-", "无"), leave cells blank, and in the 2019 layout's 增/减 column write "减4" or "增2". Blank is
 * kept apart from not applicable: a blank total is a finding of its own, never 0 in arithmetic.
 */

export type CellState = 'number' | 'na' | 'blank' | 'unreadable';
export type CellValue = { state: CellState; value: number; raw: string };

const NOT_APPLICABLE = new Set(['/', '／', '\\', '—', '——', '–', '-', '－', '--', '无', '不适用', '暂无', 'NA', 'N/A', '×']);
const UNIT_SUFFIXES = ['万元', '件', '个', '条', '篇', '项', '次', '元'];

/** Full-width digits, signs and points to ASCII; every kind of blank removed. */
export function normaliseCellText(raw: string): string {
  let s = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff10 && c <= 0xff19) s += String.fromCharCode(c - 0xff10 + 48);
    else if (ch === '．') s += '.';
    else if (ch === '＋') s += '+';
    else if (ch === '，' || ch === ',') continue;
    else if (/\s/.test(ch) || ch === '\u00a0' || ch === '\u3000' || ch === '\u200b') continue;
    else s += ch;
  }
  return s;
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Reads a cell. `signed` (the 2019 layout's 本年增/减 column) also reads 增N / 减N / +N / −N as signed numbers; a
 * number with a unit written after it (8040万元, 3件) reads as the number; `wan` (a column in 万元) reads 251000元 as 25.1.
 */
export function readCellValue(raw: string, options: { signed?: boolean; wan?: boolean } = {}): CellValue {
  let s = normaliseCellText(raw);
  if (s === '') return { state: 'blank', value: 0, raw };
  if (NOT_APPLICABLE.has(s) || NOT_APPLICABLE.has(s.toUpperCase())) return { state: 'na', value: 0, raw };
  let divisor = 1;
  for (const unit of UNIT_SUFFIXES) {
    if (s.length > unit.length && s.endsWith(unit)) {
      s = s.slice(0, -unit.length);
      // A column counted in 万元 that prints an amount in 元 (251000元) holds 25.1.
      if (unit === '元' && options.wan) divisor = 10000;
      break;
    }
  }
  let sign = 1;
  if (options.signed) {
    if (s.startsWith('增')) s = s.slice(1);
    else if (s.startsWith('减')) {
      sign = -1;
      s = s.slice(1);
    } else if (s.startsWith('－') || s.startsWith('−')) s = `-${s.slice(1)}`;
  }
  if (!NUMBER.test(s)) return { state: 'unreadable', value: 0, raw };
  const value = (sign * Number(s)) / divisor;
  return Number.isFinite(value) ? { state: 'number', value, raw } : { state: 'unreadable', value: 0, raw };
}

/** Whether a cell holds something (a number or a deliberate "not applicable"); blank and unreadable cells do not. */
export const isFilled = (c: { state: CellState } | undefined): boolean => c !== undefined && (c.state === 'number' || c.state === 'na');
