import { getReportSettings, getStoredReport } from '../../reports/build-report.ts';
import { reportDeadline } from '../../reports/deadline.ts';
import { labelledTexts, SIMILARITY_THRESHOLD, similarity } from '../../reports/narrative.ts';
import { checkTables } from '../../reports/validation.ts';
import { chinaDate } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { type Finding, type Indicator, unchecked } from '../indicator.ts';

const C = t.compliance;

/**
 * The annual report due in the checked year (the previous year's, 《条例》第四十九条: 31 January for a department, 31
 * March for a people's government, or the agency's earlier local date): published by its deadline; its tables as
 * published pass R1–R5 and T4 (R5 against the report published before it); and its sections are not largely the same
 * as the previous published report's (内容雷同, the draft's own warning threshold). Before the deadline an unpublished
 * report is 未检测 (nothing to judge yet). Each problem has its own key, so each closes on its own.
 */
export const annualReportIndicator: Indicator = {
  code: 'report.annual',
  title: C.indicators.annualReport,
  rule: C.rules.article49,
  weight: 15,
  run: async ({ db, agency, year, today }) => {
    const reportYear = year - 1;
    const href = `reports/${reportYear}`;
    const settings = await getReportSettings(db, agency.id);
    const { due } = reportDeadline(agency.kind, reportYear, settings.localDeadline);
    const report = await getStoredReport(db, agency.id, reportYear);
    const findings: Finding[] = [];
    if (report?.status !== 'published' || !report.publishedAt) {
      if (today <= due) return unchecked(C.unchecked.reportNotDue(reportYear, due));
      findings.push({ key: `report:${reportYear}:late`, message: C.reportMissing(reportYear, due), href });
      return findings;
    }
    const publishedOn = chinaDate(new Date(report.publishedAt));
    if (publishedOn > due) findings.push({ key: `report:${reportYear}:late`, message: C.reportLate(reportYear, publishedOn, due), href });

    const before = await getStoredReport(db, agency.id, reportYear - 1);
    const previous = before?.status === 'published' ? before : null;
    if (report.frozen) {
      for (const check of checkTables(report.frozen.tables.tables, previous?.frozen?.tables.tables.applications ?? null)) {
        if (check.ok) continue;
        findings.push({
          key: `report:${reportYear}:check:${check.rule}`,
          message: C.reportCheck(reportYear, check.rule, check.problems[0] ?? '', check.problems.length - 1),
          href,
        });
      }
    }
    if (previous) {
      const earlier = new Map(labelledTexts(previous.sections, agency.kind).map((x) => [x.key, x.text]));
      const copied = labelledTexts(report.sections, agency.kind)
        .map((x) => ({ label: x.label, score: similarity(x.text, earlier.get(x.key) ?? '') }))
        .filter((x) => x.score >= SIMILARITY_THRESHOLD);
      if (copied.length > 0) {
        const sections = copied.map((x) => `${x.label}（相似度 ${Math.round(x.score * 100)}%）`).join('、');
        findings.push({ key: `report:${reportYear}:copied`, message: C.reportCopied(reportYear, reportYear - 1, sections), href });
      }
    }
    return findings;
  },
};
