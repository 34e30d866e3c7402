/** The city's report check page: each agency's published report of the year and its findings as printed. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { YearSwitch } from '../console/console-ui.tsx';
import { ruleShortName } from '../reports/published/published-checks.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Crumbs, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { CityReportChecks, ReportCheckRow } from './report-checks.service.ts';

const C = t.city.reportChecks;

function Verdict({ row }: { row: ReportCheckRow }): SafeHtml {
  if (!row.report) return <span class="badge muted">{C.notPublished}</span>;
  if (row.findings.length === 0) return <span class="badge status-published">{C.passed}</span>;
  return (
    <a href={`#agency-${row.agency.code}-title`} aria-label={C.viewFindings(row.agency.name)}>
      <span class="badge status-overdue">{C.findingCount(row.findings.length)}</span>
    </a>
  );
}

export function CityReportChecksPage(p: ConsoleBase & { checks: CityReportChecks; years: number[] }): SafeHtml {
  const o = p.checks;
  const base = `/admin/${p.agency.code}/city`;
  const title = C.title(o.year);
  const withFindings = o.rows.filter((r) => r.findings.length > 0);
  return (
    <ConsoleFrame {...p} title={title}>
      <Crumbs items={[{ label: t.city.title(o.year), href: `${base}?year=${o.year}` }, { label: C.nav }]} />
      <h1>{title}</h1>
      <p class="lead">{C.lead}</p>
      <YearSwitch base={`${base}/report-checks`} year={o.year} years={p.years} />
      <p>
        <a class="btn secondary" href={`${base}/report-checks.csv?year=${o.year}`} download>
          {C.csv}
        </a>{' '}
        <a href={`/admin/${p.agency.code}/reports/check-file`}>{t.reports.fileCheck.link}</a>
      </p>
      <Section title={C.summary} id="summary">
        <DataTable
          id="city-report-checks"
          class="city-table"
          caption={C.summary}
          rows={o.rows}
          columns={[
            { header: C.agency, rowHeader: true, cell: (r) => r.agency.name },
            { header: C.status, cell: (r) => (r.report ? `${C.published}（${t.reports.published.formatsShort[r.report.format]}）` : '—') },
            { header: C.findings, cell: (r) => <Verdict row={r} /> },
          ]}
        />
      </Section>
      {withFindings.map((r) => (
        <Section title={r.agency.name} id={`agency-${r.agency.code}`}>
          <DataTable
            caption={`${r.agency.name} ${C.findings}`}
            class="city-table"
            rows={r.findings}
            columns={[
              { header: C.columns.rule, cellClass: 'nowrap', cell: (f) => ruleShortName(f.rule) },
              { header: C.columns.table, cellClass: 'nowrap', cell: (f) => f.table },
              { header: C.columns.message, cell: (f) => f.message },
            ]}
          />
        </Section>
      ))}
    </ConsoleFrame>
  );
}
