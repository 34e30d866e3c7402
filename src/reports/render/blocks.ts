/**
 * The report as an ordered list of blocks (title, headings, paragraphs, tables), shared by the HTML, Markdown and
 * DOCX renderers so that every format prints the same text in the same order.
 */
import { t } from '../../shared/i18n/zh-CN.ts';
import { OVERVIEW_HEADINGS, SECTION_HEADINGS, TABLE4_LABELS } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';

export type ReportBlock =
  | { kind: 'title'; lines: [string, string] }
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'table'; table: 'proactive' | 'applications' | 'appeals' }
  | { kind: 'note'; text: string }
  /** The 落款: the agency's name and the date, right-aligned at the end. */
  | { kind: 'signature'; lines: string[] };

const SUB_HEADINGS = new Set(Object.values(OVERVIEW_HEADINGS));
const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The report's title: the agency, then the year's report. */
export function reportTitle(report: Pick<ReportData, 'agency' | 'year'>): [string, string] {
  return [report.agency.name, t.reports.page.title(report.year)];
}

/** The blocks of a report in print order. */
export function reportBlocks(report: ReportData): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'title', lines: reportTitle(report) }];
  for (const p of paragraphs(report.sections.intro)) blocks.push({ kind: 'p', text: p });
  blocks.push({ kind: 'h1', text: SECTION_HEADINGS.overview });
  for (const p of paragraphs(report.sections.overview)) blocks.push(SUB_HEADINGS.has(p) ? { kind: 'h2', text: p } : { kind: 'p', text: p });
  blocks.push({ kind: 'h1', text: SECTION_HEADINGS.proactive }, { kind: 'table', table: 'proactive' });
  blocks.push({ kind: 'h1', text: SECTION_HEADINGS.applications }, { kind: 'table', table: 'applications' });
  blocks.push({ kind: 'h1', text: SECTION_HEADINGS.appeals }, { kind: 'table', table: 'appeals' });
  if (report.appealsIncludeCarried) blocks.push({ kind: 'note', text: TABLE4_LABELS.carriedNote });
  blocks.push({ kind: 'h1', text: SECTION_HEADINGS.problems });
  for (const p of paragraphs(report.sections.problems)) blocks.push({ kind: 'p', text: p });
  blocks.push({ kind: 'h1', text: SECTION_HEADINGS.other });
  for (const p of paragraphs(report.sections.other)) blocks.push({ kind: 'p', text: p });
  blocks.push({ kind: 'p', text: t.reports.page.period(report.year) });
  blocks.push({ kind: 'signature', lines: [report.agency.name, ...(report.signedOn ? [t.reports.page.signedOn(report.signedOn)] : [])] });
  return blocks;
}

/** A number as the tables print it: counts as integers, amounts with their decimals. */
export const cellText = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4))));
