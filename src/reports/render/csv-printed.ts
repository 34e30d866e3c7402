/**
 * Tables 2–4 as CSV in the printed layout (`--layout printed`): each table as the national format prints it, for people
 * who open the file in a spreadsheet. Table 3 keeps its three header rows (申请人情况 / 自然人, 法人或其他组织, 总计 /
 * 商业企业…其他) and its group rows (三、本年度办理结果, （三）不予公开 …); table 4 its three header rows over one row
 * of 15 numbers. A merged cell's text stands in its first cell, the cells it covers are blank, as a spreadsheet shows
 * a merged cell. The interchange layout (`renderReportCsv`) stays what other systems read; `report check` reads both.
 */
import { type CsvCell, toCsv } from '../../shared/csv.ts';
import { TABLE3_HEADING, TABLE4_LABELS } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import { reportTitle } from './blocks.ts';
import { printedRows, table2Grid, table3Grid, table4Grid } from './layout.ts';

/** The printed CSV: the title, then each table under its heading, a blank line between tables. */
export function renderReportCsvPrinted(report: ReportData): string {
  const out: CsvCell[][] = [[reportTitle(report).join('')]];
  const t2 = table2Grid(report);
  const t3 = printedRows(table3Grid(report), 3);
  const t4 = printedRows(table4Grid(report), 0);
  out.push([], [t2.caption], ...printedRows(t2, 1).body);
  out.push([], [TABLE3_HEADING], ...t3.head, ...t3.body);
  out.push([], [TABLE4_LABELS.heading], ...t4.head, ...t4.body);
  return toCsv(out, { bom: true });
}
