/**
 * The layout of tables 2–4 as grids of cells with row and column spans, exactly as the national format prints them.
 * Each renderer (HTML, DOCX, Markdown) walks the same grid, so the labels and their structure are defined once.
 */
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOME_CODES, OUTCOME_GROUP_LABELS, OUTCOME_LABELS, type OutcomeCode } from '../../vocabulary/codes.ts';
import {
  type ApplicantCounts,
  type ReportFormat,
  TABLE2_LABELS,
  TABLE2_TRIAL_LABELS,
  TABLE3_APPLICANTS,
  TABLE3_COLUMNS,
  TABLE3_HEADING,
  TABLE3_ORGANISATIONS,
  TABLE3_ROW_LABELS,
  TABLE3_TOTAL,
  TABLE4_LABELS,
  type Table3,
  type Table3Column,
  type Table4,
  TRIAL_OTHER_LABEL,
} from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import { cellText } from './blocks.ts';

/**
 * One cell. Header cells have an id; data cells list the ids of every header that applies to them (`headers`), which
 * the HTML renderer prints as the `headers` attribute for screen readers.
 */
export type GridCell = {
  text: string;
  header: boolean;
  id?: string;
  headers?: string[];
  rowSpan?: number;
  colSpan?: number;
  /** Scope of a simple header: col, row, colgroup or rowgroup. */
  scope?: 'col' | 'row' | 'colgroup' | 'rowgroup';
  numeric?: boolean;
  /** Text that is part of the layout rather than a header (the corner note of table 3). */
  note?: boolean;
};
/**
 * A row of a table. `head`: a header row, repeated at the top of each page the table runs onto. `keepWithNext`: the
 * row stays on the page of the row after it (a block's header with its rows, a group's rows together), so a page
 * never ends on a header alone.
 */
export type GridRow = { cells: GridCell[]; head?: boolean; keepWithNext?: boolean };
export type Grid = { id: string; caption: string; columns: number; rows: GridRow[]; widths: number[] };

const th = (id: string, text: string, extra: Partial<GridCell> = {}): GridCell => ({ id, text, header: true, ...extra });
const td = (v: number, headers: string[]): GridCell => ({ text: cellText(v), header: false, headers, numeric: true });

/** Table 2 as a grid, in either format: a block per article item, each with its 信息内容 header row. */
export function table2Grid(report: ReportData, prefix = 't2'): Grid {
  const L = TABLE2_LABELS;
  const rows: GridRow[] = [];
  type Block = { item: string; cols: [string, string][]; rows: [string, string, Record<string, number>][] };
  let blocks: Block[];
  if (report.format === '2019') {
    const T = TABLE2_TRIAL_LABELS;
    const p = report.tables.proactive;
    const itemCols: [string, string][] = [
      ['previousItems', T.previousItems],
      ['change', T.change],
      ['decisions', T.decisions],
    ];
    blocks = [
      {
        item: L.item1,
        cols: [
          ['made', T.made],
          ['published', T.published],
          ['total', T.total],
        ],
        rows: [
          ['rules', L.rules, p.rules],
          ['normativeDocuments', T.normativeDocuments, p.normativeDocuments],
        ],
      },
      {
        item: L.item5,
        cols: itemCols,
        rows: [
          ['licensing', L.licensing, p.licensing],
          ['otherServices', T.otherServices, p.otherServices],
        ],
      },
      {
        item: L.item6,
        cols: itemCols,
        rows: [
          ['penalties', L.penalties, p.penalties],
          ['coercion', L.coercion, p.coercion],
        ],
      },
      {
        item: L.item8,
        cols: [
          ['previousItems', T.previousItems],
          ['change', T.change],
        ],
        rows: [['fees', L.fees, p.fees]],
      },
      {
        item: L.item9,
        cols: [
          ['items', T.items],
          ['amountWan', T.amountWan],
        ],
        rows: [['procurement', T.procurement, p.procurement]],
      },
    ];
  } else {
    const p = report.tables.proactive;
    blocks = [
      {
        item: L.item1,
        cols: [
          ['issued', L.issued],
          ['repealed', L.repealed],
          ['inForce', L.inForce],
        ],
        rows: [
          ['rules', L.rules, p.rules],
          ['normativeDocuments', L.normativeDocuments, p.normativeDocuments],
        ],
      },
      { item: L.item5, cols: [['decisions', L.decisions]], rows: [['licensing', L.licensing, p.licensing]] },
      {
        item: L.item6,
        cols: [['decisions', L.decisions]],
        rows: [
          ['penalties', L.penalties, p.penalties],
          ['coercion', L.coercion, p.coercion],
        ],
      },
      { item: L.item8, cols: [['amountWan', L.amountWan]], rows: [['fees', L.fees, p.fees]] },
    ];
  }
  blocks.forEach((b, i) => {
    const first = rows.length;
    const item = `${prefix}-b${i}`;
    const content = `${item}-content`;
    rows.push({ cells: [th(item, b.item, { colSpan: 4, scope: 'colgroup' })] });
    rows.push({
      cells: [
        th(content, L.content, { scope: 'col' }),
        ...b.cols.map(([k, label], j) => th(`${item}-${k}`, label, j === b.cols.length - 1 ? { colSpan: 4 - b.cols.length } : {})),
      ],
    });
    for (const [key, label, values] of b.rows) {
      const rowId = `${item}-${key}`;
      rows.push({
        cells: [
          th(rowId, label, { scope: 'row' }),
          ...b.cols.map(([k], j) => ({
            ...td(values[k] ?? 0, [item, `${item}-${k}`, rowId]),
            ...(j === b.cols.length - 1 ? { colSpan: 4 - b.cols.length } : {}),
          })),
        ],
      });
    }
    for (const r of rows.slice(first, -1)) r.keepWithNext = true;
  });
  return { id: prefix, caption: L.heading, columns: 4, rows, widths: [28, 24, 24, 24] };
}

/** Table 3 as a grid: the corner note, 申请人情况 over its seven columns, and the outcome rows grouped as printed. */
export function table3Grid(report: { format: ReportFormat; tables: { applications: Table3 } }, prefix = 't3'): Grid {
  const t3 = report.tables.applications;
  const col = (c: Table3Column) => `${prefix}-c-${c}`;
  const applicants = `${prefix}-applicants`;
  const orgs = `${prefix}-orgs`;
  const colHeaders = (c: Table3Column) => [applicants, ...(c !== 'natural_person' && c !== 'total' ? [orgs] : []), col(c)];
  const counts = (row: ApplicantCounts, rowIds: string[]) => TABLE3_COLUMNS.map((c) => td(row[c], [...rowIds, ...colHeaders(c)]));
  const rows: GridRow[] = [
    {
      head: true,
      keepWithNext: true,
      cells: [
        { text: TABLE3_ROW_LABELS.corner, header: false, note: true, rowSpan: 3, colSpan: 3 },
        th(applicants, TABLE3_APPLICANTS, { colSpan: 7, scope: 'colgroup' }),
      ],
    },
    {
      head: true,
      keepWithNext: true,
      cells: [
        th(col('natural_person'), APPLICANT_TYPE_LABELS.natural_person, { rowSpan: 2, scope: 'col' }),
        th(orgs, TABLE3_ORGANISATIONS, { colSpan: 5, scope: 'colgroup' }),
        th(col('total'), TABLE3_TOTAL, { rowSpan: 2, scope: 'col' }),
      ],
    },
    {
      head: true,
      keepWithNext: true,
      cells: APPLICANT_TYPES.filter((c) => c !== 'natural_person').map((c) => th(col(c), APPLICANT_TYPE_LABELS[c], { scope: 'col' })),
    },
  ];
  const whole = (key: 'received' | 'carriedIn' | 'closedTotal' | 'carriedOut', label: string, span: number, lead: GridCell[] = [], ids: string[] = []) => {
    const id = `${prefix}-r-${key}`;
    rows.push({ cells: [...lead, th(id, label, { colSpan: span, scope: 'row' }), ...counts(t3[key], [...ids, id])] });
  };
  whole('received', TABLE3_ROW_LABELS.received, 3);
  whole('carriedIn', TABLE3_ROW_LABELS.carriedIn, 3);
  const results = `${prefix}-r-results`;
  const trial = report.format === '2019';
  const groups: { key: string; label: string; codes: OutcomeCode[] }[] = [
    { key: 'granted', label: OUTCOME_LABELS.granted, codes: [] },
    { key: 'partial', label: OUTCOME_LABELS.partial, codes: [] },
    ...(['refused', 'unavailable', 'not_processed', 'other'] as const).map((g) => ({
      key: g,
      label: g === 'other' && trial ? TRIAL_OTHER_LABEL : OUTCOME_GROUP_LABELS[g],
      codes: g === 'other' && trial ? [] : OUTCOME_CODES.filter((c) => c.startsWith(`${g}.`)),
    })),
  ];
  const span = groups.reduce((s, g) => s + Math.max(1, g.codes.length), 0) + 1;
  let first = true;
  const lead = (): GridCell[] => {
    if (!first) return [];
    first = false;
    return [th(results, TABLE3_ROW_LABELS.results, { rowSpan: span, scope: 'rowgroup' })];
  };
  for (const g of groups) {
    const gid = `${prefix}-r-${g.key}`;
    if (g.codes.length === 0) {
      const values = g.key === 'granted' || g.key === 'partial' ? t3.outcomes[g.key] : t3.outcomes['other.other'];
      rows.push({ cells: [...lead(), th(gid, g.label, { colSpan: 2, scope: 'row' }), ...counts(values, [results, gid])] });
      continue;
    }
    g.codes.forEach((code, i) => {
      const id = `${prefix}-r-${code.replace('.', '-')}`;
      const groupCell = i === 0 ? [th(gid, g.label, { rowSpan: g.codes.length, scope: 'rowgroup' })] : [];
      rows.push({
        ...(i < g.codes.length - 1 ? { keepWithNext: true } : {}),
        cells: [...lead(), ...groupCell, th(id, OUTCOME_LABELS[code], { scope: 'row' }), ...counts(t3.outcomes[code], [results, gid, id])],
      });
    });
  }
  whole('closedTotal', TABLE3_ROW_LABELS.closedTotal, 2, [], [results]);
  whole('carriedOut', TABLE3_ROW_LABELS.carriedOut, 3);
  return { id: prefix, caption: TABLE3_HEADING, columns: 10, rows, widths: [6, 8, 37, 7, 7, 7, 7, 7, 7, 7] };
}

/** Table 4 as a grid: 行政复议 and the two kinds of 行政诉讼, five results each, one data row. */
export function table4Grid(report: { tables: { appeals: Table4 } }, prefix = 't4'): Grid {
  const t4 = report.tables.appeals;
  const R = TABLE4_LABELS.results;
  const results = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
  const rec = `${prefix}-rec`;
  const lit = `${prefix}-lit`;
  const direct = `${prefix}-direct`;
  const after = `${prefix}-after`;
  return {
    id: prefix,
    caption: TABLE4_LABELS.heading,
    columns: 15,
    widths: Array(15).fill(100 / 15),
    rows: [
      {
        head: true,
        keepWithNext: true,
        cells: [
          th(rec, TABLE4_LABELS.reconsideration, { colSpan: 5, scope: 'colgroup' }),
          th(lit, TABLE4_LABELS.litigation, { colSpan: 10, scope: 'colgroup' }),
        ],
      },
      {
        head: true,
        keepWithNext: true,
        cells: [
          ...results.map((r) => th(`${rec}-${r}`, R[r], { rowSpan: 2, scope: 'col' })),
          th(direct, TABLE4_LABELS.litigationDirect, { colSpan: 5, scope: 'colgroup' }),
          th(after, TABLE4_LABELS.litigationAfterReconsideration, { colSpan: 5, scope: 'colgroup' }),
        ],
      },
      {
        head: true,
        keepWithNext: true,
        cells: [...results.map((r) => th(`${direct}-${r}`, R[r], { scope: 'col' })), ...results.map((r) => th(`${after}-${r}`, R[r], { scope: 'col' }))],
      },
      {
        cells: [
          ...results.map((r) => td(t4.reconsideration[r], [rec, `${rec}-${r}`])),
          ...results.map((r) => td(t4.litigationDirect[r], [lit, direct, `${direct}-${r}`])),
          ...results.map((r) => td(t4.litigationAfterReconsideration[r], [lit, after, `${after}-${r}`])),
        ],
      },
    ],
  };
}

/** The grid of a table by its interchange key. */
export function tableGrid(report: ReportData, table: 'proactive' | 'applications' | 'appeals'): Grid {
  return table === 'proactive' ? table2Grid(report) : table === 'applications' ? table3Grid(report) : table4Grid(report);
}

/**
 * A grid as plain rows of text, for formats without merged cells (Markdown, CSV): a spanned cell's text in its first
 * slot, the slots it covers blank. The first `labelColumns` columns become one label column; where a row opens
 * several labels (三、本年度办理结果 and （一）予以公开), the outer ones get a row of their own, as the table prints them.
 */
export function printedRows(grid: Grid, labelColumns: number): { head: string[][]; body: string[][] } {
  const taken = grid.rows.map(() => Array<boolean>(grid.columns).fill(false));
  const origin = grid.rows.map(() => Array<GridCell | null>(grid.columns).fill(null));
  grid.rows.forEach((r, y) => {
    let x = 0;
    for (const c of r.cells) {
      while (taken[y]?.[x]) x++;
      for (let dy = 0; dy < (c.rowSpan ?? 1); dy++) for (let dx = 0; dx < (c.colSpan ?? 1); dx++) (taken[y + dy] as boolean[])[x + dx] = true;
      (origin[y] as (GridCell | null)[])[x] = c;
      x += c.colSpan ?? 1;
    }
  });
  const head: string[][] = [];
  const body: string[][] = [];
  grid.rows.forEach((r, y) => {
    const slots = origin[y] as (GridCell | null)[];
    const labels = slots.slice(0, labelColumns).flatMap((c) => (c ? [c.text] : []));
    const values = slots.slice(labelColumns).map((c) => c?.text ?? '');
    if (labelColumns === 0) (r.head ? head : body).push(values);
    else if (r.head) head.push([labels.join(''), ...values]);
    else {
      for (const label of labels.slice(0, -1)) body.push([label, ...values.map(() => '')]);
      body.push([labels.at(-1) ?? '', ...values]);
    }
  });
  return { head, body };
}
