/**
 * Reading a report's tables from outside: the CSV as `gongkai report … --format csv` writes it, or the JSON shape
 * (a whole report, or just its `tables`). Published reports often leave cells blank: blank and missing cells read as 0.
 * Anything else that is not a number, or a table, row or column that does not exist, is an input error.
 */
import { readCsvCell } from '../shared/csv.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { decodeInputBytes, InputTextError } from '../shared/input-text.ts';
import { jsonErrorLine, parseJsonSafely, UnsafeJsonError } from '../shared/safe-json.ts';
import { formatForYear, type ReportFormat, TABLE3_COLUMNS, type Table3, type Table3Column } from '../vocabulary/report-format.ts';
import type { FormattedTables } from './report-model.ts';
import {
  COLUMN_SYNONYMS,
  emptyTables,
  ROW_SYNONYMS,
  TABLE2_COLUMNS,
  TABLE2_ROWS,
  TABLE2_TRIAL_COLUMNS,
  TABLE2_TRIAL_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
  TRIAL_OTHER_ROW,
  table3Row,
} from './report-tables.ts';

const I = t.reports.input;

/** The file cannot be read as a report's tables; the message says where. */
export class ReportInputError extends Error {}

/** A report file's bytes as checked text (strict UTF-8, no NUL), its faults as ReportInputError. */
export function reportFileText(bytes: Buffer): string {
  try {
    return decodeInputBytes(bytes);
  } catch (error) {
    if (error instanceof InputTextError) throw new ReportInputError(error.message);
    throw error;
  }
}

export type ReportInput = { agency?: string | undefined; year?: number | undefined } & FormattedTables;

/** A cell value: blank, null and missing are 0; numbers and numeric text are taken as they are. */
function cell(v: unknown, where: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const s = v.trim().replace(/,/g, '');
    if (s === '' || s === '-' || s === '—') return 0;
    const n = Number(s);
    if (Number.isFinite(n)) return n;
  }
  throw new ReportInputError(I.notNumber(where, String(v)));
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/** Splits CSV text into rows of cells (RFC 4180 quoting, CRLF or LF), undoing the writer's formula apostrophe. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((r) => r.cells);
}

/**
 * Splits CSV text into rows of cells, each with the file's line it starts on (1-based, blank lines counted; a quoted
 * cell may span lines). A line break is CRLF, LF or a lone CR.
 */
export function parseCsvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(readCsvCell(field));
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(readCsvCell(field));
      rows.push({ line: rowLine, cells: row });
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(readCsvCell(field));
    rows.push({ line: rowLine, cells: row });
  }
  return rows;
}

const rowCode = (raw: string) => {
  const s = raw.trim();
  return ROW_SYNONYMS[s] ?? s;
};

/** Reads the tables from the CSV export (a header line `table,row,<column codes>` before each table's lines). */
export function readReportCsv(text: string): ReportInput {
  // Numbered before blank rows are skipped, so messages name the file's own line.
  const lines = parseCsvRows(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  let header: string[] | null = null;
  let meta: { agency?: string; year?: number; format?: ReportFormat } = {};
  const data: { line: number; table: string; row: string; cells: Record<string, string> }[] = [];
  lines.forEach(({ line, cells: r }) => {
    const first = r[0]?.trim();
    if (first === 'table' || first === 'agency') {
      header = r.map((c) => c.trim());
      return;
    }
    if (!header) throw new ReportInputError(I.noHeader(line));
    if (header[0] === 'agency') {
      const m = Object.fromEntries(header.map((h, j) => [h, r[j]?.trim() ?? '']));
      const year = m.year ? Number(m.year) : undefined;
      if (year !== undefined && !Number.isInteger(year)) throw new ReportInputError(I.badYear(line, m.year ?? ''));
      const format = m.format === '2019' || m.format === '2021' ? m.format : undefined;
      meta = { ...(m.agency ? { agency: m.agency } : {}), ...(year ? { year } : {}), ...(format ? { format } : {}) };
      return;
    }
    const h: string[] = header;
    data.push({ line, table: first ?? '', row: rowCode(r[1] ?? ''), cells: Object.fromEntries(h.slice(2).map((name, j) => [name, r[j + 2] ?? ''])) });
  });
  const trial =
    meta.format === '2019' ||
    (meta.format === undefined &&
      (meta.year !== undefined
        ? formatForYear(meta.year) === '2019'
        : data.some(
            (d) => (d.table === 'proactive' && ['otherServices', 'procurement'].includes(d.row)) || (d.table === 'applications' && d.row === TRIAL_OTHER_ROW),
          )));
  const out = emptyTables(trial ? '2019' : '2021');
  for (const d of data) {
    const where = (col: string) => I.cell(d.line, d.table, d.row, col);
    if (d.table === 'proactive') {
      const rows: readonly string[] = out.format === '2019' ? TABLE2_TRIAL_ROWS : TABLE2_ROWS;
      const cols: readonly string[] = out.format === '2019' ? TABLE2_TRIAL_COLUMNS : TABLE2_COLUMNS;
      if (!rows.includes(d.row)) throw new ReportInputError(I.noRow(d.line, I.tables.proactive, d.row));
      const target = (out.tables.proactive as unknown as Record<string, Record<string, number>>)[d.row] as Record<string, number>;
      for (const [col, v] of Object.entries(d.cells)) {
        if (!cols.includes(col)) throw new ReportInputError(I.noColumn(d.line, I.tables.proactive, col));
        if (col in target) target[col] = cell(v, where(col));
        else if (cell(v, where(col)) !== 0) throw new ReportInputError(I.notInRow(where(col)));
      }
    } else if (d.table === 'applications') {
      const target = table3Row(out.tables.applications, d.row);
      if (!target || (out.format === '2021' && d.row === TRIAL_OTHER_ROW)) throw new ReportInputError(I.noRow(d.line, I.tables.applications, d.row));
      for (const [raw, v] of Object.entries(d.cells)) {
        const col = (COLUMN_SYNONYMS[raw] ?? raw) as Table3Column;
        if (!(TABLE3_COLUMNS as readonly string[]).includes(col)) throw new ReportInputError(I.noColumn(d.line, I.tables.applications, raw));
        target[col] = cell(v, where(raw));
      }
    } else if (d.table === 'appeals') {
      if (!(TABLE4_ROWS as readonly string[]).includes(d.row)) throw new ReportInputError(I.noRow(d.line, I.tables.appeals, d.row));
      const target = out.tables.appeals[d.row as (typeof TABLE4_ROWS)[number]];
      for (const [col, v] of Object.entries(d.cells)) {
        if (!(TABLE4_COLUMNS as readonly string[]).includes(col)) throw new ReportInputError(I.noColumn(d.line, I.tables.appeals, col));
        target[col as (typeof TABLE4_COLUMNS)[number]] = cell(v, where(col));
      }
    } else {
      throw new ReportInputError(I.unknownTable(d.line, d.table));
    }
  }
  if (data.length === 0) throw new ReportInputError(I.noData);
  return { ...out, agency: meta.agency, year: meta.year };
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fill(target: Record<string, number>, source: unknown, where: string): void {
  if (source === undefined || source === null) return;
  if (!isObject(source)) throw new ReportInputError(I.notObject(where));
  for (const key of Object.keys(target)) target[key] = cell(source[key], `${where}.${key}`);
}

function fillTable3(t3: Table3, source: unknown, format: ReportFormat): void {
  if (source === undefined || source === null) return;
  if (!isObject(source)) throw new ReportInputError(I.notObject('tables.applications'));
  for (const row of ['received', 'carriedIn', 'closedTotal', 'carriedOut'] as const) fill(t3[row], source[row], `tables.applications.${row}`);
  const outcomes = source.outcomes;
  if (outcomes === undefined || outcomes === null) return;
  if (!isObject(outcomes)) throw new ReportInputError(I.notObject('tables.applications.outcomes'));
  for (const [code, counts] of Object.entries(outcomes)) {
    const target = table3Row(t3, code);
    if (!target || ['received', 'carriedIn', 'closedTotal', 'carriedOut'].includes(code) || (format === '2021' && code === TRIAL_OTHER_ROW)) {
      throw new ReportInputError(I.unknownOutcome(code));
    }
    fill(target, counts, `tables.applications.outcomes.${code}`);
  }
}

/** Reads the tables from a JSON report (the interchange shape) or a bare `tables` object. */
export function readReportJson(text: string): ReportInput {
  let doc: unknown;
  const src = text.replace(/^\uFEFF/, '');
  try {
    doc = parseJsonSafely(src).value;
  } catch (e) {
    const why = e instanceof UnsafeJsonError ? e.message : I.badJson(e instanceof Error ? e.message : String(e));
    const line = jsonErrorLine(src, e);
    throw new ReportInputError(line === null ? why : t.files.read.atLine(line, why));
  }
  return readReportObject(doc);
}

/** Reads the tables from a parsed JSON report (or bare tables); what an import record carries. */
export function readReportObject(doc: unknown): ReportInput {
  if (!isObject(doc)) throw new ReportInputError(I.jsonNotObject);
  const tables = isObject(doc.tables) ? doc.tables : doc;
  if (!('applications' in tables) && !('proactive' in tables) && !('appeals' in tables)) throw new ReportInputError(I.noTables);
  const year = typeof doc.year === 'number' ? doc.year : typeof doc.year === 'string' && /^\d{4}$/.test(doc.year) ? Number(doc.year) : undefined;
  const proactive = isObject(tables.proactive) ? tables.proactive : {};
  const format: ReportFormat =
    doc.format === '2019' || doc.format === '2021'
      ? doc.format
      : year !== undefined
        ? formatForYear(year)
        : 'otherServices' in proactive || 'procurement' in proactive
          ? '2019'
          : '2021';
  const out = emptyTables(format);
  const t2 = out.tables.proactive as unknown as Record<string, Record<string, number>>;
  for (const [row, counts] of Object.entries(proactive)) {
    const code = ROW_SYNONYMS[row] ?? row;
    const target = t2[code];
    if (!target) throw new ReportInputError(I.noJsonRow(row));
    fill(target, counts, `tables.proactive.${row}`);
  }
  fillTable3(out.tables.applications, tables.applications, format);
  const appeals = tables.appeals;
  if (appeals !== undefined && appeals !== null) {
    if (!isObject(appeals)) throw new ReportInputError(I.notObject('tables.appeals'));
    for (const row of TABLE4_ROWS) fill(out.tables.appeals[row], appeals[row], `tables.appeals.${row}`);
  }
  const agency = isObject(doc.agency) && typeof doc.agency.code === 'string' ? doc.agency.code : typeof doc.agency === 'string' ? doc.agency : undefined;
  return { ...out, agency, year };
}

/** Reads a report file by its content: JSON when it starts with `{`, else the CSV export. */
export function readReportFile(text: string): ReportInput {
  const src = text.replace(/^\uFEFF/, '');
  const trimmed = src.trimStart();
  if (trimmed === '') throw new ReportInputError(I.empty);
  // The untrimmed text, so lines are the file's own.
  return trimmed.startsWith('{') ? readReportJson(src) : readReportCsv(src);
}

export type { Table3Column };
