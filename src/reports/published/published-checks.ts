/**
 * The checks on a report as published: R1–R5 and T4 only where the cells they add up are filled ("/" and "—" count as
 * not applicable, a blank addend as nothing), a blank total as 未填写 (a finding of its own, never arithmetic), rows
 * the format does not have, and the text against the tables. Each finding names the table, row and column as printed.
 */
import { t } from '../../shared/i18n/zh-CN.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../../vocabulary/codes.ts';
import { TABLE3_COLUMNS } from '../../vocabulary/report-format.ts';
import type { RuleCode } from '../report-model.ts';
import { TABLE4_ROWS } from '../report-tables.ts';
import { compareTextWithTables, type TableFigures } from '../text-vs-tables.ts';
import { isFilled } from './cell-value.ts';
import { cellIndex, cellKey, type PublishedReport, type ReadCell, type TableCode } from './read-model.ts';
import { standardLabel } from './standard-labels.ts';

export type PublishedRule = RuleCode | 'BLANK' | 'EXTRA';
export type Finding = { rule: PublishedRule; table: string; row: string; column: string; message: string };
export type PublishedCheck = { rule: PublishedRule; ok: boolean; problems: string[]; findings: Finding[]; skipped?: boolean };

const P = t.reports.published;
const C = t.reports.check;
const RULE_ORDER: PublishedRule[] = ['BLANK', 'R1', 'R2', 'R3', 'R4', 'R5', 'T4', 'EXTRA', 'TX'];
const num = (c: ReadCell | undefined) => (c?.state === 'number' ? c.value : 0);

/** Every check on a published report (and the previous year's, for R5). */
export function checkPublished(report: PublishedReport, previous?: PublishedReport | null, extraFigures: TableFigures = {}): PublishedCheck[] {
  const cells = cellIndex(report);
  const prev = previous ? cellIndex(previous) : null;
  const get = (table: TableCode, row: string, col: string) => cells.get(cellKey(table, row, col));
  const findings: Finding[] = [];
  const add = (rule: PublishedRule, table: TableCode, row: string, column: string, message: string) =>
    findings.push({ rule, table: P.tableNames[table], row, column, message });
  const rowLabel = (table: TableCode, row: string) =>
    report.cells.find((c) => c.table === table && c.row === row)?.rowLabel ?? standardLabel(table, 'row', row);
  const colLabel = (table: TableCode, col: string) =>
    report.cells.find((c) => c.table === table && c.col === col)?.colLabel ?? standardLabel(table, 'col', col);
  const blankTables = new Set<TableCode>();
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    const of = report.cells.filter((c) => c.table === table);
    if (of.length > 0 && of.every((c) => c.state === 'blank')) {
      blankTables.add(table);
      add('BLANK', table, '', '', P.blankTable(P.tableNames[table]));
    }
  }
  const blanked = new Set<string>();
  /** A total left blank over addends that hold something: 未填写, and the equation is not checked. */
  const blankTotal = (table: TableCode, total: ReadCell | undefined, addends: (ReadCell | undefined)[]) => {
    if (total?.state !== 'blank' || blankTables.has(table)) return;
    const sum = addends.reduce((s, c) => s + num(c), 0);
    const key = cellKey(table, total.row, total.col);
    if (!addends.some((c) => c?.state === 'number' && c.value !== 0) || blanked.has(key)) return;
    blanked.add(key);
    add('BLANK', table, total.rowLabel, total.colLabel, P.blankTotal(P.tableNames[table], total.rowLabel, total.colLabel, sum));
  };
  const A = 'applications' as const;
  const t3Read = report.cells.some((c) => c.table === A) && !blankTables.has(A);
  const t3Rows = ['received', 'carriedIn', ...OUTCOME_CODES, 'other', 'closedTotal', 'carriedOut'];
  if (t3Read) {
    for (const row of t3Rows) {
      const total = get(A, row, 'total');
      const parts = APPLICANT_TYPES.map((c) => get(A, row, c));
      blankTotal(A, total, parts);
      if (isFilled(total) && parts.every((p) => p !== undefined)) {
        const sum = parts.reduce((s, c) => s + num(c), 0);
        if (sum !== num(total)) add('R3', A, rowLabel(A, row), colLabel(A, 'total'), C.r3(rowLabel(A, row), num(total), sum));
      }
    }
    for (const col of TABLE3_COLUMNS) {
      const outcomes = [...OUTCOME_CODES, 'other'].map((r) => get(A, r, col)).filter((c) => c !== undefined);
      const closed = get(A, 'closedTotal', col);
      blankTotal(A, closed, outcomes);
      const label = colLabel(A, col);
      const sum = outcomes.reduce((s, c) => s + num(c), 0);
      // An addend already reported 未填写 is unknown, not 0: the column's sum is not checked over it.
      const unknown = outcomes.some((c) => blanked.has(cellKey(A, c.row, c.col)));
      if (isFilled(closed) && outcomes.length > 0 && !unknown && sum !== num(closed))
        add('R2', A, rowLabel(A, 'closedTotal'), label, C.r2(label, num(closed), sum));
      const received = get(A, 'received', col);
      const [a, b, c, d] = [received, get(A, 'carriedIn', col), closed, get(A, 'carriedOut', col)].map(num) as [number, number, number, number];
      if (isFilled(received) && isFilled(closed) && a + b !== c + d) add('R1', A, '', label, C.r1(label, a, b, c, d));
      if (isFilled(received) && sum > a + b) add('R4', A, '', label, C.r4Column(label, sum, a + b));
      const p = prev?.get(cellKey(A, 'carriedOut', col));
      const carriedIn = get(A, 'carriedIn', col);
      if (prev && isFilled(p) && isFilled(carriedIn) && num(carriedIn) !== num(p))
        add('R5', A, rowLabel(A, 'carriedIn'), label, C.r5(label, num(carriedIn), num(p)));
    }
  }
  for (const c of report.cells) {
    if (c.state !== 'number' || c.col === 'change' || c.col === 'amountWan') continue;
    if (!Number.isInteger(c.value) || c.value < 0)
      add(c.table === 'appeals' ? 'T4' : 'R4', c.table, c.rowLabel, c.colLabel, C.r4Cell(c.rowLabel, c.colLabel, c.value));
  }
  const AP = 'appeals' as const;
  if (!blankTables.has(AP)) {
    for (const block of TABLE4_ROWS) {
      const total = get(AP, block, 'total');
      const parts = (['upheld', 'corrected', 'other', 'pending'] as const).map((r) => get(AP, block, r));
      blankTotal(AP, total, parts);
      const sum = parts.reduce((s, c) => s + num(c), 0);
      if (isFilled(total) && parts.some((p) => p !== undefined) && sum !== num(total)) {
        const label = total?.rowLabel ?? block;
        add('T4', AP, label, total?.colLabel ?? '', C.t4(label, num(total), sum));
      }
    }
  }
  for (const e of report.extraRows) add('EXTRA', e.table, e.label, '', P.extraRow(P.tableNames[e.table], e.label, e.values.join('、')));
  for (const m of compareTextWithTables(report.text, { ...tableFigures(report), ...extraFigures }, report.year)) add('TX', A, '', '', m.message);
  return RULE_ORDER.map((rule) => {
    const of = findings.filter((f) => f.rule === rule);
    const skipped = rule === 'R5' && !prev;
    return { rule, ok: of.length === 0, problems: of.map((f) => f.message), findings: of, ...(skipped ? { skipped } : {}) };
  });
}

/** The figures the text is compared with: the totals as filled (a blank total gives no figure). */
export function tableFigures(report: Pick<PublishedReport, 'cells' | 'format'>): TableFigures {
  const cells = cellIndex(report);
  const filled = (table: TableCode, row: string, col: string) => {
    const c = cells.get(cellKey(table, row, col));
    return isFilled(c) ? num(c) : undefined;
  };
  const out: TableFigures = {};
  const set = (k: keyof TableFigures, v: number | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('received', filled('applications', 'received', 'total'));
  set('closed', filled('applications', 'closedTotal', 'total'));
  set('reconsideration', filled('appeals', 'reconsideration', 'total'));
  const direct = filled('appeals', 'litigationDirect', 'total');
  const after = filled('appeals', 'litigationAfterReconsideration', 'total');
  set('litigation', direct === undefined || after === undefined ? undefined : direct + after);
  set('normativeIssued', filled('proactive', 'normativeDocuments', report.format === '2019' ? 'made' : 'issued'));
  return out;
}

/** The checks as printed lines (one per rule, then one indented line per finding, then a summary). */
export function describePublishedChecks(checks: readonly PublishedCheck[]): string[] {
  const lines: string[] = [];
  for (const c of checks) {
    const name = c.rule === 'BLANK' || c.rule === 'EXTRA' ? P.names[c.rule] : C.names[c.rule];
    lines.push(`${name}：${c.skipped ? C.skipped : c.ok ? C.passed : C.failed}`);
    for (const p of c.problems) lines.push(`  ${p}`);
  }
  const failed = checks.filter((c) => !c.ok).map((c) => ruleShortName(c.rule));
  lines.push(failed.length === 0 ? C.summaryOk : C.summaryFailed(failed.join('、')));
  return lines;
}

/** R1 … T4 by their codes, the other findings by a short name (未填写, 非标准行, 正文与表格). */
export const ruleShortName = (rule: PublishedRule): string => (rule === 'BLANK' || rule === 'EXTRA' || rule === 'TX' ? P.shortNames[rule] : rule);
