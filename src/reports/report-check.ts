import { t } from '../shared/i18n/zh-CN.ts';
import { readReportFile } from './report-input.ts';
import type { CheckResult } from './report-model.ts';
import { allChecksPass, checkTables } from './validation.ts';

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

/**
 * Checks a report file (CSV export or JSON shape) and, when given, the previous year's file for R5.
 * Throws ReportInputError when a file cannot be read.
 */
export function checkReportText(text: string, previousText?: string): { ok: boolean; checks: CheckResult[]; lines: string[] } {
  const report = readReportFile(text);
  const previous = previousText === undefined ? null : readReportFile(previousText);
  const checks = checkTables(report.tables, previous?.tables.applications ?? null);
  return { ok: allChecksPass(checks), checks, lines: describeChecks(checks) };
}
