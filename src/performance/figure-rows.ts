/**
 * The figures as tidy rows — one row per figure: (figure, item, label, value) — which is both the CSV download and
 * the order the pages list them in. Codes are stable English identifiers for programs; labels are the Chinese names
 * a reader sees (the outcome and appeal labels of the national report format, character for character).
 */

import { type CsvCell, toCsv } from '../shared/csv.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOME_CODES, OUTCOME_LABELS } from '../vocabulary/codes.ts';
import { TABLE4_LABELS, type Table4 } from '../vocabulary/report-format.ts';
import { CHANNELS, type PerformanceFigures } from './performance.service.ts';

export type FigureRow = { figure: string; item: string; label: string; value: number | null };

const P = t.performance;

/** The table-4 blocks in print order with their labels. */
export const APPEAL_BLOCKS: readonly { key: keyof Table4; code: string; label: string }[] = [
  { key: 'reconsideration', code: 'reconsideration', label: TABLE4_LABELS.reconsideration },
  { key: 'litigationDirect', code: 'litigation_direct', label: `${TABLE4_LABELS.litigation}（${TABLE4_LABELS.litigationDirect}）` },
  {
    key: 'litigationAfterReconsideration',
    code: 'litigation_after_reconsideration',
    label: `${TABLE4_LABELS.litigation}（${TABLE4_LABELS.litigationAfterReconsideration}）`,
  },
];
export const APPEAL_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

/** A ratio for data files: four decimals, or null. */
const ratio = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 10_000);

/** Every figure of one agency-year as rows (the breakdown of receipts only when it was computed). */
export function figureRows(f: PerformanceFigures): FigureRow[] {
  const rows: FigureRow[] = [];
  const add = (figure: string, item: string, label: string, value: number | null) => rows.push({ figure, item, label, value });
  add('received', 'total', P.rows.received, f.received.total);
  if (f.received.byChannel) for (const c of CHANNELS) add('received_by_channel', c, t.applications.channels[c], f.received.byChannel[c]);
  if (f.received.byApplicantType) {
    for (const a of APPLICANT_TYPES) add('received_by_applicant_type', a, APPLICANT_TYPE_LABELS[a], f.received.byApplicantType[a]);
  }
  add('answered', 'total', P.rows.answered, f.answered);
  add('answered', 'on_time', P.rows.answeredOnTime, f.answeredOnTime);
  add('answered', 'late', P.rows.answeredLate, f.answeredLate);
  add('on_time_rate', 'ratio', P.rows.onTimeRate, ratio(f.onTimeRate));
  add('workdays_to_answer', 'median', P.rows.median, f.workdays.median);
  add('workdays_to_answer', 'p90', P.rows.p90, f.workdays.p90);
  for (const b of f.workdays.buckets) add('workdays_distribution', b.to === null ? `${b.from}+` : `${b.from}-${b.to}`, P.workdaysRange(b.from, b.to), b.count);
  add('open_overdue', 'total', P.rows.openOverdue, f.openOverdue);
  add('extensions', 'total', P.rows.extensions, f.extensions);
  add('corrections', 'total', P.rows.corrections, f.corrections);
  add('consultations', 'total', P.rows.consultations, f.consultations);
  for (const c of OUTCOME_CODES) add('outcomes', c, OUTCOME_LABELS[c], f.outcomes[c]);
  for (const b of APPEAL_BLOCKS) {
    for (const r of APPEAL_COLUMNS) add('appeals', `${b.code}.${r}`, `${b.label}：${TABLE4_LABELS.results[r]}`, f.appeals[b.key][r]);
  }
  f.documentsPerMonth.forEach((n, i) => {
    add('documents_by_month', `${f.year}-${String(i + 1).padStart(2, '0')}`, P.monthLabel(i + 1), n);
  });
  add('documents', 'total', P.published, f.documentsPublished);
  add('interpretation', 'documents', P.interpretation.documents, f.interpretation.documents);
  add('interpretation', 'interpreted', P.interpretation.interpreted, f.interpretation.interpreted);
  add('interpretation', 'on_time', P.interpretation.onTime, f.interpretation.interpretedOnTime);
  add('interpretation', 'coverage', P.interpretation.coverage, ratio(f.interpretation.coverage));
  return rows;
}

export const CSV_HEADER = ['agency', 'agency_name', 'year', 'as_of', 'figure', 'item', 'label', 'value'] as const;

/**
 * The figures of one or more agencies as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese labels),
 * CRLF lines, a header line of CSV_HEADER, then one line per figure and agency. Ratios are fractions (0–1, four
 * decimals); a figure that is undefined (a rate of no cases) is an empty cell.
 */
export function performanceCsv(entries: readonly { agency: { code: string; name: string }; figures: PerformanceFigures }[]): string {
  const lines: CsvCell[][] = [[...CSV_HEADER]];
  for (const { agency, figures } of entries) {
    for (const r of figureRows(figures)) lines.push([agency.code, agency.name, figures.year, figures.asOf, r.figure, r.item, r.label, r.value]);
  }
  return toCsv(lines, { bom: true });
}
