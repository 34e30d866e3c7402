/**
 * `gongkai report check`: a report's tables read as published (HTML page, DOCX, CSV export, JSON) and checked — what
 * was read as a normalised table, what could not be read, then each check with its findings.
 */
import { t } from '../shared/i18n/zh-CN.ts';
import { checkPublished, describePublishedChecks, type PublishedCheck } from './published/published-checks.ts';
import { cellIndex, cellKey, type PublishedReport, type TableCode } from './published/read-model.ts';
import { readPublishedText } from './published/read-published.ts';
import { standardLabel } from './published/standard-labels.ts';
import type { CheckResult } from './report-model.ts';
import { table3RowCodes } from './report-tables.ts';

const P = t.reports.published;

/** The checks as printed lines: one per rule with its verdict, then one indented line per failing cell, then a summary. */
export function describeChecks(checks: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (const c of checks) {
    const verdict = c.skipped ? t.reports.check.skipped : c.ok ? t.reports.check.passed : t.reports.check.failed;
    lines.push(`${t.reports.check.names[c.rule]}：${verdict}`);
    for (const p of c.problems) lines.push(`  ${p}`);
  }
  const failed = checks.filter((c) => !c.ok).map((c) => c.rule);
  lines.push(failed.length === 0 ? t.reports.check.summaryOk : t.reports.check.summaryFailed(failed.join('、')));
  return lines;
}

const ORDER: Record<TableCode, { rows: (r: PublishedReport) => string[]; cols: string[] }> = {
  proactive: {
    rows: (r) =>
      r.format === '2019'
        ? ['rules', 'normativeDocuments', 'licensing', 'otherServices', 'penalties', 'coercion', 'fees', 'procurement']
        : ['rules', 'normativeDocuments', 'licensing', 'penalties', 'coercion', 'fees'],
    cols: ['issued', 'repealed', 'inForce', 'made', 'published', 'total', 'previousItems', 'change', 'decisions', 'items', 'amountWan'],
  },
  applications: {
    rows: (r) => table3RowCodes(r.format),
    cols: ['natural_person', 'business', 'research', 'public_interest', 'legal_services', 'other_org', 'total'],
  },
  appeals: {
    rows: () => ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'],
    cols: ['upheld', 'corrected', 'other', 'pending', 'total'],
  },
};

/** What was read, as lines: the layout and year, each table's rows in the format's order with the labels as printed. */
export function describeRead(report: PublishedReport): string[] {
  const cells = cellIndex(report);
  const lines = [P.readAs(report.source, P.formats[report.format], P.formatBy[report.formatBy], report.year ? String(report.year) : P.unknownYear)];
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    if (!report.cells.some((c) => c.table === table)) continue;
    lines.push(P.tableLine(P.tableNames[table]));
    for (const row of ORDER[table].rows(report)) {
      const of = ORDER[table].cols.map((col) => cells.get(cellKey(table, row, col))).filter((c) => c !== undefined);
      if (of.length === 0) continue;
      const shown = of.map(
        (c) => `${c.colLabel} ${c.state === 'number' ? c.value : c.state === 'na' ? P.naMark : c.state === 'blank' ? P.blankMark : P.unreadableMark}`,
      );
      lines.push(`  ${of[0]?.rowLabel ?? standardLabel(table, 'row', row)}｜${shown.join('｜')}`);
    }
  }
  if (report.notes.length > 0) lines.push(P.notesHeading, ...report.notes.map((n) => `  ${n}`));
  return lines;
}

export type PublishedCheckResult = { ok: boolean; report: PublishedReport; checks: PublishedCheck[]; lines: string[] };

/** Checks a report as read (and the previous year's, for R5): the lines say what was read and each finding. */
export function checkPublishedReport(report: PublishedReport, previous?: PublishedReport | null): PublishedCheckResult {
  const checks = checkPublished(report, previous ?? null);
  return { ok: checks.every((c) => c.ok), report, checks, lines: [...describeRead(report), ...describePublishedChecks(checks)] };
}

/**
 * Checks a report file given as CSV export or JSON text and, when given, the previous year's file for R5.
 * Throws ReportInputError when a file cannot be read.
 */
export function checkReportText(text: string, previousText?: string): PublishedCheckResult {
  return checkPublishedReport(readPublishedText(text), previousText === undefined ? null : readPublishedText(previousText));
}
