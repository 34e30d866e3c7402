/** The portal's 公开年报 column: the agency's published reports, each as a page with its tables, charts and downloads. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { getAgencyByCode } from '../agencies/agencies.service.ts';
import type { Agency } from '../db/schema.ts';
import { agencyNav } from '../portal/nav.ts';
import { chinaDate } from '../shared/clock.ts';
import { notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Crumbs, Empty } from '../web/components.tsx';
import { sendCachedPage } from '../web/http.ts';
import { PortalLayout } from '../web/layout.tsx';
import { agencyCodeParam, pathParam, yearParam, type ZodRoutes, zodRoutes } from '../web/params.ts';
import { getStoredReport, prepareReport, type ReportWorkspace } from './build-report.ts';
import { ReportArticle, type ReportChartSvgs, reportChartSvgs } from './render/html.tsx';
import type { ReportFileFormat } from './render/index.ts';
import { sendReportFile } from './reports.routes.tsx';
import { listPublishedReports } from './reports.service.ts';
import { emptySources } from './sources.ts';

const P = t.reports.page;
const DOWNLOADS = ['docx', 'csv', 'json', 'md'] as const satisfies readonly ReportFileFormat[];

/** The published reports as a list of links (the agency home's 年报 section and the column page). */
export function PublishedReportList({ code, reports }: { code: string; reports: { year: number; publishedAt: string | null }[] }): SafeHtml {
  if (reports.length === 0) return <Empty>{P.none}</Empty>;
  return (
    <ul class="report-list">
      {reports.map((r) => (
        <li>
          <a href={`/gk/${code}/reports/${r.year}`}>{P.title(r.year)}</a>
          {r.publishedAt ? (
            <span class="muted">
              {' '}
              {P.publishedOn}：{chinaDate(r.publishedAt)}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function ReportsColumnPage({ agency, reports, elder }: { agency: Agency; reports: { year: number; publishedAt: string | null }[]; elder: boolean }): SafeHtml {
  const path = `/gk/${agency.code}/reports`;
  return (
    <PortalLayout title={P.listTitle} agency={agency} nav={agencyNav(agency.code)} currentPath={path} elder={elder}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: agency.name, href: `/gk/${agency.code}/` }, { label: t.nav.reports }]} />
      <section class="card" aria-labelledby="reports-title">
        <h1 id="reports-title">{P.listTitle}</h1>
        <PublishedReportList code={agency.code} reports={reports} />
      </section>
    </PortalLayout>
  );
}

function PublishedReportPage({ agency, ws, charts, elder }: { agency: Agency; ws: ReportWorkspace; charts: ReportChartSvgs; elder: boolean }): SafeHtml {
  const year = ws.report.year;
  const path = `/gk/${agency.code}/reports/${year}`;
  return (
    <PortalLayout
      title={P.title(year)}
      agency={agency}
      nav={agencyNav(agency.code)}
      currentPath={path}
      elder={elder}
      description={`${agency.name}${P.title(year)}`}
    >
      <Crumbs
        items={[
          { label: t.site.home, href: '/' },
          { label: agency.name, href: `/gk/${agency.code}/` },
          { label: t.nav.reports, href: `/gk/${agency.code}/reports` },
          { label: P.title(year) },
        ]}
      />
      <div class="card report-card">
        {ws.stored?.origin === 'imported' ? <p class="muted">{P.imported}</p> : null}
        <ReportArticle report={ws.report} charts={charts} />
        <nav class="report-downloads" aria-label={P.downloads}>
          <h2>{P.downloads}</h2>
          <ul>
            {DOWNLOADS.map((f) => (
              <li>
                <a href={`${path}/download/${f}`}>{P.download[f]}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </PortalLayout>
  );
}

/** The public routes of the 公开年报 column; only published reports are visible. */
export async function registerReportPortalRoutes(parent: FastifyInstance): Promise<void> {
  await parent.register(async (scope) => reportPortalRoutes(zodRoutes(scope)));
}

const codeParams = z.object({ code: agencyCodeParam });
const yearParams = codeParams.extend({ year: yearParam() });
const downloadParams = yearParams.extend({ format: pathParam(z.enum(DOWNLOADS)) });

function reportPortalRoutes(app: ZodRoutes): void {
  const { db, clock } = app.deps;
  // A published report is frozen: building it never reads the sources.
  const deps = { db, clock, sources: emptySources };
  const published = async (code: string, year: number) => {
    const agency = await getAgencyByCode(db, code);
    const stored = await getStoredReport(db, agency.id, year);
    if (stored?.status !== 'published') throw notFound();
    return { agency, ws: await prepareReport(deps, agency, year) };
  };

  app.get('/gk/:code/reports', { schema: { params: codeParams } }, async (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const agency = await getAgencyByCode(db, request.params.code);
      return <ReportsColumnPage agency={agency} reports={await listPublishedReports(db, agency.id)} elder={request.elder} />;
    }),
  );

  app.get('/gk/:code/reports/:year', { schema: { params: yearParams } }, async (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const { agency, ws } = await published(request.params.code, request.params.year);
      const charts = await reportChartSvgs(ws.report, ws.comparison);
      return <PublishedReportPage agency={agency} ws={ws} charts={charts} elder={request.elder} />;
    }),
  );

  app.get('/gk/:code/reports/:year/download/:format', { schema: { params: downloadParams } }, async (request, reply) => {
    const { agency, ws } = await published(request.params.code, request.params.year);
    return sendReportFile(reply, ws, agency.code, request.params.format);
  });
}
