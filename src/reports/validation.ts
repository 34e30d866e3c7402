/**
 * The checks R1–R5 (annual-report-format.md) as pure functions over the table shapes, run on every generated and every
 * imported report. Each failing cell gets its own message, so staff can find it in the table.
 * R4 ("each application counts in exactly one outcome row") cannot be seen in a finished table, so on tables it checks
 * what follows from it: every cell is a whole number ≥ 0, and no column counts more outcomes than applications in hand
 * (received + carried in). The generator guarantees the rest by construction.
 */
import { t } from '../shared/i18n/zh-CN.ts';
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOME_CODES, OUTCOME_GROUP_LABELS, OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import {
  type AppealCounts,
  TABLE3_COLUMNS,
  TABLE3_ROW_LABELS,
  TABLE3_TOTAL,
  TABLE4_LABELS,
  type Table3,
  type Table3Column,
  type Table4,
} from '../vocabulary/report-format.ts';
import type { CheckResult, RuleCode } from './report-model.ts';

const columnLabel = (c: Table3Column) => (c === 'total' ? TABLE3_TOTAL : APPLICANT_TYPE_LABELS[c]);

/** The printed label of an outcome row, with its group where it has one ("（三）不予公开 1.属于国家秘密"). */
export function outcomeRowLabel(code: OutcomeCode): string {
  const group = code.split('.')[0] as keyof typeof OUTCOME_GROUP_LABELS;
  return code.includes('.') ? `${OUTCOME_GROUP_LABELS[group]} ${OUTCOME_LABELS[code]}` : OUTCOME_LABELS[code];
}

type Table3Row = { label: string; counts: Table3['received'] };

function table3Rows(t3: Table3): Table3Row[] {
  return [
    { label: TABLE3_ROW_LABELS.received, counts: t3.received },
    { label: TABLE3_ROW_LABELS.carriedIn, counts: t3.carriedIn },
    ...OUTCOME_CODES.map((c) => ({ label: outcomeRowLabel(c), counts: t3.outcomes[c] })),
    { label: TABLE3_ROW_LABELS.closedTotal, counts: t3.closedTotal },
    { label: TABLE3_ROW_LABELS.carriedOut, counts: t3.carriedOut },
  ];
}

const result = (rule: RuleCode, problems: string[]): CheckResult => ({ rule, ok: problems.length === 0, problems });
const outcomeSum = (t3: Table3, col: Table3Column) => OUTCOME_CODES.reduce((s, c) => s + t3.outcomes[c][col], 0);

/** R1 (printed on the table): per column, received + carriedIn = closedTotal + carriedOut. */
export function checkR1(t3: Table3): CheckResult {
  const problems: string[] = [];
  for (const col of TABLE3_COLUMNS) {
    const a = t3.received[col];
    const b = t3.carriedIn[col];
    const c = t3.closedTotal[col];
    const d = t3.carriedOut[col];
    if (a + b !== c + d) problems.push(t.reports.check.r1(columnLabel(col), a, b, c, d));
  }
  return result('R1', problems);
}

/** R2: per column, closedTotal = the sum of the 21 outcome rows. */
export function checkR2(t3: Table3): CheckResult {
  const problems: string[] = [];
  for (const col of TABLE3_COLUMNS) {
    const sum = outcomeSum(t3, col);
    if (sum !== t3.closedTotal[col]) problems.push(t.reports.check.r2(columnLabel(col), t3.closedTotal[col], sum));
  }
  return result('R2', problems);
}

/** R3: per row, the total column = the sum of the six applicant columns. */
export function checkR3(t3: Table3): CheckResult {
  const problems: string[] = [];
  for (const row of table3Rows(t3)) {
    const sum = APPLICANT_TYPES.reduce((s, c) => s + row.counts[c], 0);
    if (sum !== row.counts.total) problems.push(t.reports.check.r3(row.label, row.counts.total, sum));
  }
  return result('R3', problems);
}

/** R4 on a finished table: whole non-negative cells, and no more outcomes than applications in hand per column. */
export function checkR4(t3: Table3): CheckResult {
  const problems: string[] = [];
  for (const row of table3Rows(t3)) {
    for (const col of TABLE3_COLUMNS) {
      const v = row.counts[col];
      if (!Number.isInteger(v) || v < 0) problems.push(t.reports.check.r4Cell(row.label, columnLabel(col), v));
    }
  }
  for (const col of TABLE3_COLUMNS) {
    const sum = outcomeSum(t3, col);
    const inHand = t3.received[col] + t3.carriedIn[col];
    if (sum > inHand) problems.push(t.reports.check.r4Column(columnLabel(col), sum, inHand));
  }
  return result('R4', problems);
}

/** R5 (across years): carriedIn(Y) = carriedOut(Y−1) per column; skipped (ok) without the previous year's table. */
export function checkR5(t3: Table3, previous: Table3 | null | undefined): CheckResult {
  if (!previous) return { rule: 'R5', ok: true, problems: [], skipped: true };
  const problems: string[] = [];
  for (const col of TABLE3_COLUMNS) {
    if (t3.carriedIn[col] !== previous.carriedOut[col]) problems.push(t.reports.check.r5(columnLabel(col), t3.carriedIn[col], previous.carriedOut[col]));
  }
  return result('R5', problems);
}

/** T4: in table 4, each 总计 = the four results before it. */
export function checkT4(t4: Table4): CheckResult {
  const problems: string[] = [];
  const blocks: [string, AppealCounts][] = [
    [TABLE4_LABELS.reconsideration, t4.reconsideration],
    [`${TABLE4_LABELS.litigation} ${TABLE4_LABELS.litigationDirect}`, t4.litigationDirect],
    [`${TABLE4_LABELS.litigation} ${TABLE4_LABELS.litigationAfterReconsideration}`, t4.litigationAfterReconsideration],
  ];
  for (const [label, b] of blocks) {
    for (const [k, v] of Object.entries(b)) {
      if (!Number.isInteger(v) || v < 0) problems.push(t.reports.check.r4Cell(label, TABLE4_LABELS.results[k as keyof AppealCounts], v));
    }
    const sum = b.upheld + b.corrected + b.other + b.pending;
    if (sum !== b.total) problems.push(t.reports.check.t4(label, b.total, sum));
  }
  return result('T4', problems);
}

/** Every check on a report's tables, in rule order. */
export function checkTables(tables: { applications: Table3; appeals: Table4 }, previousApplications?: Table3 | null): CheckResult[] {
  const t3 = tables.applications;
  return [checkR1(t3), checkR2(t3), checkR3(t3), checkR4(t3), checkR5(t3, previousApplications), checkT4(tables.appeals)];
}

/** True when every check passed (a skipped R5 counts as passed). */
export const allChecksPass = (checks: readonly CheckResult[]) => checks.every((c) => c.ok);
