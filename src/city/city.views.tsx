import type { SafeHtml } from '#jsx/jsx-runtime';
import type { CheckRun } from '../compliance/compliance.service.ts';
import { ReadonlyFindings, ResultsTable } from '../compliance/results.views.tsx';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { YearSwitch } from '../console/console-ui.tsx';
import { GridTable } from '../reports/render/html.tsx';
import { table3Grid, table4Grid } from '../reports/render/layout.ts';
import { chinaDate } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { SECTION_HEADINGS } from '../vocabulary/report-format.ts';
import { Crumbs, Empty, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { CityAgency, CityOverview, ReportRow } from './city.service.ts';
import type { FigureRow } from './city-rules.ts';

const C = t.city;

function AgencyName({ agency, city }: { agency: CityAgency; city: CityAgency }): SafeHtml {
  return (
    <>
      {agency.name}
      {agency.id === city.id ? (
        <>
          {' '}
          <span class="badge muted">{C.self}</span>
        </>
      ) : null}
    </>
  );
}

const STANDING_BADGE: Record<ReportRow['state'], string> = { on_time: 'ok', late: 'warn', overdue: 'danger', due: 'muted' };

function Standing({ row }: { row: ReportRow }): SafeHtml {
  return (
    <span class={`badge ${STANDING_BADGE[row.state]}`}>
      {C.standings[row.state]}
      {row.daysLate > 0 ? `（${C.daysLate(row.daysLate)}）` : ''}
    </span>
  );
}

const percent = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
const orDash = (n: number | null) => (n === null ? '—' : n);
const FIGURE_COLUMNS = [
  ['received', (r: FigureRow) => r.received],
  ['answered', (r: FigureRow) => r.answered],
  ['onTimeRate', (r: FigureRow) => percent(r.onTimeRate)],
  ['median', (r: FigureRow) => orDash(r.medianWorkdays)],
  ['p90', (r: FigureRow) => orDash(r.p90Workdays)],
  ['openOverdue', (r: FigureRow) => r.openOverdue],
  ['extensions', (r: FigureRow) => r.extensions],
  ['appeals', (r: FigureRow) => r.appealsFiled],
  ['documents', (r: FigureRow) => r.documentsPublished],
  ['interpretation', (r: FigureRow) => percent(r.interpretationCoverage)],
] as const;

/** The performance figures, an agency a row, and their sum as the last row. */
function FiguresTable({ overview: o }: { overview: CityOverview }): SafeHtml {
  return (
    <DataTable
      id="city-figures"
      class="city-table"
      caption={C.figures}
      rows={o.figures}
      columns={[
        {
          header: C.agency,
          rowHeader: true,
          cell: (f) => (
            <>
              <a href={`/gk/${f.agency.code}/performance?year=${o.year}`} aria-label={C.figuresOf(f.agency.name)}>
                {f.agency.name}
              </a>
              {f.agency.id === o.city.id ? (
                <>
                  {' '}
                  <span class="badge muted">{C.self}</span>
                </>
              ) : null}
            </>
          ),
        },
        ...FIGURE_COLUMNS.map(([key, value]) => ({ header: C.columns[key], class: 'num', cell: (f: (typeof o.figures)[number]) => value(f.row) })),
      ]}
      foot={
        <tr>
          <th scope="row">{C.total}</th>
          {FIGURE_COLUMNS.map(([, value]) => (
            <td class="num">{value(o.total)}</td>
          ))}
        </tr>
      }
    />
  );
}

/** The city view: summary, ranking by self-check score, reports against their deadlines, tables 3 and 4 summed. */
export function CityPage(p: ConsoleBase & { overview: CityOverview; years: number[] }): SafeHtml {
  const o = p.overview;
  const base = `/admin/${p.agency.code}/city`;
  const checked = o.ranking.filter((r) => r.run);
  const average = checked.length ? Math.round((10 * checked.reduce((s, r) => s + (r.run?.score ?? 0), 0)) / checked.length) / 10 : null;
  // The report tiles partition the agencies: each is in exactly one standing, so they add up to the agencies tile.
  const standing = (state: ReportRow['state']) => o.reports.filter((r) => r.state === state).length;
  const tiles: { n: number | string; label: string; href: string; alert?: boolean }[] = [
    { n: o.agencies.length, label: C.agencies, href: '#ranking' },
    { n: checked.length, label: C.checked, href: '#ranking' },
    { n: average ?? '—', label: C.averageScore, href: '#ranking' },
    ...(['on_time', 'late', 'overdue', 'due'] as const).map((state) => ({
      n: standing(state),
      label: C.standingTiles[state],
      href: '#reports',
      alert: (state === 'late' || state === 'overdue') && standing(state) > 0,
    })),
  ];
  return (
    <ConsoleFrame {...p} title={C.title(o.year)}>
      <h1>{C.title(o.year)}</h1>
      <p class="lead">{C.lead}</p>
      <YearSwitch base={base} year={o.year} years={p.years} />
      {o.agencies.length === 1 ? <Empty>{C.empty}</Empty> : null}
      <ul class="stat-tiles">
        {tiles.map((x) => (
          <li>
            <a href={x.href} class={x.alert ? 'alert-tile' : undefined}>
              <span class="stat">{x.n}</span>
              <span>{x.label}</span>
            </a>
          </li>
        ))}
      </ul>
      <Section title={C.ranking} id="ranking">
        <p class="muted">{C.rankingLead}</p>
        <DataTable
          id="city-ranking"
          class="city-table"
          caption={C.ranking}
          rows={o.ranking}
          columns={[
            { header: C.rank, class: 'num' },
            { header: C.agency },
            { header: C.score, class: 'num' },
            { header: C.findings, class: 'num' },
            { header: C.ranAt },
          ]}
          renderRow={(r) => (
            <tr>
              <td class="num">{r.rank ?? '—'}</td>
              <th scope="row">
                <AgencyName agency={r.agency} city={o.city} />
              </th>
              {r.run ? (
                <>
                  <td class="num">
                    <a href={`${base}/${r.agency.code}/compliance?year=${o.year}`} aria-label={C.viewCheck(r.agency.name, r.run.score)}>
                      {r.run.score}
                    </a>
                  </td>
                  <td class="num">{r.run.findingCount}</td>
                  <td class="nowrap">{chinaDate(new Date(r.run.ranAt))}</td>
                </>
              ) : (
                <td colspan={3}>
                  <span class="badge muted">{C.neverChecked}</span>
                </td>
              )}
            </tr>
          )}
        />
      </Section>
      <Section title={C.reports} id="reports">
        <p class="muted">{C.reportsLead(o.year)}</p>
        <p>
          <a href={`${base}/report-checks?year=${o.year}`}>{C.reportChecks.link(o.year)}</a>
        </p>
        <DataTable
          id="city-reports"
          class="city-table"
          caption={C.reports}
          rows={o.reports}
          columns={[
            { header: C.agency, rowHeader: true, cell: (r) => <AgencyName agency={r.agency} city={o.city} /> },
            { header: C.deadline, cellClass: 'nowrap', cell: (r) => r.deadline.due },
            {
              header: C.reportStatus,
              cell: (r) => <span class={`badge status-${r.status ?? 'none'}`}>{r.status ? t.reports.status[r.status] : C.notStarted}</span>,
            },
            {
              header: C.publishedOn,
              cellClass: 'nowrap',
              cell: (r) =>
                r.publishedOn ? (
                  <a href={`/gk/${r.agency.code}/reports/${o.year}`} aria-label={`${r.publishedOn} ${C.viewReport(r.agency.name)}`}>
                    {r.publishedOn}
                  </a>
                ) : (
                  '—'
                ),
            },
            { header: C.standing, cell: (r) => <Standing row={r} /> },
          ]}
        />
      </Section>
      <Section
        title={C.figures}
        id="figures"
        action={
          <a href={`${base}/figures.csv?year=${o.year}`} download>
            {C.download}
          </a>
        }
      >
        <p class="muted">{C.figuresLead(o.asOf)}</p>
        <p class="muted table-hint">{t.reports.page.scrollHint}</p>
        <FiguresTable overview={o} />
        {o.total.provisional ? <p class="muted">{C.provisional}</p> : null}
      </Section>
      <Section title={C.tables} id="tables">
        <p class="muted">{C.tablesLead}</p>
        <h3>{SECTION_HEADINGS.applications}</h3>
        <p class="muted table-hint">{t.reports.page.scrollHint}</p>
        <GridTable grid={table3Grid({ format: o.format, tables: { applications: o.table3 } })} />
        <h3>{SECTION_HEADINGS.appeals}</h3>
        <p class="muted table-hint">{t.reports.page.scrollHint}</p>
        <GridTable grid={table4Grid({ tables: { appeals: o.table4 } })} />
      </Section>
    </ConsoleFrame>
  );
}

/** One agency's latest self-check of the year as the city office reads it: score, indicators, findings. */
export function CityAgencyCheckPage(p: ConsoleBase & { child: CityAgency; year: number; run: CheckRun | null }): SafeHtml {
  const base = `/admin/${p.agency.code}/city`;
  const title = C.checkTitle(p.child.name, p.year);
  return (
    <ConsoleFrame {...p} title={title}>
      <Crumbs items={[{ label: C.title(p.year), href: `${base}?year=${p.year}` }, { label: p.child.name }]} />
      <h1>{title}</h1>
      <p class="lead">{C.checkLead}</p>
      {p.run ? (
        <>
          <Section title={C.checkRun(chinaDate(new Date(p.run.ranAt)))} id="last">
            <p>
              {t.compliance.score}：<span class="stat">{p.run.score}</span> / 100
            </p>
            <ResultsTable run={p.run} />
          </Section>
          <Section title={t.compliance.findings} id="findings">
            <ReadonlyFindings run={p.run} />
          </Section>
        </>
      ) : (
        <Empty>{C.neverChecked}</Empty>
      )}
    </ConsoleFrame>
  );
}
