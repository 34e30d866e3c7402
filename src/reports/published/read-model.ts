/** What reading a published report yields: each cell with the row and column as printed, and what could not be read. */
import type { ReportFormat } from '../../vocabulary/report-format.ts';
import type { CellValue } from './cell-value.ts';

export type TableCode = 'proactive' | 'applications' | 'appeals';

/** One cell read: our row and column codes, the labels as the report prints them, and its value. */
export type ReadCell = { table: TableCode; row: string; col: string; rowLabel: string; colLabel: string } & CellValue;

/** A row the format does not have (小计, 合计, an added kind of information), listed as printed. */
export type ExtraRow = { table: TableCode; label: string; values: string[] };

export type PublishedReport = {
  format: ReportFormat;
  /** How the layout was chosen: from the printed labels, or (when they do not tell) from the year. */
  formatBy: 'labels' | 'year' | 'default';
  year?: number | undefined;
  title?: string | undefined;
  /** Where the report came from: html, docx, csv or json. */
  source: 'html' | 'docx' | 'csv' | 'json';
  cells: ReadCell[];
  extraRows: ExtraRow[];
  /** What could not be read: a table not found, rows or columns missing, cells that are not numbers. */
  notes: string[];
  /** The running text (paragraphs), for the text-against-tables check. */
  text: string[];
};

export const cellKey = (table: TableCode, row: string, col: string) => `${table}|${row}|${col}`;

/** The cells by key, for the checks. */
export function cellIndex(report: Pick<PublishedReport, 'cells'>): Map<string, ReadCell> {
  return new Map(report.cells.map((c) => [cellKey(c.table, c.row, c.col), c]));
}
