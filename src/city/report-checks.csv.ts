/** The city's report findings as CSV: one line per finding (an agency without findings or report has one line saying so). */
import { toCsv } from '../shared/csv.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { CityReportChecks } from './report-checks.service.ts';

const C = t.city.reportChecks;

export function cityReportChecksCsv(o: CityReportChecks): string {
  const lines = [['year', 'agency', 'name', 'report', 'rule', 'table', 'row', 'column', 'message']];
  for (const r of o.rows) {
    const base = [String(o.year), r.agency.code, r.agency.name, r.report ? 'published' : 'none'];
    if (!r.report) lines.push([...base, '', '', '', '', C.notPublished]);
    else if (r.findings.length === 0) lines.push([...base, '', '', '', '', C.passed]);
    for (const f of r.findings) lines.push([...base, f.rule, f.table, f.row, f.column, f.message]);
  }
  return toCsv(lines, { bom: true });
}
