/** A report file as published, by its name and content: HTML page, DOCX, the CSV export or the JSON shape. */
import { t } from '../../shared/i18n/zh-CN.ts';
import { jsonErrorLine, parseJsonSafely, UnsafeJsonError } from '../../shared/safe-json.ts';
import { ReportInputError } from '../report-input.ts';
import { readPublishedCsv, readPublishedJson } from './csv-source.ts';
import { readDocx } from './docx-source.ts';
import { readHtmlDocument } from './html-source.ts';
import { locateTables } from './locate.ts';
import { isPrintedCsv, readPrintedCsv } from './printed-csv-source.ts';
import type { PublishedReport } from './read-model.ts';

export const PUBLISHED_EXTENSIONS = ['.html', '.htm', '.docx', '.csv', '.json'] as const;

/** Text of a saved page: UTF-8, or GBK (GB2312, GB18030) as many government sites still serve. */
export function decodePage(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readJsonText(src: string): PublishedReport {
  let doc: unknown;
  try {
    doc = parseJsonSafely(src).value;
  } catch (e) {
    const why = e instanceof UnsafeJsonError ? e.message : t.reports.input.badJson(e instanceof Error ? e.message : String(e));
    const line = jsonErrorLine(src, e);
    throw new ReportInputError(line === null ? why : t.files.read.atLine(line, why));
  }
  return readPublishedJson(doc);
}

/** Reads CSV or JSON text (what `report check` always read), by content. */
export function readPublishedText(text: string): PublishedReport {
  const src = text.replace(/^\uFEFF/, '');
  const trimmed = src.trimStart();
  if (trimmed === '') throw new ReportInputError(t.reports.input.empty);
  if (trimmed.startsWith('{')) return readJsonText(src);
  if (!isPrintedCsv(src)) return readPublishedCsv(src);
  const report = readPrintedCsv(src);
  if (report.cells.length === 0) throw new ReportInputError(t.reports.published.nothingFound);
  return report;
}

/** Reads a published HTML page's text. */
export function readPublishedHtml(html: string): PublishedReport {
  const report = locateTables(readHtmlDocument(html), 'html');
  if (report.cells.length === 0) throw new ReportInputError(t.reports.published.nothingFound);
  return report;
}

/**
 * Reads a file by its name: .html/.htm, .docx, or (anything else) CSV/JSON as text. `readText` turns CSV/JSON bytes
 * into checked text (strict UTF-8, no NUL), as the caller reads files.
 */
export async function readPublishedFile(name: string, bytes: Buffer, readText: (bytes: Buffer) => string): Promise<PublishedReport> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.docx')) {
    const report = locateTables(await readDocx(bytes, name), 'docx');
    if (report.cells.length === 0) throw new ReportInputError(t.reports.published.nothingFound);
    return report;
  }
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return readPublishedHtml(decodePage(bytes));
  return readPublishedText(readText(bytes));
}
