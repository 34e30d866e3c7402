import type { ReportWorkspace } from '../build-report.ts';
import { renderReportCsv } from './csv.ts';
import { renderReportCsvPrinted } from './csv-printed.ts';

export const REPORT_FORMATS = ['json', 'html', 'docx', 'csv', 'md'] as const;
export type ReportFileFormat = (typeof REPORT_FORMATS)[number];
/** The CSV's layouts: `interchange` (table,row,<codes>; what other systems read) or `printed` (the tables as printed). */
export const CSV_LAYOUTS = ['interchange', 'printed'] as const;
export type CsvLayout = (typeof CSV_LAYOUTS)[number];

export const CONTENT_TYPES: Record<ReportFileFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** A prepared report in one of the export formats. HTML and DOCX renderers load on first use (ECharts, docx). */
export async function renderReport(
  ws: Pick<ReportWorkspace, 'report' | 'comparison'>,
  format: ReportFileFormat,
  opts: { layout?: CsvLayout } = {},
): Promise<string | Buffer> {
  switch (format) {
    case 'json': {
      // The interchange shape: the 落款's date is a matter of print, not of the report's data.
      const { signedOn: _, ...data } = ws.report;
      return `${JSON.stringify(data, null, 2)}\n`;
    }
    case 'csv':
      // A BOM so that spreadsheet programs read the Chinese text as UTF-8 (the printed layout writes its own).
      return opts.layout === 'printed' ? renderReportCsvPrinted(ws.report) : `\uFEFF${renderReportCsv(ws.report)}`;
    case 'md':
      return (await import('./markdown.ts')).renderReportMarkdown(ws.report);
    case 'html':
      return (await import('./html.tsx')).renderReportDocument(ws.report, ws.comparison);
    case 'docx':
      return (await import('./docx.ts')).renderReportDocx(ws.report);
  }
}

/** The file name of a report export: lcgxj-2022-年度报告.docx. */
export const reportFileName = (code: string, year: number, format: ReportFileFormat, layout?: CsvLayout) =>
  `${code}-${year}-gongkai-report${layout === 'printed' ? '-printed' : ''}.${format}`;
