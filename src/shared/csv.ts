/**
 * The one CSV writer of every export: RFC 4180 (a cell is quoted when it holds `"`, `,`, CR or LF, quotes doubled),
 * CRLF after every line, and a UTF-8 byte-order mark in front when asked (Excel reads the Chinese only with it).
 *
 * Formula injection: a text cell that begins with = + - @, a tab or a CR is run by spreadsheets as a formula
 * (`=HYPERLINK(…)` in an agency name reaches the official who opens the file), so it is written with a leading
 * apostrophe, as OWASP recommends. Numbers are numbers: -3 passed as a number stays -3. A text that already begins
 * with apostrophes before such a character gets one more, so `readCsvCell` can take exactly one off whatever was
 * written and the round trip is exact.
 */

export type CsvCell = string | number | null | undefined;

// Text a spreadsheet would evaluate, after any apostrophes (see readCsvCell).
const FORMULA = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** One cell: blank for null/undefined, numbers as they are, formula-like text behind an apostrophe, quoted if needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells (without its line break). */
export const csvLine = (cells: readonly CsvCell[]): string => cells.map(csvCell).join(',');

/** A whole file: the lines (an empty array is an empty line), each ended by CRLF, after a byte-order mark if `bom`. */
export function toCsv(lines: readonly (readonly CsvCell[])[], opts: { bom: boolean }): string {
  return `${opts.bom ? '\uFEFF' : ''}${lines.map(csvLine).join('\r\n')}\r\n`;
}

/** A cell's text as it was before `csvCell` neutralised it (for reading our own exports back). */
export const readCsvCell = (cell: string): string => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);
