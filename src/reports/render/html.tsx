/**
 * The report as HTML: the article the portal publishes (tables as real tables with their header structure, charts as
 * server-drawn SVG) and a standalone document for `gongkai report … --format html`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { raw, type SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../../shared/i18n/zh-CN.ts';
import { TableBox } from '../../web/data-table.tsx';
import type { ReportData } from '../report-model.ts';
import { type ReportBlock, reportBlocks, reportTitle } from './blocks.ts';
import { comparisonChartSvg, outcomesChartSvg, type YearComparison } from './charts.ts';
import { type Grid, type GridCell, tableGrid } from './layout.ts';

function Cell({ cell }: { cell: GridCell }): SafeHtml {
  const span = { rowspan: cell.rowSpan && cell.rowSpan > 1 ? cell.rowSpan : undefined, colspan: cell.colSpan && cell.colSpan > 1 ? cell.colSpan : undefined };
  if (cell.header) {
    return (
      <th id={cell.id} scope={cell.scope} {...span}>
        {cell.text}
      </th>
    );
  }
  return (
    <td headers={cell.headers?.join(' ')} class={cell.numeric ? 'num' : cell.note ? 'corner' : undefined} {...span}>
      {cell.text}
    </td>
  );
}

/** A report table: a caption, header rows in <thead>, every data cell naming its headers; scrolls in its own box on a phone. */
export function GridTable({ grid }: { grid: Grid }): SafeHtml {
  const head = grid.rows.filter((r) => r.head);
  const body = grid.rows.filter((r) => !r.head);
  return (
    <TableBox caption={grid.caption} id={grid.id} class={`report-table ${grid.id}`} boxClass="report-table-wrap">
      {head.length > 0 ? (
        <thead>
          {head.map((r) => (
            <tr>
              {r.cells.map((c) => (
                <Cell cell={c} />
              ))}
            </tr>
          ))}
        </thead>
      ) : null}
      <tbody>
        {body.map((r) => (
          <tr>
            {r.cells.map((c) => (
              <Cell cell={c} />
            ))}
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}

/** A report's charts as SVG (null where there is nothing to draw): drawn before the page, since ECharts loads lazily. */
export type ReportChartSvgs = { outcomes: string | null; compared: string | null };

export async function reportChartSvgs(report: ReportData, comparison: YearComparison | null): Promise<ReportChartSvgs> {
  const [outcomes, compared] = await Promise.all([
    outcomesChartSvg(report.tables.applications, report.year),
    comparison ? comparisonChartSvg(comparison) : null,
  ]);
  return { outcomes, compared };
}

/** The charts of a report (outcomes of applications, this year against last), each an SVG figure with a caption. */
export function ReportCharts({ report, charts: { outcomes, compared } }: { report: ReportData; charts: ReportChartSvgs }): SafeHtml | null {
  if (!outcomes && !compared) return null;
  return (
    <section class="report-charts" aria-labelledby="report-charts-title">
      <h2 id="report-charts-title">{t.reports.page.charts}</h2>
      <p class="muted">{t.reports.page.chartNote}</p>
      {outcomes ? (
        <figure>
          {raw(outcomes)}
          <figcaption>{t.reports.page.outcomesChart(report.year)}</figcaption>
        </figure>
      ) : null}
      {compared ? (
        <figure>
          {raw(compared)}
          <figcaption>{t.reports.page.comparisonChart(report.year, report.year - 1)}</figcaption>
        </figure>
      ) : null}
    </section>
  );
}

function Block({ block: b, report }: { block: ReportBlock; report: ReportData }): SafeHtml {
  if (b.kind === 'title') {
    return (
      <h1 id="report-title" class="report-title">
        <span>{b.lines[0]}</span>
        <span>{b.lines[1]}</span>
      </h1>
    );
  }
  if (b.kind === 'h1') return <h2>{b.text}</h2>;
  if (b.kind === 'h2') return <h3>{b.text}</h3>;
  if (b.kind === 'p') return <p>{b.text}</p>;
  if (b.kind === 'note') return <p class="report-note">{b.text}</p>;
  if (b.kind === 'signature') {
    return (
      <div class="official-signature report-signature">
        {b.lines.map((line) => (
          <p>{line}</p>
        ))}
      </div>
    );
  }
  return (
    <>
      <p class="muted table-hint">{t.reports.page.scrollHint}</p>
      <GridTable grid={tableGrid(report, b.table)} />
    </>
  );
}

/** The report as an article: title, sections, tables and its charts. */
export function ReportArticle({ report, charts }: { report: ReportData; charts: ReportChartSvgs }): SafeHtml {
  return (
    <article class="report" aria-labelledby="report-title">
      {reportBlocks(report).map((b) => (
        <Block block={b} report={report} />
      ))}
      <ReportCharts report={report} charts={charts} />
    </article>
  );
}

const CSS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../web/assets/site.css');
let siteCss: string | undefined;

/** A standalone HTML document of the report (the site's one stylesheet embedded), for `--format html`. */
export async function renderReportDocument(report: ReportData, comparison: YearComparison | null): Promise<string> {
  siteCss ??= fs.readFileSync(CSS_FILE, 'utf8');
  const charts = await reportChartSvgs(report, comparison);
  const [agency, title] = reportTitle(report);
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${agency}${title}`}</title>
        <style>{raw(siteCss)}</style>
      </head>
      <body>
        <main id="main">
          <div class="wrap">
            <div class="card">
              <ReportArticle report={report} charts={charts} />
            </div>
          </div>
        </main>
      </body>
    </html>
  );
  return `<!doctype html>\n${page.html}`;
}
