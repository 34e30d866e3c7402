import { type CsvCell, toCsv } from '../../shared/csv.ts';
import { TABLE3_COLUMNS } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import {
  TABLE2_COLUMNS,
  TABLE2_ROWS,
  TABLE2_TRIAL_COLUMNS,
  TABLE2_TRIAL_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
  table3Row,
  table3RowCodes,
} from '../report-tables.ts';

/**
 * Tables 2–4 as CSV: a line naming the agency, year and format, then for each table a header line
 * (`table,row,<column codes>`) and one line per table row. Cells a row does not have are blank.
 */
export function renderReportCsv(report: ReportData): string {
  const out: CsvCell[][] = [['agency', 'year', 'format'], [report.agency.code, report.year, report.format], []];
  const t2 = report.tables.proactive as unknown as Record<string, Record<string, number>>;
  const rows: readonly string[] = report.format === '2019' ? TABLE2_TRIAL_ROWS : TABLE2_ROWS;
  const cols: readonly string[] = report.format === '2019' ? TABLE2_TRIAL_COLUMNS : TABLE2_COLUMNS;
  out.push(['table', 'row', ...cols]);
  for (const r of rows) out.push(['proactive', r, ...cols.map((c) => t2[r]?.[c] ?? '')]);
  out.push([], ['table', 'row', ...TABLE3_COLUMNS]);
  for (const r of table3RowCodes(report.format)) {
    const counts = table3Row(report.tables.applications, r);
    out.push(['applications', r, ...TABLE3_COLUMNS.map((c) => counts?.[c] ?? 0)]);
  }
  out.push([], ['table', 'row', ...TABLE4_COLUMNS]);
  for (const r of TABLE4_ROWS) out.push(['appeals', r, ...TABLE4_COLUMNS.map((c) => report.tables.appeals[r][c])]);
  return toCsv(out, { bom: false });
}
