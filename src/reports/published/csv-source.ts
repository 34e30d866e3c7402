/**
 * The CSV export (`table,row,<columns>` before each table's lines) and the JSON shape read into the same cells as a
 * published page, so one set of checks serves both. The CSV may use printed labels for rows and columns; a cell that
 * is not a number, "/" or "—" is an input error there (the file is written by a program), and a row the format does
 * not have is listed as non-standard.
 */
import { t } from '../../shared/i18n/zh-CN.ts';
import { OUTCOME_CODES } from '../../vocabulary/codes.ts';
import type { ReportFormat } from '../../vocabulary/report-format.ts';
import { parseCsvRows, ReportInputError, readReportObject } from '../report-input.ts';
import { COLUMN_SYNONYMS, ROW_SYNONYMS, TABLE2_COLUMNS, TABLE2_TRIAL_COLUMNS, TABLE4_COLUMNS, TABLE4_ROWS, table3RowCodes } from '../report-tables.ts';
import { readCellValue } from './cell-value.ts';
import { normaliseLabel } from './grid.ts';
import { table2Column, table2Row, table3Column, table3Label, table4Block, table4Result } from './labels.ts';
import { buildPublished } from './locate.ts';
import type { ExtraRow, PublishedReport, TableCode } from './read-model.ts';
import { standardLabel } from './standard-labels.ts';

const I = t.reports.input;
const TABLES: Record<string, TableCode> = {
  proactive: 'proactive',
  applications: 'applications',
  appeals: 'appeals',
  表二: 'proactive',
  表三: 'applications',
  表四: 'appeals',
};
const T3_ROWS = new Set([...table3RowCodes('2021'), 'other']);

function rowCode(table: TableCode, raw: string): string | undefined {
  const s = raw.trim();
  const synonym = ROW_SYNONYMS[s] ?? ROW_SYNONYMS[normaliseLabel(s)] ?? s;
  if (table === 'proactive')
    return ['rules', 'normativeDocuments', 'licensing', 'otherServices', 'penalties', 'coercion', 'fees', 'procurement'].includes(synonym)
      ? synonym
      : table2Row(s);
  if (table === 'appeals') return (TABLE4_ROWS as readonly string[]).includes(synonym) ? synonym : table4Block([s]);
  if (T3_ROWS.has(synonym)) return synonym;
  const label = table3Label(s, s.includes('其他处理'));
  return label?.kind === 'row' ? label.code : undefined;
}

function colCode(table: TableCode, raw: string): string | undefined {
  const s = raw.trim();
  if (table === 'proactive') return [...TABLE2_COLUMNS, ...TABLE2_TRIAL_COLUMNS].includes(s as never) ? s : table2Column(s);
  if (table === 'appeals') return (TABLE4_COLUMNS as readonly string[]).includes(s) ? s : table4Result(s);
  return COLUMN_SYNONYMS[s] ?? ([...Object.values(COLUMN_SYNONYMS)].includes(s as never) ? s : table3Column(s));
}

/** A label for what the file printed: a code is shown as the format's label. */
const printed = (table: TableCode, axis: 'row' | 'col', raw: string, code: string) => (raw.trim() === code ? standardLabel(table, axis, code) : raw.trim());

/** Reads the CSV export (or a CSV written by hand with the printed labels) into cells. */
export function readPublishedCsv(text: string): PublishedReport {
  const lines = parseCsvRows(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  let header: string[] | null = null;
  let meta: { year?: number; format?: ReportFormat } = {};
  const found: Parameters<typeof buildPublished>[0][number][] = [];
  const extraRows: ExtraRow[] = [];
  for (const { line, cells: r } of lines) {
    const first = r[0]?.trim() ?? '';
    if (first === 'table' || first === 'agency') {
      header = r.map((c) => c.trim());
      continue;
    }
    if (first.startsWith('#')) continue;
    if (!header) throw new ReportInputError(I.noHeader(line));
    if (header[0] === 'agency') {
      const m = Object.fromEntries(header.map((h, j) => [h, r[j]?.trim() ?? '']));
      const year = m.year ? Number(m.year) : undefined;
      if (year !== undefined && !Number.isInteger(year)) throw new ReportInputError(I.badYear(line, m.year ?? ''));
      meta = { ...(year ? { year } : {}), ...(m.format === '2019' || m.format === '2021' ? { format: m.format } : {}) };
      continue;
    }
    const table = TABLES[first];
    if (!table) throw new ReportInputError(I.unknownTable(line, first));
    const rawRow = r[1] ?? '';
    const row = rowCode(table, rawRow);
    const values = header.slice(2).map((_, j) => r[j + 2] ?? '');
    if (!row) {
      extraRows.push({ table, label: rawRow.trim(), values: values.filter((v) => v.trim() !== '') });
      continue;
    }
    header.slice(2).forEach((name, j) => {
      const col = colCode(table, name);
      if (!col) throw new ReportInputError(I.noColumn(line, I.tables[table], name));
      const raw = r[j + 2] ?? '';
      const value = readCellValue(raw, { signed: col === 'change', wan: col === 'amountWan' });
      if (value.state === 'unreadable') throw new ReportInputError(I.notNumber(I.cell(line, first, rawRow.trim(), name), raw));
      found.push({ table, row, col, rowLabel: printed(table, 'row', rawRow, row), colLabel: printed(table, 'col', name, col), raw });
    });
  }
  if (found.length === 0 && extraRows.length === 0) throw new ReportInputError(I.noData);
  return buildPublished(found, extraRows, { year: meta.year, text: [], source: 'csv' }, meta.format);
}

/** Reads the JSON shape (every cell it gives is filled; what it leaves out reads as 0, as the export writes it). */
export function readPublishedJson(doc: unknown): PublishedReport {
  const input = readReportObject(doc);
  const found: Parameters<typeof buildPublished>[0][number][] = [];
  const push = (table: TableCode, row: string, counts: Record<string, number>) => {
    for (const [col, v] of Object.entries(counts))
      found.push({ table, row, col, rowLabel: standardLabel(table, 'row', row), colLabel: standardLabel(table, 'col', col), raw: String(v) });
  };
  for (const [row, counts] of Object.entries(input.tables.proactive)) push('proactive', row, counts as Record<string, number>);
  const t3 = input.tables.applications;
  for (const row of ['received', 'carriedIn', 'closedTotal', 'carriedOut'] as const) push('applications', row, t3[row]);
  for (const code of OUTCOME_CODES) {
    if (input.format === '2019' && code.startsWith('other.')) continue;
    push('applications', code, t3.outcomes[code]);
  }
  if (input.format === '2019') push('applications', 'other', t3.outcomes['other.other']);
  for (const row of TABLE4_ROWS) push('appeals', row, input.tables.appeals[row]);
  const sections = typeof doc === 'object' && doc !== null && 'sections' in doc ? (doc as { sections: unknown }).sections : undefined;
  const text = typeof sections === 'object' && sections !== null ? Object.values(sections).filter((s): s is string => typeof s === 'string') : [];
  return buildPublished(found, [], { year: input.year, text, source: 'json' }, input.format);
}
