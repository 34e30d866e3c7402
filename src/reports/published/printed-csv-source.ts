/**
 * A CSV in the printed layout (`gongkai report … --format csv --layout printed`, or a table saved from a spreadsheet):
 * lines of one cell are the title and headings, runs of wider lines are tables. A spreadsheet writes a merged header
 * cell's text in its first cell only, so the header rows above a table's first figures are filled back as the printed
 * table merges them (`fillHeaderRows`); then the tables are found by their labels, as on a page.
 */
import { parseCsvRows } from '../report-input.ts';
import { readCellValue } from './cell-value.ts';
import type { RawDocument, RawTable } from './grid.ts';
import { locateTables } from './locate.ts';
import type { PublishedReport } from './read-model.ts';

/** Whether a CSV is in the printed layout rather than the interchange one (`agency,…` / `table,row,…`). */
export function isPrintedCsv(text: string): boolean {
  const first = parseCsvRows(text).find((r) => r.cells.some((c) => c.trim() !== '') && !(r.cells[0] ?? '').trim().startsWith('#'));
  const head = first?.cells[0]?.trim();
  return head !== undefined && head !== 'table' && head !== 'agency';
}

/**
 * Header rows as the printed table merges them: a blank cell continues the text to its left when both sit under the
 * same cell above (a span across columns: 法人或其他组织, 未经复议直接起诉), else it continues the text above it (a span
 * down rows: 总计, 结果维持).
 */
export function fillHeaderRows(rows: readonly string[][]): string[][] {
  const out: string[][] = [];
  for (const row of rows) {
    const above = out.at(-1);
    const filled: string[] = [];
    row.forEach((cell, j) => {
      if (cell.trim() !== '') filled.push(cell);
      else if (j > 0 && (above === undefined || above[j] === above[j - 1])) filled.push(filled[j - 1] ?? '');
      else filled.push(above?.[j] ?? '');
    });
    out.push(filled);
  }
  return out;
}

const hasNumber = (row: readonly string[]) => row.some((c) => readCellValue(c).state === 'number');

/** Reads a printed-layout CSV into a published report. */
export function readPrintedCsv(text: string): PublishedReport {
  const paragraphs: string[] = [];
  const tables: RawTable[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (table.length === 0) return;
    const firstFigures = table.findIndex(hasNumber);
    const headerEnd = firstFigures < 0 ? table.length : firstFigures;
    const rows = [...fillHeaderRows(table.slice(0, headerEnd)), ...table.slice(headerEnd)];
    tables.push(rows.map((r) => r.map((c) => ({ text: c.replace(/\s+/g, ''), rowSpan: 1, colSpan: 1 }))));
    table = [];
  };
  for (const { cells } of parseCsvRows(text)) {
    const first = (cells[0] ?? '').trim();
    if (first.startsWith('#')) continue;
    if (cells.length <= 1) {
      flush();
      if (first !== '') paragraphs.push(first);
    } else table.push(cells);
  }
  flush();
  const doc: RawDocument = { tables, paragraphs, ...(paragraphs[0] ? { title: paragraphs[0] } : {}) };
  return locateTables(doc, 'csv');
}
