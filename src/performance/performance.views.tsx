/**
 * The performance pages: the same figures in the console and in the agency's public column. Each chart is an SVG
 * image labelled with its data, followed by a table of the same numbers (the accessible alternative). Only
 * aggregates appear: nothing here names or identifies an applicant.
 */
import { raw, type SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { YearSwitch } from '../console/console-ui.tsx';
import type { Agency } from '../db/schema.ts';
import { agencyNav } from '../portal/nav.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOME_CODES, OUTCOME_LABELS } from '../vocabulary/codes.ts';
import { TABLE4_LABELS } from '../vocabulary/report-format.ts';
import { Crumbs, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import { PortalLayout } from '../web/layout.tsx';
import { outcomeGroups, type PerformanceCharts } from './charts.ts';
import { APPEAL_BLOCKS, APPEAL_COLUMNS } from './figure-rows.ts';
import { CHANNELS, type PerformanceFigures } from './performance.service.ts';

const P = t.performance;

const pct = (r: number | null) => (r === null ? P.noData : P.percent(r));
const days = (n: number | null) => (n === null ? P.noData : P.workdays(n));

/** A two-column table of labelled figures. */
function FigureTable({ caption, rows, id }: { caption: string; rows: [string, string | number][]; id: string }): SafeHtml {
  return (
    <DataTable
      id={id}
      caption={caption}
      rows={rows}
      columns={[
        { header: P.figure, rowHeader: true, cell: ([label]) => label },
        { header: P.value, class: 'num', cell: ([, value]) => value },
      ]}
    />
  );
}

/** A chart with its caption, or nothing when there is nothing to draw. */
function Chart({ svg, caption }: { svg: string | null; caption: string }): SafeHtml | null {
  if (!svg) return null;
  return (
    <figure class="perf-chart">
      {raw(svg)}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function KeyFigures({ f }: { f: PerformanceFigures }): SafeHtml {
  const T = P.tiles;
  const n = (v: number | null) => (v === null ? P.noData : String(v));
  const tiles: [string, string, boolean][] = [
    [T.received, String(f.received.total), false],
    [T.answered, String(f.answered), false],
    [T.onTimeRate, pct(f.onTimeRate), false],
    [T.median, n(f.workdays.median), false],
    [T.p90, n(f.workdays.p90), false],
    [T.openOverdue, String(f.openOverdue), f.openOverdue > 0],
    [T.documents, String(f.documentsPublished), false],
    [T.coverage, pct(f.interpretation.coverage), false],
  ];
  return (
    <ul class="stat-tiles perf-tiles">
      {tiles.map(([label, value, alert]) => (
        <li class={alert ? 'alert-tile' : undefined}>
          <span class="stat">{value}</span>
          <span>{label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A chart beside the table of its numbers (stacked on a phone). */
function ChartWithTable({ svg, caption, children }: { svg: string | null; caption: string; children: SafeHtml }): SafeHtml {
  return (
    <div class="perf-halves">
      {svg ? <Chart svg={svg} caption={caption} /> : null}
      <div>{children}</div>
    </div>
  );
}

function ApplicationsSection({ f, charts }: { f: PerformanceFigures; charts: PerformanceCharts }): SafeHtml {
  const R = P.rows;
  const groups = outcomeGroups(f);
  return (
    <Section title={P.applications} id="applications">
      <div class="perf-halves">
        <div>
          <h3>{P.handling}</h3>
          <FigureTable
            id="perf-applications"
            caption={P.applications}
            rows={[
              [R.received, f.received.total],
              [R.answered, f.answered],
              [R.answeredOnTime, f.answeredOnTime],
              [R.answeredLate, f.answeredLate],
              [R.onTimeRate, pct(f.onTimeRate)],
              [R.median, days(f.workdays.median)],
              [R.p90, days(f.workdays.p90)],
              [R.openOverdue, f.openOverdue],
              [R.extensions, f.extensions],
              [R.corrections, f.corrections],
              [R.consultations, f.consultations],
            ]}
          />
          {f.workdays.provisional ? <p class="muted">{P.provisional}</p> : null}
        </div>
        <div>
          {f.received.byChannel ? (
            <>
              <h3>{P.byChannel}</h3>
              <FigureTable id="perf-channels" caption={P.byChannel} rows={CHANNELS.map((c) => [t.applications.channels[c], f.received.byChannel?.[c] ?? 0])} />
            </>
          ) : null}
          {f.received.byApplicantType ? (
            <>
              <h3>{P.byApplicantType}</h3>
              <FigureTable
                id="perf-applicants"
                caption={P.byApplicantType}
                rows={APPLICANT_TYPES.map((a) => [APPLICANT_TYPE_LABELS[a], f.received.byApplicantType?.[a] ?? 0])}
              />
            </>
          ) : null}
        </div>
      </div>

      <h3>{P.outcomes}</h3>
      <ChartWithTable svg={charts.outcomes} caption={P.outcomesChart(f.year)}>
        <FigureTable id="perf-outcome-groups" caption={P.outcomesChart(f.year)} rows={groups.map((g) => [g.label, g.count])} />
      </ChartWithTable>
      <details class="perf-details">
        <summary>{P.outcomeDetail}</summary>
        <DataTable
          id="perf-outcomes"
          caption={P.outcomeDetail}
          rows={groups}
          columns={[{ header: P.outcomeGroup }, { header: P.value, class: 'num' }]}
          renderRow={(g) => (
            <>
              <tr class="group-row">
                <th scope="row">{g.label}</th>
                <td class="num">{g.count}</td>
              </tr>
              {OUTCOME_CODES.filter((c) => c.startsWith(`${g.group}.`)).map((c) => (
                <tr>
                  <th scope="row" class="sub">
                    {OUTCOME_LABELS[c]}
                  </th>
                  <td class="num">{f.outcomes[c]}</td>
                </tr>
              ))}
            </>
          )}
        />
      </details>

      <h3>{P.workdaysHeading}</h3>
      <ChartWithTable svg={charts.workdays} caption={P.workdaysChart(f.year)}>
        <FigureTable id="perf-workdays" caption={P.workdaysChart(f.year)} rows={f.workdays.buckets.map((b) => [P.workdaysRange(b.from, b.to), b.count])} />
      </ChartWithTable>
    </Section>
  );
}

function AppealsSection({ f }: { f: PerformanceFigures }): SafeHtml {
  return (
    <Section title={P.appeals} id="appeals">
      <p class="muted">{P.appealsLead}</p>
      <DataTable
        id="perf-appeals"
        caption={P.appeals}
        rows={APPEAL_BLOCKS}
        columns={[
          { header: P.appealType, rowHeader: true, cell: (b) => b.label },
          ...APPEAL_COLUMNS.map((c) => ({ header: TABLE4_LABELS.results[c], class: 'num', cell: (b: (typeof APPEAL_BLOCKS)[number]) => f.appeals[b.key][c] })),
        ]}
      />
    </Section>
  );
}

function DocumentsSection({ f, charts }: { f: PerformanceFigures; charts: PerformanceCharts }): SafeHtml {
  const I = P.interpretation;
  return (
    <Section title={P.documents} id="documents">
      <div class="perf-halves">
        <FigureTable
          id="perf-interpretation"
          caption={P.documents}
          rows={[
            [P.published, f.documentsPublished],
            [I.documents, f.interpretation.documents],
            [I.interpreted, f.interpretation.interpreted],
            [I.onTime, f.interpretation.interpretedOnTime],
            [I.coverage, pct(f.interpretation.coverage)],
          ]}
        />
        <Chart svg={charts.documents} caption={P.documentsChart(f.year)} />
      </div>
      <DataTable
        id="perf-months"
        caption={P.documentsChart(f.year)}
        rows={[f.documentsPerMonth]}
        columns={[
          { header: P.month, rowHeader: true, cell: () => P.monthCount },
          ...f.documentsPerMonth.map((_, i) => ({ header: P.monthLabel(i + 1), class: 'num', cell: (months: number[]) => months[i] })),
        ]}
      />
    </Section>
  );
}

/** The body both pages share: year links and the download, key figures, the three sections, the definitions. */
export function PerformanceBody({ f, charts, base, years }: { f: PerformanceFigures; charts: PerformanceCharts; base: string; years: number[] }): SafeHtml {
  return (
    <>
      <YearSwitch base={base} year={f.year} years={years} />
      <p class="perf-download">
        <span class="muted">{P.asOf(f.asOf)}</span>
        <a href={`${base}.csv?year=${f.year}`} download>
          {P.download}
        </a>
      </p>
      <KeyFigures f={f} />
      <ApplicationsSection f={f} charts={charts} />
      <AppealsSection f={f} />
      <DocumentsSection f={f} charts={charts} />
      <Section title={P.definitions} id="definitions">
        <dl class="facts">
          {P.definitionList.map(([term, text]) => (
            <>
              <dt>{term}</dt>
              <dd>{text}</dd>
            </>
          ))}
        </dl>
      </Section>
    </>
  );
}

/** The console page (any member of the agency). */
export function ConsolePerformancePage(p: ConsoleBase & { figures: PerformanceFigures; charts: PerformanceCharts; years: number[] }): SafeHtml {
  const base = `/admin/${p.agency.code}/performance`;
  return (
    <ConsoleFrame {...p} title={P.pageTitle(p.figures.year)}>
      <h1>{P.pageTitle(p.figures.year)}</h1>
      <p class="lead">{P.lead}</p>
      <PerformanceBody f={p.figures} charts={p.charts} base={base} years={p.years} />
    </ConsoleFrame>
  );
}

/** The public page in the agency's 政府信息公开 column. */
export function PortalPerformancePage(p: {
  agency: Agency;
  figures: PerformanceFigures;
  charts: PerformanceCharts;
  years: number[];
  elder: boolean;
}): SafeHtml {
  const base = `/gk/${p.agency.code}/performance`;
  const title = P.pageTitle(p.figures.year);
  return (
    <PortalLayout title={title} agency={p.agency} nav={agencyNav(p.agency.code)} currentPath={base} elder={p.elder} description={`${p.agency.name}${title}`}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: p.agency.name, href: `/gk/${p.agency.code}/` }, { label: P.title }]} />
      <div class="card">
        <h1>{title}</h1>
        <p class="lead">{P.lead}</p>
      </div>
      <PerformanceBody f={p.figures} charts={p.charts} base={base} years={p.years} />
    </PortalLayout>
  );
}
